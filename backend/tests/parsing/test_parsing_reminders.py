"""Reminders as people type them (parsing/reminders.py), read against Thursday 2026-11-26 10:00."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from todo_chatbot.parsing import parse_quick_add

pytestmark = pytest.mark.nodb

NOW = datetime(2026, 11, 26, 10, 0)


@pytest.mark.parametrize(
    "text,title,due,at,reminder",
    [
        # "remind me ...": reminds at the due time
        ("remind me tomorrow at 9 to call the dentist", "call the dentist", date(2026, 11, 27), time(9), {"before": 0}),
        ("remind me to call the dentist tomorrow at 3pm", "call the dentist", date(2026, 11, 27), time(15), {"before": 0}),
        ("Remind me to pay rent on friday", "pay rent", date(2026, 11, 27), None, {"before": 0}),
        ("remind me at 5pm to call mom", "call mom", date(2026, 11, 26), time(17), {"before": 0}),
        ("remind me at 9am to call mom", "call mom", date(2026, 11, 27), time(9), {"before": 0}),  # 9:00 has gone today
        ("please remind me to water the plants saturday", "water the plants", date(2026, 11, 28), None, {"before": 0}),
        # "... remind me N before"
        ("meeting friday 3pm remind me 30 minutes before", "meeting", date(2026, 11, 27), time(15), {"before": 30}),
        ("pay rent friday, remind me an hour before", "pay rent", date(2026, 11, 27), None, {"before": 60}),
        ("dentist dec 3 at 2pm and remind me a day before", "dentist", date(2026, 12, 3), time(14), {"before": 1440}),
        ("call bob monday 10am, remind me 2 hours earlier", "call bob", date(2026, 11, 30), time(10), {"before": 120}),
        ("exam next friday remind me a week before", "exam", date(2026, 12, 4), None, {"before": 10080}),
        ("flight sat 7am remind me half an hour ahead", "flight", date(2026, 11, 28), time(7), {"before": 30}),
        ("bins monday, remind me the night before", "bins", date(2026, 11, 30), None, {"before": 900}),  # 18:00 Sunday
        # "... remind me at T"
        ("call mom friday remind me at 5pm", "call mom", date(2026, 11, 27), time(17), {"before": 0}),
        ("flight saturday 7am remind me at 9pm", "flight", date(2026, 11, 28), time(7), {"before": 600}),  # the evening before
        ("standup tomorrow 9:30 remind me at 9", "standup", date(2026, 11, 27), time(9, 30), {"before": 30}),
        # nothing to be before, or no reminder asked: the words stay
        ("call bob remind me 10 minutes before", "call bob remind me 10 minutes before", None, None, None),
        ("remind me to renew my passport", "renew my passport", None, None, None),
        ("buy milk tomorrow", "buy milk", date(2026, 11, 27), None, None),
        ("read the reminder email friday", "read the reminder email", date(2026, 11, 27), None, None),
    ],
)
def test_reminders(text, title, due, at, reminder):
    [task] = parse_quick_add(text, NOW)
    assert (task.title, task.due_date, task.due_time, task.reminder) == (title, due, at, reminder)


def test_a_reminder_belongs_to_its_own_task_in_a_list():
    first, second = parse_quick_add("pay rent friday, remind me an hour before; call mom saturday", NOW)
    assert (first.title, first.reminder) == ("pay rent", {"before": 60})
    assert (second.title, second.due_date, second.reminder) == ("call mom", date(2026, 11, 28), None)
