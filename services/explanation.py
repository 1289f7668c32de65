"""How a case's due date was counted, in the terms its pages explain it: the rule, suspensions, extension, days off.

The due date the workflow stores is this explanation's `due` (`workflow.compute_due_date`), counted by the one call
to the deadline engine made here, so a page never explains a date other than the one stored. Everything the pages
add to it (the legal basis, the reasons, who extended, the names of the holidays) is read on first use only: the
workflow, which needs just the date, pays for the suspensions it always read and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone
from django.utils.translation import get_language

from .calendar import institution_calendar
from .deadlines import Calendar, DayOff, DueDateExplanation, explain_due_date, public_holiday_name
from .models import CaseEvent

__all__ = [
    "CaseDeadlineExplanation",
    "Extension",
    "NonWorkingDays",
    "PublicHoliday",
    "SuspensionExplained",
    "explain_case_deadline",
]

Action = CaseEvent.Action


@dataclass(frozen=True)
class SuspensionExplained:
    """One completion request: the clock stood still from `started_on` to `ended_on` (None while it still does).

    `reason` is the request's note, `public` whether the applicant was shown the request (a page for the applicant
    shows the reason only then); `held_back` the days of the term it held back (None while open)."""

    started_on: date
    ended_on: date | None
    held_back: int | None
    reason: str
    public: bool

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class Extension:
    """The extension of the term: days added, when and why, and (for staff pages) who decided it."""

    days: int
    decided_on: date | None
    reason: str
    event: CaseEvent | None

    @property
    def decided_by(self) -> str:
        """The name of the head who decided it; read on first use (staff pages select the actor with the events)."""
        actor = self.event.actor if self.event is not None else None
        return actor.display_name if actor is not None else ""


@dataclass(frozen=True)
class PublicHoliday:
    day: date
    name: str | None  # in the active language, where the `holidays` package has one


@dataclass(frozen=True)
class NonWorkingDays:
    """Days not worked, grouped as a citizen reads them: weekends as a number, holidays and days off by date."""

    weekend_days: int
    public_holidays: tuple[PublicHoliday, ...]
    days_off: tuple[date, ...]
    suspended_days: int

    def __bool__(self) -> bool:
        return bool(self.weekend_days or self.public_holidays or self.days_off or self.suspended_days)

    @classmethod
    def of(cls, days: tuple[DayOff, ...], language: str) -> NonWorkingDays:
        return cls(
            weekend_days=sum(d.why == "weekend" for d in days),
            public_holidays=tuple(
                PublicHoliday(d.day, public_holiday_name(d.day, language)) for d in days if d.why == "public_holiday"
            ),
            days_off=tuple(d.day for d in days if d.why == "day_off"),
            suspended_days=sum(d.why == "suspended" for d in days),
        )


class CaseDeadlineExplanation:
    """The case's deadline, explained. `due` is None while a suspension is open (`running` is False, the clock has
    been stopped since `stopped_since`); `counted` is the engine's explanation, None then."""

    def __init__(self, case, counted: DueDateExplanation | None, periods: list, events, calendar: Calendar) -> None:
        self.case = case
        self.counted = counted
        self._periods = periods
        self._events = events
        self._calendar = calendar

    @property
    def due(self) -> date | None:
        return self.counted.due if self.counted is not None else None

    @property
    def running(self) -> bool:
        return self.counted is not None

    @property
    def recounted(self) -> bool:
        """The count gives another date than the one stored: the institution's days off changed after the case was
        last counted (a closed case keeps the due date it was judged by; an open one is counted again shortly)."""
        return self.counted is not None and self.case.due_date is not None and self.counted.due != self.case.due_date

    @property
    def stopped_since(self) -> date | None:
        return next((p.started_on for p in self._periods if p.ended_on is None), None)

    # The rule, as frozen on the case when it was registered.

    @property
    def days(self) -> int:
        return self.case.deadline_days

    @property
    def unit(self) -> str:
        return self.case.deadline_unit

    @property
    def working(self) -> bool:
        return self.case.deadline_unit == "working"

    @property
    def procedure_code(self) -> str:
        return self.case.procedure_code

    @property
    def edition(self) -> int:
        return self.case.procedure_edition

    @property
    def revision(self) -> int:
        return self.case.procedure_revision

    @property
    def legal_basis(self) -> str:
        """The procedure's legal basis in the active language (the pages select the procedure with the case)."""
        return self.case.procedure.tr.legal_basis

    @property
    def registered_on(self) -> date:
        return self.case.registered_on

    @property
    def last_counted_day(self) -> date | None:
        return self.counted.last_counted_day if self.counted is not None else None

    @property
    def moved_from(self) -> date | None:
        return self.counted.moved_from if self.counted is not None else None

    @cached_property
    def _event_list(self) -> list:
        events = self.case.events.all() if self._events is None else self._events
        return sorted(
            (e for e in events if e.action in (Action.COMPLETION_REQUESTED, Action.EXTENDED)),
            key=lambda e: (e.at, e.pk or 0),
        )

    @cached_property
    def suspensions(self) -> tuple[SuspensionExplained, ...]:
        """Each completion request with its reason: the request event of the day the suspension began (the workflow
        writes both in one transaction), taken in order when a day had more than one."""
        requests = [e for e in self._event_list if e.action == Action.COMPLETION_REQUESTED]
        explained = []
        for period in self._periods:
            event = next((e for e in requests if timezone.localdate(e.at) == period.started_on), None)
            if event is not None:
                requests.remove(event)
            held_back = None
            if period.ended_on is not None and self.counted is not None:
                held_back = self.counted.held_back_by(period.started_on, period.ended_on)
            explained.append(
                SuspensionExplained(
                    started_on=period.started_on,
                    ended_on=period.ended_on,
                    held_back=held_back,
                    reason=event.note if event is not None else "",
                    public=event is not None and event.visible_to_applicant,
                )
            )
        return tuple(explained)

    @cached_property
    def extension(self) -> Extension | None:
        if not self.case.extension_days:
            return None
        event = next((e for e in reversed(self._event_list) if e.action == Action.EXTENDED), None)
        return Extension(
            days=self.case.extension_days,
            decided_on=timezone.localdate(event.at) if event is not None else None,
            reason=event.note if event is not None else "",
            event=event,
        )

    @cached_property
    def skipped(self) -> NonWorkingDays:
        """The non-working days a working-day term did not count (nothing for calendar days, which count them)."""
        return NonWorkingDays.of(self.counted.skipped if self.counted else (), get_language() or "ro")

    @cached_property
    def worked(self) -> tuple[date, ...]:
        """Saturdays, Sundays or public holidays the institution worked, which a working-day term counted."""
        return self.counted.worked if self.counted is not None else ()

    @cached_property
    def moved_over(self) -> NonWorkingDays:
        """The days the due date was moved over to reach a working day outside any suspension."""
        return NonWorkingDays.of(self.counted.moved_over if self.counted else (), get_language() or "ro")

    @cached_property
    def initial_due(self) -> date:
        """The due date without the extension, over the completed suspensions (an open one is not yet counted):
        an extension must be decided before it."""
        return explain_due_date(
            self.case.registered_on,
            self.case.deadline_days,
            self.case.deadline_unit,
            calendar=self._calendar,
            suspensions=[(p.started_on, p.ended_on) for p in self._periods if p.ended_on is not None],
        ).due


def explain_case_deadline(case, *, calendar: Calendar | None = None, events=None) -> CaseDeadlineExplanation:
    """The case's due date and how it was counted, under the institution's calendar (or `calendar`).

    `events` are the events the reasons and the extension are read from: a page for the applicant passes only those
    the applicant sees, so an internal note never reaches it; by default the case's own (prefetched or not). Reads
    the case's suspensions once (prefetched or not); the rest only when a page asks for it."""
    calendar = calendar or institution_calendar()
    periods = sorted(case.suspensions.all(), key=lambda p: (p.started_on, p.pk or 0))
    counted = None
    if all(p.ended_on is not None for p in periods):
        counted = explain_due_date(
            case.registered_on,
            case.deadline_days,
            case.deadline_unit,
            calendar=calendar,
            suspensions=[(p.started_on, p.ended_on) for p in periods],
            extension_days=case.extension_days,
        )
    return CaseDeadlineExplanation(case, counted, periods, events, calendar)
