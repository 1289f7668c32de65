"""`manage.py load_demo_data`: the demo institution, its people, catalogue, cases and public site (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms import roles as cms_roles
from cms.demo import load_site
from investments import demo as investments_demo
from payments import demo as payments_demo
from payments import demo_roll
from payments.roles import tax_group
from petitions import demo as petitions_demo
from portal import demo as portal_demo
from quality import demo as quality_demo
from quality import demo_improvement as quality_improvement_demo
from services import demo as services_demo
from services.permits import demo as permits_demo
from services.roles import ensure_groups, registry_group

# Each request kind's part of the demo catalogue.
CATALOGUES = (permits_demo, payments_demo, petitions_demo)


class Command(BaseCommand):
    help = "Load the demo institution, accounts, procedures, services, cases and home page. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300, help="How many cases to replay on an empty database.")

    def handle(self, *args, **options):
        with transaction.atomic():
            institution = portal_demo.load_institution()
            staff, citizens = portal_demo.load_accounts()
            _departments, services = services_demo.load_catalogue(staff, CATALOGUES)
            staff["quality"].groups.add(ensure_groups())
            for key in ("clerk_registry", "head_registry"):
                staff[key].groups.add(registry_group())
            for key in ("clerk_taxes", "head_taxes"):
                staff[key].groups.add(tax_group())
            load_site(institution.name, services)
            # After the site: on a database whose page tree or collections were emptied, `load_site` makes their
            # roots, and the editors' permissions are granted on those roots.
            editors, _reviewers = cms_roles.ensure_groups()
            staff["editor"].groups.add(editors)
            quality_demo.load_register(staff)
            investments_demo.load_investments(staff)
        created = services_demo.load_cases(services, citizens, CATALOGUES, count=options["cases"])
        quality_improvement_demo.load_nonconformities(staff)
        quality_improvement_demo.load_self_assessment(staff)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new cases)."))
        self.stdout.write("")
        self.stdout.write(f"Every demo account's password: {portal_demo.DEMO_PASSWORD}")
        self.stdout.write("Citizens (e-mail already verified):")
        for user in citizens[:3]:
            self.stdout.write(f"  {user.email}")
        self.stdout.write(
            "Staff (two-factor authentication: add the secret to an authenticator app, or use the recovery code once):"
        )
        for key, user in staff.items():
            self.stdout.write(
                f"  {key:17} {user.email:38} TOTP secret {user.totp_secret}  recovery code {user.recovery_code}"
            )
        demo_roll.load_roll(citizens, out=self.stdout)
