"""Importing the tax roll: all or nothing, the same file twice changes nothing, errors by line."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from payments import roll_file, taxroll
from payments.models import AuditEvent, Obligation, Taxpayer

from .factories import ObligationFactory, TaxpayerFactory

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "rol;cnp_cui;nume;adresa;cod_acces;tip;an;referinta;suma;platit;scadenta\n"


def _import(name, **kwargs):
    with open(FIXTURES / name, "rb") as handle:
        return taxroll.import_roll(handle, file_name=name, **kwargs)


def _text(text, **kwargs):
    return taxroll.import_roll(io.BytesIO(text.encode()), file_name="roll.csv", **kwargs)


def _row(
    role="R100",
    identifier="1800101221144",
    kind="cladire",
    reference="Str. Florilor nr. 3",
    amount="1.234,56",
    paid="",
    due="",
    code="",
):
    return (
        f"{role};{identifier};Ana Popescu;Str. Florilor nr. 3;{code};{kind};2026;{reference};{amount};{paid};{due}\n"
    )


def _obligation(reference):
    return Obligation.objects.get(reference=reference)


@pytest.fixture
def imported(db):
    return _import("roll_semicolons.csv")


def test_a_good_file_creates_its_taxpayers_and_obligations(imported):
    assert imported.ok, imported.errors
    assert (imported.taxpayers_created, imported.obligations_created) == (3, 7)
    assert Taxpayer.objects.get(role_number="R200").kind == Taxpayer.Kind.COMPANY
    assert Taxpayer.objects.get(role_number="R200").identifier == "18547290"


def test_an_annual_tax_over_50_lei_is_due_in_two_instalments(imported):
    building = _obligation("Str. Florilor nr. 3")
    assert (building.amount, building.first_due, building.first_amount) == (123456, datetime.date(2026, 3, 31), 61728)
    assert (building.second_due, building.second_amount) == (datetime.date(2026, 9, 30), 61728)


def test_up_to_50_lei_of_a_kind_is_due_in_one_instalment(imported):
    land = _obligation("CF 401234")
    assert (land.amount, land.first_amount, land.second_due, land.second_amount) == (4620, 4620, None, 0)


def test_the_50_lei_threshold_counts_all_of_the_taxpayers_amounts_of_that_kind(imported):
    parcel = _obligation("CF 1")
    assert (parcel.first_amount, parcel.second_amount) == (1500, 1500)


def test_a_fee_is_due_on_its_own_date_and_what_was_paid_is_kept(imported):
    assert _obligation("Autorizație 12/2026").first_due == datetime.date(2026, 6, 15)
    assert _obligation("PV 123").first_due == datetime.date(2026, 7, 1)
    assert _obligation("TM-12-ANA").paid_before_import == 21600


def test_the_access_code_of_the_file_is_set(imported):
    assert Taxpayer.objects.get(role_number="R100").check_access_code("K7P2-9QX4")


def test_importing_the_same_file_twice_changes_nothing(imported):
    again = _import("roll_semicolons.csv")
    assert (again.taxpayers_created, again.taxpayers_updated, again.taxpayers_unchanged) == (0, 0, 3)
    assert (again.obligations_created, again.obligations_updated, again.obligations_unchanged) == (0, 0, 7)


def test_a_changed_amount_updates_the_obligation_and_its_instalments(db):
    _text(HEADER + _row(amount="100,00"))
    result = _text(HEADER + _row(amount="40,00"))
    assert (result.obligations_updated, result.obligations_created) == (1, 0)
    obligation = Obligation.objects.get()
    assert (obligation.amount, obligation.first_amount, obligation.second_due) == (4000, 4000, None)


def test_a_blank_access_code_keeps_the_existing_one(db):
    _text(HEADER + _row(code="K7P2-9QX4"))
    result = _text(HEADER + _row(code=""))
    assert result.taxpayers_unchanged == 1
    assert Taxpayer.objects.get().check_access_code("K7P2-9QX4")


def test_an_amount_below_what_was_paid_online_is_a_row_error(db):
    _text(HEADER + _row(amount="100,00"))
    Obligation.objects.update(principal_paid=6000)
    result = _text(HEADER + _row(amount="50,00"))
    assert [error.line for error in result.errors] == [2]
    assert Obligation.objects.get().amount == 10000


def test_an_amount_at_least_what_was_paid_online_updates(db):
    _text(HEADER + _row(amount="100,00"))
    Obligation.objects.update(principal_paid=6000)
    assert _text(HEADER + _row(amount="60,00")).obligations_updated == 1


def test_a_bad_file_imports_nothing_and_names_the_lines_of_its_errors(db):
    result = _import("roll_bad.csv")
    assert [error.line for error in result.errors] == [3, 4, 5, 6]
    assert not Taxpayer.objects.exists()
    assert not Obligation.objects.exists()
    assert not AuditEvent.objects.filter(action="tax_roll_imported").exists()


def test_an_error_found_against_the_database_rolls_back_the_whole_file(db):
    _text(HEADER + _row(amount="100,00"))
    Obligation.objects.update(principal_paid=6000)
    _text(HEADER + _row(role="R900", identifier="2850315123457", reference="X") + _row(amount="50,00"))
    assert not Taxpayer.objects.filter(role_number="R900").exists()


def test_one_role_number_with_two_identifiers_is_an_error(db):
    result = _text(HEADER + _row() + _row(identifier="2850315123457", kind="teren"))
    assert [error.line for error in result.errors] == [3]


def test_an_identifier_already_on_the_roll_under_another_role_number_is_an_error(db):
    TaxpayerFactory(identifier="1800101221144", role_number="R555")
    result = _text(HEADER + _row())
    assert [error.line for error in result.errors] == [2]


def test_a_quoted_field_over_two_lines_keeps_the_following_line_numbers_right(db):
    multi = '"R100";1800101221144;Ana Popescu;"Str. Florilor\nnr. 3";;cladire;2026;A;100;;\n'
    result = _text(HEADER + multi + _row(kind="vapor"))
    assert [error.line for error in result.errors] == [4]


def test_a_missing_column_is_an_error_of_the_header(db):
    result = _text("rol;nume;tip;an;suma\nR1;Ana;teren;2026;10\n")
    assert [error.line for error in result.errors] == [1]


def test_a_windows_1250_file_is_read_and_said_so(db):
    result = _import("roll_cp1250.csv")
    assert result.ok, result.errors
    assert result.encoding == "cp1250"
    assert Taxpayer.objects.get().name == "Ştefan Ţăranu"


def test_a_comma_separated_file_with_english_headers_imports(db):
    result = _import("roll_commas.csv")
    assert result.ok, result.errors
    assert sorted(Obligation.objects.values_list("amount", flat=True)) == [4620, 123456]
    assert Taxpayer.objects.get().address == "Str. Florilor nr. 3, Lugoj"


@pytest.mark.parametrize(
    ("text", "bani"),
    [
        ("1234,56", 123456),
        ("1.234,56", 123456),
        ("1234.56", 123456),
        ("1 234,56", 123456),
        ("1.234", 123400),
        ("12", 1200),
        ("1,234.56", 123456),
    ],
)
def test_amounts_are_read_as_romanian_exports_write_them(text, bani):
    assert roll_file.bani(text, "suma") == bani


@pytest.mark.parametrize("text", ["12,345", "abc", "1,2,3", "1.5.x"])
def test_a_malformed_amount_is_refused(text):
    with pytest.raises(ValueError):
        roll_file.bani(text, "suma")


def test_a_successful_import_is_audited_with_the_files_hash(db, tax_clerk):
    result = _import("roll_semicolons.csv", by=tax_clerk)
    event = AuditEvent.objects.get(action="tax_roll_imported")
    assert (event.actor, event.data["sha256"], event.data["file_name"]) == (
        tax_clerk,
        result.sha256,
        "roll_semicolons.csv",
    )
    assert event.data["obligations_created"] == 7


def test_a_dry_run_counts_and_imports_nothing(db):
    result = _import("roll_semicolons.csv", dry_run=True)
    assert result.obligations_created == 7
    assert not Obligation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_online_payment_keeps_its_obligation_unchanged_when_the_roll_has_the_same_amount(db):
    obligation = ObligationFactory(
        amount=10000,
        source_key="R7:building:2026:X",
        reference="X",
        taxpayer=TaxpayerFactory(identifier="1800101221144", role_number="R7"),
    )
    Obligation.objects.filter(pk=obligation.pk).update(principal_paid=10000)
    result = _text(HEADER + _row(role="R7", reference="X", amount="100,00"))
    assert result.obligations_unchanged == 1


# --- the command -------------------------------------------------------------------------------------------------


def test_the_command_imports_and_prints_the_counts(db):
    out = io.StringIO()
    call_command("import_tax_roll", str(FIXTURES / "roll_semicolons.csv"), stdout=out)
    assert "Obligations: 7 created" in out.getvalue()
    assert Obligation.objects.count() == 7


def test_the_command_with_dry_run_imports_nothing(db):
    call_command("import_tax_roll", str(FIXTURES / "roll_semicolons.csv"), "--dry-run", stdout=io.StringIO())
    assert not Obligation.objects.exists()


def test_the_command_prints_the_errors_and_exits_with_1(db):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_tax_roll", str(FIXTURES / "roll_bad.csv"), stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert "line 3:" in err.getvalue()


# --- the upload page ---------------------------------------------------------------------------------------------


def _upload(name="roll_semicolons.csv", content=None):
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes(), "text/csv")


def test_the_tax_department_imports_the_roll_from_the_page(client, tax_clerk):
    client.force_login(tax_clerk)
    response = client.post(reverse("payments:roll_import"), {"file": _upload()})
    assert response.status_code == 200
    assert Obligation.objects.count() == 7
    assert AuditEvent.objects.get(action="tax_roll_imported").actor == tax_clerk


def test_check_only_on_the_page_imports_nothing(client, tax_clerk):
    client.force_login(tax_clerk)
    response = client.post(reverse("payments:roll_import"), {"file": _upload(), "check_only": "on"})
    assert response.context["result"].obligations_created == 7
    assert not Obligation.objects.exists()


def test_the_page_shows_the_errors_by_line(client, tax_clerk):
    client.force_login(tax_clerk)
    response = client.post(reverse("payments:roll_import"), {"file": _upload("roll_bad.csv")})
    assert [error.line for error in response.context["result"].errors] == [3, 4, 5, 6]
    assert "1800101221145" in response.content.decode()


def test_the_page_lists_recent_imports(client, tax_clerk):
    _import("roll_semicolons.csv", by=tax_clerk)
    client.force_login(tax_clerk)
    assert "roll_semicolons.csv" in client.get(reverse("payments:roll_import")).content.decode()


def test_the_page_refuses_a_file_that_is_not_csv(client, tax_clerk):
    client.force_login(tax_clerk)
    response = client.post(reverse("payments:roll_import"), {"file": _upload("roll.xlsx", b"PK\x03\x04")})
    assert response.context["form"].errors["file"]
    assert not Taxpayer.objects.exists()


def test_a_citizen_may_not_import_the_roll(client, citizen):
    client.force_login(citizen)
    assert client.post(reverse("payments:roll_import"), {"file": _upload()}).status_code == 403
    assert not Taxpayer.objects.exists()


def test_a_clerk_of_another_department_may_not_import_the_roll(client, clerk):
    client.force_login(clerk)
    assert client.post(reverse("payments:roll_import"), {"file": _upload()}).status_code == 403
    assert not Taxpayer.objects.exists()


def test_tax_staff_without_the_permission_to_add_obligations_may_not_import(client, tax_clerk):
    from django.contrib.auth.models import Permission

    tax_clerk.user_permissions.add(Permission.objects.get(codename="view_payment"))
    tax_clerk.groups.clear()
    client.force_login(tax_clerk)
    assert client.get(reverse("payments:roll_import")).status_code == 403


def test_a_changed_name_and_access_code_update_the_taxpayer(db):
    _text(HEADER + _row(code="K7P2-9QX4"))
    result = _text(HEADER + _row(code="NEW-CODE").replace("Ana Popescu", "Ana Popescu-Ionescu"))
    assert (result.taxpayers_updated, result.obligations_unchanged) == (1, 1)
    taxpayer = Taxpayer.objects.get()
    assert taxpayer.name == "Ana Popescu-Ionescu"
    assert taxpayer.check_access_code("NEW-CODE")
