"""The demo tax roll: taxpayers of two demo citizens and of a company, with this year's taxes and an unpaid land tax
of last year (so late increments show), and Ana's account already linked. Safe to load again."""

from django.db import transaction
from django.utils import timezone

from portal.identifiers import is_valid_cnp, is_valid_cui

from . import taxrules
from .models import Obligation, Taxpayer, TaxpayerLink
from .rules import institution_rules

ACCESS_CODE = "DEMO-2026"

# e-mail of the citizen linked at once (or None), kind, CNP/CUI, name, address, role number, obligations:
# (kind, years back, reference, lei, paid lei)
TAXPAYERS = [
    (
        "ana.popescu@example.ro",
        "person",
        "2850315350129",
        "Ana Popescu",
        "Str. Florilor nr. 3, Lugoj",
        "DEMO-0001",
        [
            ("building", 0, "Str. Florilor nr. 3", 845_60, 0),
            ("land", 0, "Str. Florilor nr. 3, CF 401234", 46_20, 0),
            ("vehicle", 0, "TM-12-ANA", 432_00, 216_00),
            ("land", 1, "Str. Florilor nr. 3, CF 401234", 44_80, 0),
        ],
    ),
    (
        None,
        "person",
        "2780622350045",
        "Kovács Zsófia",
        "Str. Bela Bartok nr. 12, Lugoj",
        "DEMO-0002",
        [
            ("building", 0, "Str. Bela Bartok nr. 12", 512_30, 0),
            ("vehicle", 0, "TM-07-KZS", 38_00, 0),
        ],
    ),
    (
        None,
        "company",
        "18547290",
        "Exemplu Construct SRL",
        "Str. Industriei nr. 7, Lugoj",
        "DEMO-0003",
        [
            ("building", 0, "Hala Str. Industriei nr. 7", 12_480_00, 0),
            ("land", 0, "Str. Industriei nr. 7, CF 405678", 2_310_50, 0),
        ],
    ),
]


def _obligations(taxpayer, rows, rules, this_year):
    totals = {}
    for kind, back, _reference, lei, _paid in rows:
        totals[(kind, this_year - back)] = totals.get((kind, this_year - back), 0) + lei
    for kind, back, reference, lei, paid in rows:
        year = this_year - back
        plan = taxrules.instalment_plan(kind, year, lei, rules, kind_total=totals[(kind, year)])
        Obligation.objects.get_or_create(
            source_key=f"{taxpayer.role_number}:{kind}:{year}:{reference}",
            defaults={
                "taxpayer": taxpayer,
                "kind": kind,
                "fiscal_year": year,
                "reference": reference,
                "amount": lei,
                "first_due": plan[0].due,
                "first_amount": plan[0].amount,
                "second_due": plan[1].due if len(plan) > 1 else None,
                "second_amount": plan[1].amount if len(plan) > 1 else 0,
                "paid_before_import": paid,
            },
        )


def load_roll(citizens, out=None):
    """The demo taxpayers and their obligations; Ana linked by her tax notice. With `out`, prints what it takes to
    link the others (role number, CNP/CUI, access code) with the other demo credentials."""
    by_email = {user.email: user for user in citizens}
    rules = institution_rules()
    this_year = timezone.localdate().year
    loaded = []
    with transaction.atomic():
        for email, kind, identifier, name, address, role_number, rows in TAXPAYERS:
            if not (is_valid_cnp(identifier) if kind == "person" else is_valid_cui(identifier)):
                raise ValueError(f"The demo identifier {identifier} is not valid")
            taxpayer, created = Taxpayer.objects.get_or_create(
                role_number=role_number,
                defaults={"kind": kind, "identifier": identifier, "name": name, "address": address},
            )
            if created:
                taxpayer.set_access_code(ACCESS_CODE)
                taxpayer.save(update_fields=["access_code_hash"])
            _obligations(taxpayer, rows, rules, this_year)
            user = by_email.get(email)
            if (
                user is not None
                and not TaxpayerLink.objects.filter(
                    user=user, taxpayer=taxpayer, status=TaxpayerLink.Status.ACTIVE
                ).exists()
            ):
                TaxpayerLink.objects.create(
                    user=user,
                    taxpayer=taxpayer,
                    method=TaxpayerLink.Method.NOTICE,
                    status=TaxpayerLink.Status.ACTIVE,
                    decided_at=timezone.now(),
                )
            loaded.append((taxpayer, user))
    # After the roll is committed: the payment's own transactions run the ledger as the webhook would.
    _demo_payment(loaded)
    if out is not None:
        out.write(f"Tax roll (access code {ACCESS_CODE} on every demo tax notice):")
        for taxpayer, user in loaded:
            linked = f"linked to {user.email}" if user else "not linked"
            out.write(f"  {taxpayer.role_number:10} CNP/CUI {taxpayer.identifier:13}  {taxpayer.name} ({linked})")
    return [taxpayer for taxpayer, _user in loaded]


def _demo_payment(loaded):
    """One payment of the first linked taxpayer's newest land tax, made through the demo provider's real path (its
    signed events, the ledger, the receipt), so "My payments" and the tax department's queue show something. Once."""
    from . import checkout
    from .models import DemoCheckout, Obligation, Payment
    from .providers import demo

    for taxpayer, user in loaded:
        if user is None:
            continue
        if Payment.objects.filter(payer=user).exists():
            return
        land = Obligation.objects.filter(taxpayer=taxpayer, kind=Obligation.Kind.LAND).order_by("-fiscal_year").first()
        if land is None:
            return
        payment, _url = checkout.start(
            payer=user,
            obligations=[land],
            language=user.preferred_language or "ro",
            success_url="/impozite/plata/{token}/",
            cancel_url="/impozite/plata/{token}/?renuntat=1",
        )
        # The receipt's e-mail is not printed among the demo credentials: the address is put back once it is paid.
        Payment.objects.filter(pk=payment.pk).update(payer_email="")
        demo.complete(DemoCheckout.objects.get(session_id=payment.provider_reference), "pay")
        Payment.objects.filter(pk=payment.pk).update(payer_email=user.email)
        return
