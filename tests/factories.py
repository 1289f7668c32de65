"""factory_boy factories shared by every test package."""

import datetime
import io
import struct
import zlib

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from portal.models import User
from services import registration
from services.models import Case, Department, Membership, Procedure, RequiredDocument, Service

PASSWORD = "Parola-de-test-2026"


def make_pdf(*, javascript=None, open_action=False, attachment=None, password=None):
    """A real one-page PDF, made by pypdf; optionally with the active content uploads must not carry."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)}
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("js"), writer._add_object(action)])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    if open_action:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
        )
    if attachment:
        writer.add_attachment(*attachment)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = make_pdf()


def _png_chunk(kind, data):
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack("!IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    + _png_chunk(b"IEND", b"")
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"cetatean{n}@example.ro")
    first_name = factory.Iterator(["Ana", "Ioan", "Zsófia", "Mihai", "Réka", "Elena"])
    last_name = factory.Iterator(["Popescu", "Ionescu", "Kovács", "Dumitrescu", "Szabó", "Mureșan"])
    preferred_language = "ro"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Citizens have a verified e-mail address unless `verified=False`."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    """A staff account with two-factor authentication set up; its TOTP secret is `user.totp_secret`."""

    email = factory.Sequence(lambda n: f"functionar{n}@primarie.ro")
    is_staff = True

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"Direcția {n}")
    name_hu = factory.Sequence(lambda n: f"{n}. Igazgatóság")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    department = factory.SubFactory(DepartmentFactory)
    user = factory.SubFactory(StaffFactory)
    role = Membership.Role.CLERK


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"PO-TEST-{n:02d}")
    title = factory.Sequence(lambda n: f"Procedura de test {n}")
    title_hu = factory.Sequence(lambda n: f"{n}. tesztelési eljárásrend")
    edition = 1
    revision = 0
    effective_date = datetime.date(2025, 1, 1)
    owner_department = factory.SubFactory(DepartmentFactory)
    legal_basis = "OG 27/2002, art. 8"
    deadline_days = 30
    deadline_unit = "calendar"
    extension_allowed = True
    extension_max_days = 15
    suspension_allowed = True
    reminder_days = 3


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    slug = factory.Sequence(lambda n: f"serviciu-{n}")
    title = factory.Sequence(lambda n: f"Serviciul {n}")
    title_hu = factory.Sequence(lambda n: f"{n}. szolgáltatás")
    description = "Descrierea serviciului."
    # A kind that keeps the spine's shared behaviour (a tax request is decided by the shared resolution); the tests
    # of permits and petitions name their own kind.
    kind = "tax"
    procedure = factory.SubFactory(ProcedureFactory)
    fee_bani = 0


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    service = factory.SubFactory(ServiceFactory)
    name = "Extras de carte funciară"
    name_hu = "Telekkönyvi kivonat"
    accepted_types = "application/pdf"
    max_size_mb = 5


class CaseFactory(factory.Factory):
    """Registers a case through the workflow, as the portal does; `registered_at` may be in the past."""

    class Meta:
        model = Case

    service = factory.SubFactory(ServiceFactory)
    applicant = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Cerere {n}")
    details = "Detaliile cererii."
    registered_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return registration.register_case(**kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("A case exists only once registered: use CaseFactory.create().")
