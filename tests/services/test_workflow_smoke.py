from tests.factories import CaseFactory


def test_a_registered_case_gets_a_number_and_a_due_date(service, citizen, django_capture_on_commit_callbacks,
                                                         mailoutbox):
    case = CaseFactory(service=service, applicant=citizen)
    assert case.registration_number.endswith("-000001")
    assert case.due_date is not None
