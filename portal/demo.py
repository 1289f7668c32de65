"""Demo institution and accounts for `make run`: fixed credentials, printed, safe to load again."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from .models import InstitutionSettings, NonWorkingDay, User

DEMO_PASSWORD = "Ghiseul-Demo-2026"

# Fixed authenticator secrets, so the codes in a phone keep working after the demo data is loaded again.
STAFF = {
    "admin": ("admin@ghiseul.demo", "Adrian", "Administrator", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA"),
    "head_urbanism": ("sef.urbanism@ghiseul.demo", "Gheorghe", "Moldovan", "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA"),
    "clerk_urbanism": ("referent.urbanism@ghiseul.demo", "Ioana", "Pop", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"),
    "clerk_urbanism_2": ("ugyintezo.urbanism@ghiseul.demo", "Levente", "Kovács", "ON2HE2LOM4QGS4ZANF3GK4TZEBXGK53A"),
    "head_registry": ("sef.registratura@ghiseul.demo", "Erzsébet", "Szabó", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    "clerk_registry": (
        "referent.registratura@ghiseul.demo",
        "Mihai",
        "Dumitrescu",
        "MZXW6YTBOI2DKNRXHA4TAMJSGM2DKNRX",
    ),
    "head_taxes": ("sef.taxe@ghiseul.demo", "Cristina", "Ionescu", "NB2HI4DTHIXS6ZLYMFWXA3DFFZRW63JP"),
    "clerk_taxes": ("referent.taxe@ghiseul.demo", "Attila", "Nagy", "OBQXG43XN5ZGIZLYMFWXA3DFNZQW2ZJQ"),
    "quality": ("calitate@ghiseul.demo", "Maria", "Constantinescu", "IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2U"),
    "editor": ("editor@ghiseul.demo", "Réka", "Fazakas", "KVKFKRCPJFHVGUKSKRDVKVCVKRHE2USA"),
}
CITIZENS = [
    ("ana.popescu@example.ro", "Ana", "Popescu", "ro"),
    ("kovacs.zsofia@example.ro", "Zsófia", "Kovács", "hu"),
    ("ion.muresan@example.ro", "Ion", "Mureșan", "ro"),
    ("szabo.bence@example.ro", "Bence", "Szabó", "hu"),
    ("elena.stan@example.ro", "Elena", "Stan", "ro"),
    ("john.smith@example.com", "John", "Smith", "en"),
    ("vasile.rusu@example.ro", "Vasile", "Rusu", "ro"),
    ("fekete.anna@example.ro", "Anna", "Fekete", "hu"),
]


def load_institution():
    institution = InstitutionSettings.load()
    institution.name = "Primăria Municipiului Exemplu"
    institution.name_hu = "Példa Municipium Polgármesteri Hivatala"
    institution.name_en = "Exemplu City Hall"
    institution.fiscal_code = "4245763"
    institution.registration_prefix = "PMX"
    institution.address = "Piața Libertății nr. 1, 530140 Exemplu"
    institution.email = "registratura@primaria-exemplu.ro"
    institution.phone = "0266 123 456"
    institution.save()
    NonWorkingDay.objects.get_or_create(date="2026-12-24", defaults={"reason": "Zi liberă (Ajunul Crăciunului)"})
    NonWorkingDay.objects.get_or_create(date="2027-01-08", defaults={"reason": "Zi liberă punte"})
    return institution


def demo_account(email, first, last, *, staff=False, language="ro"):
    user, _created = User.objects.get_or_create(email=email)
    user.first_name, user.last_name, user.is_staff = first, last, staff
    user.preferred_language = language
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load_accounts():
    """Returns the staff accounts by role key and the citizens, each with what it takes to sign in."""
    staff = {}
    for key, (email, first, last, secret) in STAFF.items():
        user = demo_account(email, first, last, staff=True, language="hu" if key == "clerk_urbanism_2" else "ro")
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, secret)
        user.totp_secret = secret
        user.recovery_code = RecoveryCodes.activate(user).get_unused_codes()[0]
        staff[key] = user
    admin = staff["admin"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    citizens = [demo_account(email, first, last, language=lang) for email, first, last, lang in CITIZENS]
    return staff, citizens
