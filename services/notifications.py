"""E-mails of the Case spine (filled in below)."""


def registration_receipt(case_id):
    raise NotImplementedError


def event_to_applicant(event_id):
    raise NotImplementedError


def due_reminders():
    raise NotImplementedError


def overdue_digests():
    raise NotImplementedError
