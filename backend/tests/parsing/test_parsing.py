"""todo_chatbot.parsing: what a person types -> task fields. Pure unit tests, no database, no server.

NOW is Thursday 26 November 2026, 10:00 (the user's wall clock). So: today 11-26,
tomorrow (Fri) 11-27, Sat 11-28, Sun 11-29, Mon 11-30; the following week is 11-30 .. 12-06.
"""

from __future__ import annotations

import ast
import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from todo_chatbot.parsing import (
    ParsedTask,
    extract_slots,
    is_small_talk,
    parse_quick_add,
    split_tasks,
    strip_command,
)

pytestmark = pytest.mark.nodb

NOW = datetime(2026, 11, 26, 10, 0)  # a Thursday
TODAY = date(2026, 11, 26)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def parse(text: str, now: datetime = NOW) -> ParsedTask:
    return extract_slots(text, now)


def quick(text: str, now: datetime = NOW) -> ParsedTask:
    """parse_quick_add of a message holding exactly one to-do."""
    tasks = parse_quick_add(text, now)
    assert len(tasks) == 1, tasks
    return tasks[0]


# --------------------------------------------------------------------------- the brief's examples


def test_remind_me_to_call_the_dentist_tomorrow_at_3pm():
    assert quick("remind me to call the dentist tomorrow at 3pm") == ParsedTask(
        "call the dentist",
        d(11, 27),
        time(15, 0),
        reminder={"before": 0},  # and it reminds then
    )


def test_high_priority_prefix_with_a_deadline():
    assert quick("high priority: submit the report by friday") == ParsedTask("submit the report", d(11, 27), priority="high")


def test_add_with_a_tag():
    assert quick("add buy milk #groceries") == ParsedTask("buy milk", tags=["groceries"])


def test_weekly_on_a_named_day_gets_its_first_occurrence():
    assert quick("water the plants every sunday") == ParsedTask("water the plants", d(11, 29), recurrence="FREQ=WEEKLY;BYDAY=SU")


def test_todoist_style_quick_add():
    assert quick("Pay rent every 1st p1 #home") == ParsedTask(
        "Pay rent", d(12, 1), priority="high", tags=["home"], recurrence="FREQ=MONTHLY;BYMONTHDAY=1"
    )


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text,title,due",
    [
        ("call bob today", "call bob", d(11, 26)),
        ("call bob tomorrow", "call bob", d(11, 27)),
        ("call bob tmrw", "call bob", d(11, 27)),
        ("call bob tmr", "call bob", d(11, 27)),
        ("Tomorrow: call bob", "call bob", d(11, 27)),
        ("call bob day after tomorrow", "call bob", d(11, 28)),
        ("call bob the day after tomorrow", "call bob", d(11, 28)),
        # weekdays: the next such day, today when it is that day
        ("pay bills friday", "pay bills", d(11, 27)),
        ("pay bills fri", "pay bills", d(11, 27)),
        ("pay bills on friday", "pay bills", d(11, 27)),
        ("pay bills by friday", "pay bills", d(11, 27)),
        ("pay bills this friday", "pay bills", d(11, 27)),
        ("pay bills due friday", "pay bills", d(11, 27)),
        ("pay bills thursday", "pay bills", d(11, 26)),
        ("pay bills thu", "pay bills", d(11, 26)),
        ("gym monday", "gym", d(11, 30)),
        ("gym mon", "gym", d(11, 30)),
        ("gym tues", "gym", d(12, 1)),
        ("gym wednesday", "gym", d(12, 2)),
        ("brunch sunday", "brunch", d(11, 29)),
        # "next <day>" is that day in the following week
        ("pay bills next friday", "pay bills", d(12, 4)),
        ("pay bills next thursday", "pay bills", d(12, 3)),
        ("gym next monday", "gym", d(11, 30)),
        ("brunch next sunday", "brunch", d(12, 6)),
        ("pay bills friday next week", "pay bills", d(12, 4)),
        ("plan sprint next week", "plan sprint", d(11, 30)),
        ("hike this weekend", "hike", d(11, 28)),
        ("hike weekend", "hike", d(11, 28)),
        ("hike on the weekend", "hike", d(11, 28)),
        ("hike next weekend", "hike", d(12, 5)),
        ("budget next month", "budget", d(12, 1)),
        ("submit in 3 days", "submit", d(11, 29)),
        ("dentist in 2 weeks", "dentist", d(12, 10)),
        ("follow up in a week", "follow up", d(12, 3)),
        ("renew in 1 month", "renew", d(12, 26)),
        ("renew in two months", "renew", d(1, 26, 2027)),
        ("renew in 1 year", "renew", d(11, 26, 2027)),
        ("send report 3 days from now", "send report", d(11, 29)),
        ("launch 2026-12-05", "launch", d(12, 5)),
        ("launch on 2027-01-15", "launch", d(1, 15, 2027)),
        ("party dec 5", "party", d(12, 5)),
        ("party Dec. 5", "party", d(12, 5)),
        ("party december 5th", "party", d(12, 5)),
        ("party 5 dec", "party", d(12, 5)),
        ("party 5th of december", "party", d(12, 5)),
        ("party on the 5th of december", "party", d(12, 5)),
        ("party dec 5, 2027", "party", d(12, 5, 2027)),
        ("party 5 december 2027", "party", d(12, 5, 2027)),
        # a month and day without a year: the next one from today
        ("party nov 26", "party", d(11, 26)),
        ("party nov 1", "party", d(11, 1, 2027)),
        ("party jan 5", "party", d(1, 5, 2027)),
        ("party feb 29", "party", d(2, 29, 2028)),
        ("invoices end of the month", "invoices", d(11, 30)),
        ("invoices end of month", "invoices", d(11, 30)),
        ("invoices by the end of the month", "invoices", d(11, 30)),
        ("pay by the 15th", "pay", d(12, 15)),
        ("pay by the 30th", "pay", d(11, 30)),
    ],
)
def test_dates(text, title, due):
    task = parse(text)
    assert (task.title, task.due_date, task.due_time, task.recurrence) == (title, due, None, None)


@pytest.mark.parametrize(
    "now,text,due",
    [
        (datetime(2026, 12, 20, 9), "jan 5", d(1, 5, 2027)),
        (datetime(2026, 12, 20, 9), "dec 20", d(12, 20)),
        (datetime(2026, 12, 20, 9), "dec 19", d(12, 19, 2027)),
        (datetime(2026, 12, 20, 9), "next month", d(1, 1, 2027)),
        (datetime(2026, 12, 20, 9), "end of the month", d(12, 31)),
        (datetime(2026, 12, 20, 9), "in 2 weeks", d(1, 3, 2027)),
        (datetime(2026, 12, 31, 9), "tomorrow", d(1, 1, 2027)),
        (datetime(2026, 12, 31, 9), "next week", d(1, 4, 2027)),
        (datetime(2026, 12, 31, 9), "friday", d(1, 1, 2027)),
        # "in 1 month" from the 31st: relativedelta keeps to the month's last day
        (datetime(2027, 1, 31, 9), "in 1 month", d(2, 28, 2027)),
        (datetime(2028, 1, 31, 9), "in 1 month", d(2, 29, 2028)),
        (datetime(2028, 2, 10, 9), "end of month", d(2, 29, 2028)),
        (datetime(2027, 3, 1, 9), "feb 29", d(2, 29, 2028)),
        # on a Sunday, "this weekend" is today and "next monday" is tomorrow
        (datetime(2026, 11, 29, 9), "this weekend", d(11, 29)),
        (datetime(2026, 11, 29, 9), "next monday", d(11, 30)),
        (datetime(2026, 11, 29, 9), "next week", d(11, 30)),
    ],
)
def test_dates_roll_over_months_and_years(now, text, due):
    assert parse(f"task {text}", now).due_date == due


def test_a_date_with_a_year_is_taken_as_written_even_if_past():
    assert parse("archive 2020-01-02").due_date == d(1, 2, 2020)


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    "text,title,due,at",
    [
        ("call at 3pm", "call", d(11, 26), time(15, 0)),
        ("call 3pm", "call", d(11, 26), time(15, 0)),
        ("call 3 pm", "call", d(11, 26), time(15, 0)),
        ("call at 3:30pm", "call", d(11, 26), time(15, 30)),
        ("call at 3:30 p.m.", "call", d(11, 26), time(15, 30)),
        ("call at 15:00", "call", d(11, 26), time(15, 0)),
        ("call 15:00", "call", d(11, 26), time(15, 0)),
        ("call @ 4pm", "call", d(11, 26), time(16, 0)),
        ("call 12pm", "call", d(11, 26), time(12, 0)),
        ("lunch at noon", "lunch", d(11, 26), time(12, 0)),
        ("lunch noon", "lunch", d(11, 26), time(12, 0)),
        ("deploy by midnight", "deploy", d(11, 26), time(23, 59)),
        ("nap in the afternoon", "nap", d(11, 26), time(15, 0)),
        ("read in the evening", "read", d(11, 26), time(18, 0)),
        ("read this evening", "read", d(11, 26), time(18, 0)),
        ("call bob tonight", "call bob", d(11, 26), time(20, 0)),
        ("call bob tonight at 9", "call bob", d(11, 26), time(21, 0)),
        ("meet at 7 in the evening", "meet", d(11, 26), time(19, 0)),
        # a time already past today means tomorrow
        ("call at 9", "call", d(11, 27), time(9, 0)),
        ("call at 9am", "call", d(11, 27), time(9, 0)),
        ("call at 10am", "call", d(11, 27), time(10, 0)),
        ("call 12am", "call", d(11, 27), time(0, 0)),
        ("run in the morning", "run", d(11, 27), time(9, 0)),
        ("backup at 00:30", "backup", d(11, 27), time(0, 30)),
        ("meeting 9:30", "meeting", d(11, 27), time(9, 30)),
        # with a date
        ("call tomorrow at 9", "call", d(11, 27), time(9, 0)),
        ("call at 9 on friday", "call", d(11, 27), time(9, 0)),
        ("dinner friday evening", "dinner", d(11, 27), time(18, 0)),
        ("gym tomorrow morning", "gym", d(11, 27), time(9, 0)),
        ("gym tomorrow morning at 7", "gym", d(11, 27), time(7, 0)),
        ("email bob by friday 5pm", "email bob", d(11, 27), time(17, 0)),
        ("standup today at 9am", "standup", d(11, 26), time(9, 0)),
        ("party dec 5 at 8pm", "party", d(12, 5), time(20, 0)),
        # relative hours and minutes
        ("check oven in 2 hours", "check oven", d(11, 26), time(12, 0)),
        ("check oven in 30 minutes", "check oven", d(11, 26), time(10, 30)),
        # "at 7" before the task's own verb
        ("at 11 call bob", "call bob", d(11, 26), time(11, 0)),
    ],
)
def test_times(text, title, due, at):
    task = parse(text)
    assert (task.title, task.due_date, task.due_time) == (title, due, at)


def test_a_time_late_in_the_evening_rolls_to_tomorrow():
    task = parse("check oven in 3 hours", datetime(2026, 11, 26, 22, 30))
    assert (task.due_date, task.due_time) == (d(11, 27), time(1, 30))


def test_a_bare_hour_from_1_to_5_means_the_afternoon_but_not_with_a_part_of_the_day():
    assert parse("call mom at 3").due_time == time(15, 0)
    assert parse("call mom at 3:30").due_time == time(15, 30)
    assert parse("fly at 5 in the morning").due_time == time(5, 0)
    assert parse("fly at 05:00").due_time == time(5, 0)
    assert parse("wake up at 6").due_time == time(6, 0)


def test_a_time_is_never_set_without_a_date():
    for text in ("at 3pm", "noon", "in the morning", "every day at 9am", "every monday at 9", "tonight", "p1 #x"):
        task = parse(text)
        assert task.due_time is None or task.due_date is not None, text


def test_now_with_a_time_zone_is_read_as_the_wall_clock():
    aware = datetime(2026, 11, 26, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    task = parse("call at 11pm", aware)
    assert (task.due_date, task.due_time) == (d(11, 27), time(23, 0))


# --------------------------------------------------------------------------- recurrence


@pytest.mark.parametrize(
    "text,title,rule,due,at",
    [
        ("read every day", "read", "FREQ=DAILY", None, None),
        ("read daily", "read", "FREQ=DAILY", None, None),
        ("read each day", "read", "FREQ=DAILY", None, None),
        ("standup every weekday", "standup", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", d(11, 26), None),
        ("standup weekdays", "standup", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", d(11, 26), None),
        ("standup on weekdays", "standup", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", d(11, 26), None),
        ("hike every weekend", "hike", "FREQ=WEEKLY;BYDAY=SA,SU", d(11, 28), None),
        ("gym every monday", "gym", "FREQ=WEEKLY;BYDAY=MO", d(11, 30), None),
        ("gym every thursday", "gym", "FREQ=WEEKLY;BYDAY=TH", d(11, 26), None),
        ("gym every mon and thu", "gym", "FREQ=WEEKLY;BYDAY=MO,TH", d(11, 26), None),
        ("jog every mon wed fri at 7am", "jog", "FREQ=WEEKLY;BYDAY=MO,WE,FR", d(11, 27), time(7, 0)),
        ("gym every thu and mon", "gym", "FREQ=WEEKLY;BYDAY=MO,TH", d(11, 26), None),
        ("gym every monday, wednesday and friday", "gym", "FREQ=WEEKLY;BYDAY=MO,WE,FR", d(11, 27), None),
        ("gym every mon, wed, fri", "gym", "FREQ=WEEKLY;BYDAY=MO,WE,FR", d(11, 27), None),
        # days named together without "every": the days it repeats
        ("gym mon wed fri at 7am", "gym", "FREQ=WEEKLY;BYDAY=MO,WE,FR", d(11, 27), time(7, 0)),
        ("piano tue/thu 4pm", "piano", "FREQ=WEEKLY;BYDAY=TU,TH", d(11, 26), time(16, 0)),
        ("gym every sat and sun", "gym", "FREQ=WEEKLY;BYDAY=SA,SU", d(11, 28), None),
        ("gym mondays and thursdays", "gym", "FREQ=WEEKLY;BYDAY=MO,TH", d(11, 26), None),
        ("gym on fridays", "gym", "FREQ=WEEKLY;BYDAY=FR", d(11, 27), None),
        ("review every week", "review", "FREQ=WEEKLY", None, None),
        ("review weekly", "review", "FREQ=WEEKLY", None, None),
        ("review every week on friday", "review", "FREQ=WEEKLY;BYDAY=FR", d(11, 27), None),
        ("review weekly on mon and wed", "review", "FREQ=WEEKLY;BYDAY=MO,WE", d(11, 30), None),
        # "every week" with a date: that date's weekday
        ("review every week starting friday", "review", "FREQ=WEEKLY;BYDAY=FR", d(11, 27), None),
        ("review weekly from dec 7", "review", "FREQ=WEEKLY;BYDAY=MO", d(12, 7), None),
        ("sync every other week", "sync", "FREQ=WEEKLY;INTERVAL=2", None, None),
        ("sync every 2 weeks", "sync", "FREQ=WEEKLY;INTERVAL=2", None, None),
        ("sync every two weeks", "sync", "FREQ=WEEKLY;INTERVAL=2", None, None),
        ("sync biweekly", "sync", "FREQ=WEEKLY;INTERVAL=2", None, None),
        ("sync every other week on tuesday", "sync", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", d(12, 1), None),
        ("1:1 every other monday", "1:1", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", d(11, 30), None),
        ("water every 3 days", "water", "FREQ=DAILY;INTERVAL=3", None, None),
        ("water every other day", "water", "FREQ=DAILY;INTERVAL=2", None, None),
        ("water every 3rd day", "water", "FREQ=DAILY;INTERVAL=3", None, None),
        ("pay every month", "pay", "FREQ=MONTHLY", None, None),
        ("pay rent monthly", "pay rent", "FREQ=MONTHLY", None, None),
        ("review every quarter", "review", "FREQ=MONTHLY;INTERVAL=3", None, None),
        ("pay every 1st", "pay", "FREQ=MONTHLY;BYMONTHDAY=1", d(12, 1), None),
        ("pay every 15th", "pay", "FREQ=MONTHLY;BYMONTHDAY=15", d(12, 15), None),
        ("pay every 26th", "pay", "FREQ=MONTHLY;BYMONTHDAY=26", d(11, 26), None),
        ("pay every month on the 15th", "pay", "FREQ=MONTHLY;BYMONTHDAY=15", d(12, 15), None),
        ("pay on the 15th of every month", "pay", "FREQ=MONTHLY;BYMONTHDAY=15", d(12, 15), None),
        ("pay monthly on the 1st", "pay", "FREQ=MONTHLY;BYMONTHDAY=1", d(12, 1), None),
        ("pay every 1st and 15th", "pay", "FREQ=MONTHLY;BYMONTHDAY=1,15", d(12, 1), None),
        # the 31st: months without one are skipped (RFC 5545), so December is first
        ("pay every 31st", "pay", "FREQ=MONTHLY;BYMONTHDAY=31", d(12, 31), None),
        ("invoice every last day of the month", "invoice", "FREQ=MONTHLY;BYMONTHDAY=-1", d(11, 30), None),
        ("invoice every end of the month", "invoice", "FREQ=MONTHLY;BYMONTHDAY=-1", d(11, 30), None),
        ("review every first monday of the month", "review", "FREQ=MONTHLY;BYDAY=1MO", d(12, 7), None),
        ("lunch every last friday", "lunch", "FREQ=MONTHLY;BYDAY=-1FR", d(11, 27), None),
        ("renew every year", "renew", "FREQ=YEARLY", None, None),
        ("renew yearly", "renew", "FREQ=YEARLY", None, None),
        ("renew annually", "renew", "FREQ=YEARLY", None, None),
        ("birthday every jan 5", "birthday", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", d(1, 5, 2027), None),
        ("birthday every 5th of january", "birthday", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", d(1, 5, 2027), None),
        ("party every dec 24", "party", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", d(12, 24), None),
        ("leap every 29 feb", "leap", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", d(2, 29, 2028), None),
        ("leap every feb 29", "leap", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", d(2, 29, 2028), None),
        # with a time: the first occurrence still ahead of now
        ("stretch every day at 9am", "stretch", "FREQ=DAILY", d(11, 27), time(9, 0)),
        ("stretch every day at 11am", "stretch", "FREQ=DAILY", d(11, 26), time(11, 0)),
        ("stretch daily at 8am", "stretch", "FREQ=DAILY", d(11, 27), time(8, 0)),
        ("standup every monday at 9am", "standup", "FREQ=WEEKLY;BYDAY=MO", d(11, 30), time(9, 0)),
        ("standup every thursday at 9am", "standup", "FREQ=WEEKLY;BYDAY=TH", d(12, 3), time(9, 0)),
        ("standup every thursday at 11am", "standup", "FREQ=WEEKLY;BYDAY=TH", d(11, 26), time(11, 0)),
        ("standup every weekday at 8am", "standup", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", d(11, 27), time(8, 0)),
        ("meditate every morning", "meditate", "FREQ=DAILY", d(11, 27), time(9, 0)),
        ("bins every tuesday night", "bins", "FREQ=WEEKLY;BYDAY=TU", d(12, 1), time(20, 0)),
        ("pay every 1st at 9am", "pay", "FREQ=MONTHLY;BYMONTHDAY=1", d(12, 1), time(9, 0)),
        # with priority and tags around it
        ("Pay rent every 1st p1 #home", "Pay rent", "FREQ=MONTHLY;BYMONTHDAY=1", d(12, 1), None),
    ],
)
def test_recurrence(text, title, rule, due, at):
    task = parse(text)
    assert (task.title, task.recurrence, task.due_date, task.due_time) == (title, rule, due, at)


@pytest.mark.parametrize(
    "now,text,due",
    [
        (datetime(2026, 11, 30, 8, 0), "every monday at 9am", d(11, 30)),  # a Monday, 9:00 still ahead
        (datetime(2026, 11, 30, 10, 0), "every monday at 9am", d(12, 7)),  # a Monday, 9:00 gone
        (datetime(2026, 11, 30, 10, 0), "every monday", d(11, 30)),  # no time: today counts
        (datetime(2026, 12, 31, 10, 0), "every 31st", d(12, 31)),
        (datetime(2027, 1, 31, 10, 0), "every 31st at 9am", d(3, 31, 2027)),
        (datetime(2026, 12, 20, 10, 0), "every jan 5", d(1, 5, 2027)),
    ],
)
def test_first_occurrence_of_a_rule(now, text, due):
    assert parse(f"task {text}", now).due_date == due


def test_rrule_parts_are_in_rfc_order():
    task = parse("sync every other week on fri and mon")
    assert task.recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR"
    assert parse("x every 2 weeks on sun, sat").recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU"


def test_an_explicit_date_with_a_rule_starts_it_on_the_first_occurrence_from_that_date():
    assert parse("gym every monday starting dec 10").due_date == d(12, 14)
    assert parse("gym every monday starting next week").due_date == d(11, 30)


# --------------------------------------------------------------------------- priority


@pytest.mark.parametrize(
    "text,title,priority",
    [
        ("fix bug p1", "fix bug", "high"),
        ("fix bug P1", "fix bug", "high"),
        ("p2 fix bug", "fix bug", "medium"),
        ("fix bug p3", "fix bug", "low"),
        ("fix bug p4", "fix bug", "none"),
        ("fix bug !1", "fix bug", "high"),
        ("fix bug !2", "fix bug", "medium"),
        ("fix bug !3", "fix bug", "low"),
        ("fix bug high priority", "fix bug", "high"),
        ("fix bug, high priority", "fix bug", "high"),
        ("fix bug priority high", "fix bug", "high"),
        ("fix bug priority: high", "fix bug", "high"),
        ("fix bug (priority: low)", "fix bug", "low"),
        ("high priority: fix bug", "fix bug", "high"),
        ("High-priority fix bug", "fix bug", "high"),
        ("fix bug low priority", "fix bug", "low"),
        ("fix bug medium priority", "fix bug", "medium"),
        ("fix bug normal priority", "fix bug", "medium"),
        ("urgent fix server", "fix server", "high"),
        ("URGENT: fix server", "fix server", "high"),
        ("fix server urgently", "fix server", "high"),
        ("fix server asap", "fix server", "high"),
        ("fix server ASAP!", "fix server", "high"),
        ("important: file taxes", "file taxes", "high"),
        ("file taxes (important)", "file taxes", "high"),
        ("fix server, not urgent", "fix server", "low"),
        # "important" ending the to-do says how important ("text the tenants tmrw 8am important"); elsewhere it is a word of the title
        ("file taxes important", "file taxes", "high"),
        ("file important taxes", "file important taxes", "none"),
        ("important", "important", "none"),
        # a level said bare last, after the to-do's day or time
        ("reprint cue sheets for tomorrow 9am high", "reprint cue sheets", "high"),
        ("call mom friday low", "call mom", "low"),
        ("pay rent on the 1st medium", "pay rent", "medium"),
        # these are not priorities
        ("water level 3 high", "water level 3 high", "none"),
        ("birthday party high", "birthday party high", "none"),
        ("book urgent care visit", "book urgent care visit", "none"),
        ("read chapter p12", "read chapter p12", "none"),
        ("fix step1p1", "fix step1p1", "none"),
    ],
)
def test_priority(text, title, priority):
    task = parse(text)
    assert (task.title, task.priority) == (title, priority)


def test_the_highest_priority_named_wins():
    assert parse("fix p3 urgent").priority == "high"


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    "text,title,tags",
    [
        ("buy milk #groceries", "buy milk", ["groceries"]),
        ("#Home clean up", "clean up", ["home"]),
        ("clean #home #Home #HOME", "clean", ["home"]),
        ("clean #work #a-b #c_d #home", "clean", ["a-b", "c_d", "home", "work"]),
        ("buy bread #café #épicerie", "buy bread", ["café", "épicerie"]),
        ("read #книги", "read", ["книги"]),
        ("plan #2027-goals", "plan", ["2027-goals"]),
        # not tags
        ("call #2", "call #2", []),
        ("fix task #1 and #12", "fix task #1 and #12", []),
        ("learn C# basics", "learn C# basics", []),
        ("read https://example.com/page#intro", "read https://example.com/page#intro", []),
        ("price # of items", "price # of items", []),
    ],
)
def test_tags(text, title, tags):
    task = parse(text)
    assert (task.title, task.tags) == (title, tags)


def test_at_most_20_tags_the_rest_stay_in_the_title():
    names = [f"t{i:02d}" for i in range(22)]
    task = parse("sort " + " ".join(f"#{n}" for n in names))
    assert task.tags == names[:20]
    assert task.title == "sort #t20 #t21"


def test_a_tag_longer_than_32_characters_stays_in_the_title():
    long = "x" * 33
    task = parse(f"read #{long} #{'y' * 32}")
    assert task.tags == ["y" * 32]
    assert task.title == f"read #{long}"


# --------------------------------------------------------------------------- what is not a slot


@pytest.mark.parametrize(
    "text",
    [
        "party feb 30",  # no such day
        "party feb 31 2027",
        "party april 31",
        "party dec 32",
        "launch 2026-02-30",
        "launch 2026-13-01",
        "every feb 30 party",
        "every 32nd",
        "meet at 25:61",
        "meet at 24:00",
        "meet 12:75",
        "call at 13pm",
        "call at 0am",
        "call #2",
        "look at 5 options",
        "buy sun cream",
        "enjoy the sun",
        "daily standup notes",  # an adjective, not a recurrence
        "write weekly report",
        "prepare tomorrow's lunch",  # possessive: part of the title
        "plan next week's meeting",
        "watch “Friday Night Lights”",  # quoted words are the title's
        'read "Tomorrow and Tomorrow"',
        "plan weekend trip",
        "meds twice a day",
        "every hour stretch",
        "read john 3.16",
        "buy 2 mangos",
    ],
)
def test_not_slots_stay_in_the_title(text):
    assert parse(text) == ParsedTask(text)


def test_an_ambiguous_day_abbreviation_is_a_date_only_where_it_reads_as_one():
    assert parse("call bob sun").due_date == d(11, 29)
    assert parse("call bob on sat").due_date == d(11, 28)
    assert parse("call bob wed at 5pm").due_date == d(12, 2)
    assert parse("get wed next june").due_date is None


# Every way people write a day, with its weekday (Monday=0). From Thursday 11-26 the coming one
# is 11-26 + (wd - 3) % 7 days (today for a Thursday); "next <day>" is that day in the week of 11-30.
DAY_WORDS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
RRULE_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def coming(wd: int) -> date:
    return TODAY + timedelta(days=(wd - 3) % 7)


def in_next_week(wd: int) -> date:
    return d(11, 30) + timedelta(days=wd)


# What may follow the day, and what it adds to the task beside the day.
DAY_FOLLOWERS = {
    "": {},
    " #home": {"tags": ["home"]},
    " p1": {"priority": "high"},
    " p4": {"priority": "none"},
    " !2": {"priority": "medium"},
    " !!": {},  # only emphasis
    " at 5pm": {"due_time": time(17, 0)},
    " 9:30am #work": {"due_time": time(9, 30), "tags": ["work"]},
    " p2 #home #bills": {"priority": "medium", "tags": ["bills", "home"]},
    " every week": {"recurrence": "weekly"},
}


@pytest.mark.parametrize("follower", DAY_FOLLOWERS)
@pytest.mark.parametrize("word", DAY_WORDS)
def test_every_day_word_is_a_date_before_any_slot(word, follower):
    wd = DAY_WORDS[word]
    extra = dict(DAY_FOLLOWERS[follower])
    if extra.get("recurrence"):
        extra["recurrence"] = f"FREQ=WEEKLY;BYDAY={RRULE_CODES[wd]}"
    assert quick(f"pay bills {word}{follower}") == ParsedTask("pay bills", coming(wd), **extra)
    # Capitalised as people type it at the start of a sentence, or in a title case.
    assert quick(f"Pay bills {word.title()}{follower}") == ParsedTask("Pay bills", coming(wd), **extra)


@pytest.mark.parametrize("follower", ["", " #home", " p1", " at 5pm"])
@pytest.mark.parametrize("word", DAY_WORDS)
@pytest.mark.parametrize("before", ["on", "by", "due", "this", "next"])
def test_every_day_word_after_on_by_or_next_is_a_date(before, word, follower):
    wd = DAY_WORDS[word]
    due = in_next_week(wd) if before == "next" else coming(wd)
    task = quick(f"pay bills {before} {word}{follower}")
    assert (task.title, task.due_date) == ("pay bills", due)


@pytest.mark.parametrize("word", DAY_WORDS)
def test_every_day_word_after_every_is_a_weekly_rule(word):
    wd = DAY_WORDS[word]
    assert quick(f"gym every {word} p1 #health") == ParsedTask(
        "gym", coming(wd), priority="high", tags=["health"], recurrence=f"FREQ=WEEKLY;BYDAY={RRULE_CODES[wd]}"
    )


@pytest.mark.parametrize(
    "text,title",
    [
        # "sun", "sat" and "wed" are words before they are days: a word of the title follows,
        # or "the", "my"... comes before.
        ("sat on the chair", "sat on the chair"),
        ("sat on the chair #home", "sat on the chair"),
        ("sat at the table", "sat at the table"),
        ("buy sun cream", "buy sun cream"),
        ("buy sun cream p1 #shopping", "buy sun cream"),
        ("sun cream #shopping", "sun cream"),
        ("sun hat and sunglasses p2", "sun hat and sunglasses"),
        ("enjoy the sun #fun", "enjoy the sun"),
        ("sit in the sun p3", "sit in the sun"),
        ("wed the bride #family", "wed the bride"),
        ("wed my sweetheart p1", "wed my sweetheart"),
        ("get wed in the spring #family", "get wed in the spring"),
        ("sun @ home", "sun @ home"),
        ("c'mon team #work", "c'mon team"),  # inside a word, after an apostrophe
        ("c’mon p1", "c’mon"),
    ],
)
def test_a_word_that_is_also_a_day_stays_in_the_title(text, title):
    task = quick(text)
    assert (task.title, task.due_date) == (title, None)


@pytest.mark.parametrize(
    "text,title,due",
    [
        ("pay bills wed p1 #home", "pay bills", d(12, 2)),  # the issue's own three
        ("pay bills sat #home", "pay bills", d(11, 28)),
        ("pay bills wed #home", "pay bills", d(12, 2)),
        ("pay bills sat, #home", "pay bills", d(11, 28)),
        ("pay bills sat. p1", "pay bills", d(11, 28)),
        ("sun #home", "sun #home", d(11, 29)),  # all slots: the text is its own title
        ("call bob sat 5pm about the plan", "call bob about the plan", d(11, 28)),
        ("sit in the sun at 5pm", "sit in the sun", d(11, 26)),  # today at 17:00, not Sunday
        ("sun in the morning call bob", "call bob", d(11, 29)),
        ("call bob sat about the plan", "call bob sat about the plan", None),
        ("call bob wed after work #home", "call bob wed after work", None),
    ],
)
def test_an_ambiguous_day_abbreviation_before_slots(text, title, due):
    task = quick(text)
    assert (task.title, task.due_date) == (title, due)


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "text,title",
    [
        ("tomorrow", "tomorrow"),  # all slots: the text is its own title
        ("every monday at 9am", "every monday at 9am"),
        ("#home", "#home"),
        ("  Call   Mom  tomorrow ", "Call Mom"),
        ("Submit the Report by Friday.", "Submit the Report"),
        ("submit the report - friday", "submit the report"),
        ("submit the report, due friday", "submit the report"),
        ("submit the report: friday 5pm", "submit the report"),
        ("call bob on friday about the plan", "call bob about the plan"),
        ("call bob, tomorrow, about the plan", "call bob, about the plan"),
        ("call bob (tomorrow at 5pm)", "call bob"),
        ("buy gift for friday", "buy gift"),
        ("move the meeting to friday", "move the meeting"),
        ("tomorrow at 5 pm: dentist", "dentist"),
        ("turn the heating on tonight", "turn the heating on"),
        ("check in tomorrow", "check in"),
        ("call mom tomorrow please", "call mom"),
        ("call mom tomorrow, thanks!", "call mom"),
        ("Call Mom!", "Call Mom"),
        ("what is 2+2?", "what is 2+2?"),
    ],
)
def test_titles(text, title):
    assert parse(text).title == title


@pytest.mark.parametrize(
    "text,body",
    [
        ("add buy milk", "buy milk"),
        ("Add: buy milk", "buy milk"),
        ("add a task to buy milk", "buy milk"),
        ("add task: buy milk", "buy milk"),
        ("add milk to my list", "milk"),
        ("add milk to my shopping list", "milk"),
        ("todo: buy milk", "buy milk"),
        ("TODO buy milk", "buy milk"),
        ("remind me to buy milk", "buy milk"),
        ("Remind me to buy milk", "buy milk"),
        ("please remind me to buy milk", "buy milk"),
        ("remind me tomorrow to buy milk", "tomorrow to buy milk"),
        ("i need to buy milk", "buy milk"),
        ("I have to buy milk", "buy milk"),
        ("don't forget to buy milk", "buy milk"),
        ("dont forget to buy milk", "buy milk"),
        ("can you please add buy milk", "buy milk"),
        ("note to self: buy milk", "buy milk"),
        # "add" is the task's own verb here
        ("add salt to the soup", "add salt to the soup"),
        ("add", "add"),
        ("buy milk", "buy milk"),
    ],
)
def test_strip_command(text, body):
    assert strip_command(text) == body


def test_a_command_before_a_date_leaves_no_dangling_to():
    assert quick("remind me tomorrow to call bob") == ParsedTask("call bob", d(11, 27), reminder={"before": 0})
    assert quick("remind me at 5pm to call bob") == ParsedTask("call bob", d(11, 26), time(17, 0), reminder={"before": 0})


# --------------------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    "text,parts",
    [
        ("buy bread, call mom and pay rent", ["buy bread", "call mom", "pay rent"]),
        ("buy bread, call mom, and pay rent", ["buy bread", "call mom", "pay rent"]),
        ("call mom and dad", ["call mom and dad"]),
        ("buy bread and milk", ["buy bread and milk"]),
        ("buy salt, pepper and oil", ["buy salt, pepper and oil"]),
        ("groceries, laundry and vacuum the living room", ["groceries", "laundry", "vacuum the living room"]),
        ("milk and eggs, then call mom", ["milk", "eggs", "call mom"]),
        ("milk, eggs and bread", ["milk", "eggs", "bread"]),  # things in a list of commas: one each
        ("oat milk, wipes, teething gel", ["oat milk", "wipes", "teething gel"]),
        # a to-do, then two commas or more: each comma an item's; a number goes on with the things before it
        ("get sim card, exchange pesos, postcards for grandma", ["get sim card", "exchange pesos", "postcards for grandma"]),
        (
            "text all drivers by 3pm, fuel up trucks 5 6 and 9 before 6pm",
            ["text all drivers by 3pm", "fuel up trucks 5 6 and 9 before 6pm"],
        ),
        # a word that is only a verb starts a to-do after "and" too
        ("call parents of Jaden today and restock fluoride varnish", ["call parents of Jaden today", "restock fluoride varnish"]),
        ("parchment paper, new oven thermometer", ["parchment paper", "new oven thermometer"]),
        ("buy bread and water", ["buy bread and water"]),
        ("read and reply to emails", ["read and reply to emails"]),
        ("watch Fast and Furious", ["watch Fast and Furious"]),
        ("pay rent tomorrow, email bob friday", ["pay rent tomorrow", "email bob friday"]),
        ("buy bread tomorrow and call mom friday", ["buy bread tomorrow", "call mom friday"]),
        ("dentist tomorrow, gym friday", ["dentist tomorrow", "gym friday"]),
        (
            "call the beer guy, restock the well vodka and fix the stool",
            ["call the beer guy", "restock the well vodka", "fix the stool"],
        ),  # after a comma and a to-do, any verb that is only a verb starts one
        ("buy bread, board games", ["buy bread, board games"]),  # "board" is a noun too
        ("buy bread and milk, call mom", ["buy bread and milk", "call mom"]),
        ("buy bread, water the plants & feed the cat", ["buy bread", "water the plants", "feed the cat"]),
        ("buy milk then call mom", ["buy milk", "call mom"]),
        # a to-do after ", and" ends a series: each comma before it parts an item ("rental car return" has no verb)
        (
            "swap tubes on the gravel bike, bleed brakes by tmrw, and order chains",
            ["swap tubes on the gravel bike", "bleed brakes by tmrw", "order chains"],
        ),
        (
            "touch up paint for the Malibu, rental car return monday 10am, and order masking tape",
            ["touch up paint for the Malibu", "rental car return monday 10am", "order masking tape"],
        ),
        ("order sutures, low priority, and restock the packs", ["order sutures, low priority", "restock the packs"]),
        ("email bob about the budget, timeline, and scope", ["email bob about the budget, timeline, and scope"]),
        ("add milk, add eggs", ["add milk", "add eggs"]),
        ("remind me to buy bread and call mom", ["remind me to buy bread", "call mom"]),
        # dates, recurrences and quotes are never cut
        ("gym every mon and thu", ["gym every mon and thu"]),
        ("gym every monday, wednesday and friday", ["gym every monday, wednesday and friday"]),
        ("pay rent dec 5, 2027 and call bob", ["pay rent dec 5, 2027", "call bob"]),
        ('read "War and Peace, call me" tomorrow', ['read "War and Peace, call me" tomorrow']),
        # newlines and ";" always split; list bullets go
        ("buy milk\ncall mom", ["buy milk", "call mom"]),
        ("milk; eggs; bread", ["milk", "eggs", "bread"]),
        (
            "- buy milk\n- [ ] call mom\n* pay rent\n1. email bob\n2) fix bike",
            [
                "buy milk",
                "call mom",
                "pay rent",
                "email bob",
                "fix bike",
            ],
        ),
        ("\n\n  buy milk  \n\n", ["buy milk"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_tasks(text, parts):
    assert split_tasks(text) == parts


def test_slots_belong_to_their_own_part():
    first, second = parse_quick_add("buy bread tomorrow #food and call mom friday at 5pm p1", NOW)
    assert first == ParsedTask("buy bread", d(11, 27), tags=["food"])
    assert second == ParsedTask("call mom", d(11, 27), time(17, 0), priority="high")


def test_parse_quick_add_of_several_lines():
    tasks = parse_quick_add("add buy milk #groceries\nremind me to call the dentist tomorrow at 3pm;Pay rent every 1st p1", NOW)
    assert [t.title for t in tasks] == ["buy milk", "call the dentist", "Pay rent"]
    assert tasks[1].due_time == time(15, 0)
    assert tasks[2].recurrence == "FREQ=MONTHLY;BYMONTHDAY=1"


def test_a_slot_between_add_and_task_leaves_no_task_word():
    (task,) = parse_quick_add("add a low priority task to organise the garage", NOW)
    assert (task.title, task.priority) == ("organise the garage", "low")
    (task,) = parse_quick_add("create an urgent reminder to call the bank tomorrow", NOW)
    assert (task.title, task.priority, task.due_date) == ("call the bank", "high", d(11, 27))


def test_parse_quick_add_of_nothing():
    assert parse_quick_add("", NOW) == []
    assert parse_quick_add(" ;\n ", NOW) == []


# --------------------------------------------------------------------------- the module itself


def test_parsed_task_defaults():
    task = ParsedTask("x")
    assert (task.due_date, task.due_time, task.priority, task.tags, task.recurrence) == (None, None, "none", [], None)
    assert task.tags is not ParsedTask("y").tags


def test_parsing_imports_nothing_else_from_the_application():
    allowed = {"__future__", "re", "collections", "dataclasses", "datetime", "typing", "dateutil"}
    allowed |= {"csv", "gzip", "functools", "importlib", "pathlib"}  # lexicon.py reads lemminflect's table file
    for path in (Path(__file__).resolve().parents[2] / "todo_chatbot" / "parsing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 1 or node.module.split(".")[0] in allowed, (path.name, node.module)
            elif isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] in allowed for a in node.names), path.name


_FUZZ_TEXT = (
    "every each other 2nd 3rd 1st 31st 29 feb 30 dec jan 5 mon tue sun sat wed fri monday mondays weekdays "
    "weekend next this the on by at @ in a week weeks days 3 two month months year quarter last day of end "
    "tonight tomorrow today morning evening night noon midnight 9 12 25:61 3:30 15:00 3pm 12am p1 p4 !1 high "
    'low priority: urgent asap important: (important) #home #2 #Ω # and , ; : - . ! ? " “ ” ’s call buy pay '
    "water add remind me to todo: please thanks 2028-02-29 9999-12-31 in 999 years in 100 hours"
)


def test_any_mix_of_slot_words_parses_and_keeps_the_invariants():
    rng = random.Random(2026)
    words = _FUZZ_TEXT.split()
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 9)))
        now = NOW + timedelta(hours=rng.randint(0, 24 * 800))
        for task in [*parse_quick_add(text, now), extract_slots(text, now)]:
            assert task.due_time is None or task.due_date is not None, text
            assert task.tags == sorted(set(task.tags)) and all(t == t.lower() for t in task.tags), text
            assert task.priority in ("none", "low", "medium", "high"), text
            if any(c.isalnum() for c in text):
                assert task.title.strip(), text


def test_dates_past_the_year_9999_are_dropped_not_raised():
    task = parse("party every weekend in 9999-12-31", datetime(9999, 12, 30, 10))
    assert task.recurrence == "FREQ=WEEKLY;BYDAY=SA,SU"
    assert parse("renew in 3 days", datetime(9999, 12, 30, 10)).due_date is None


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "Hi!",
        "hello there",
        "Hey, how are you?",
        "good morning :)",
        "thanks!",
        "Thank you so much",
        "ok, bye",
        "👋",
        "lol ok",
        "that’s all for now",
    ],
)
def test_small_talk_asks_for_nothing(text):
    assert is_small_talk(text)


@pytest.mark.parametrize(
    "text",
    [
        "hi, add milk",
        "hello! what can you do?",
        "what's still open?",
        "buy milk",
        "thanks, and move rent to friday",
        "good morning run",
        "ok so call mom",
    ],
)
def test_a_message_that_asks_for_something_is_no_small_talk(text):
    assert not is_small_talk(text)


@pytest.mark.parametrize(
    "text,due,rule",
    [
        ("pay storage unit on the 1st every month", date(2026, 12, 1), "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("team sync every week, friday", date(2026, 11, 27), "FREQ=WEEKLY;BYDAY=FR"),
        ("pay rent every month", None, "FREQ=MONTHLY"),  # no day said: the month's day is the first occurrence's
    ],
)
def test_a_repeat_said_apart_from_its_day_falls_on_that_day(text, due, rule):
    found = extract_slots(text, NOW)
    assert (found.due_date, found.recurrence) == (due, rule)


@pytest.mark.parametrize(
    "text,due,at",
    [
        ("care plan meeting monday 11", date(2026, 11, 30), time(11, 0)),
        ("call dana tmrw 3", date(2026, 11, 27), time(15, 0)),  # 1 to 5: the afternoon
        ("team meeting friday 9:30", date(2026, 11, 27), time(9, 30)),
        ("buy 2 pizzas friday", date(2026, 11, 27), None),  # a number before the day counts
    ],
)
def test_an_hour_said_bare_after_the_day_is_its_time(text, due, at):
    found = extract_slots(text, NOW)
    assert (found.due_date, found.due_time) == (due, at)


def test_a_tag_after_a_day_said_after_a_comma_is_no_to_do_of_its_own():
    from todo_chatbot.parsing import split_tasks

    assert split_tasks("prepare exhibit list for the Marsh trial, due wednesday #trial") == [
        "prepare exhibit list for the Marsh trial, due wednesday #trial"
    ]
    assert split_tasks("buy milk #home, call mom") == ["buy milk #home", "call mom"]


def test_a_command_after_leading_slots_is_no_part_of_the_title():
    from todo_chatbot.parsing import parse_quick_add

    found = parse_quick_add("every weekday at 8:30am i need to check the e-filing queue", NOW)
    assert [p.title for p in found] == ["check the e-filing queue"] and found[0].due_time is not None


def test_a_remark_with_its_own_time_is_no_to_do():
    from todo_chatbot.parsing import split_tasks

    assert split_tasks("make the chalking 7am, first game's at 9") == ["make the chalking 7am, first game's at 9"]


@pytest.mark.parametrize(
    "text,title,day",
    [
        ("scrimmage vs. Central the 22nd at 6pm", "scrimmage vs. Central", date(2026, 12, 22)),
        ("scrimmage the 22nd", "scrimmage", date(2026, 12, 22)),
        ("the 3rd floor meeting", "the 3rd floor meeting", None),
    ],
)
def test_the_nth_alone_is_a_day_before_a_time_or_at_the_end(text, title, day):
    found = extract_slots(text, NOW)
    assert (found.title, found.due_date) == (title, day)


@pytest.mark.parametrize(
    "text,title",
    [
        ("order more bubbles (we're out 😭)", "order more bubbles"),  # a remark in brackets, said of someone
        ("call the vet (again lol) tomorrow", "call the vet"),
        ("order chains (11spd x10)", "order chains (11spd x10)"),  # what the thing is stays
        ("pay (the big) invoice", "pay (the big) invoice"),
    ],
)
def test_a_remark_in_brackets_is_no_part_of_the_title(text, title):
    assert quick(text).title == title


def test_a_level_in_brackets_is_the_priority():
    task = quick("reorder Pinot labels from printer (high)")
    assert (task.title, task.priority) == ("reorder Pinot labels from printer", "high")


@pytest.mark.parametrize(
    "text,title,rule",
    [
        ("a monthly reminder to reconcile the deposits on the 15th", "reconcile the deposits", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("add a weekly reminder every friday to turn in my timesheet", "turn in my timesheet", "FREQ=WEEKLY;BYDAY=FR"),
        ("add a daily reminder to take meds at 8am", "take meds", "FREQ=DAILY"),
        ("add a weekly task called water plants on friday", "water plants", "FREQ=WEEKLY;BYDAY=FR"),
        ("add a weekly reminder to check the van's fluids every sunday", "check the van's fluids", "FREQ=WEEKLY;BYDAY=SU"),
        ("add a reminder to call mom", "call mom", None),
    ],
)
def test_a_repeat_said_of_the_reminder_is_the_to_dos(text, title, rule):
    task = parse_quick_add(text, NOW)[0]
    assert (task.title, task.recurrence) == (title, rule)


@pytest.mark.parametrize(
    "text,title,due,priority",
    [
        ("dress rehearsal sat the 5th 2pm", "dress rehearsal", date(2026, 12, 5), "none"),  # a weekday, then its date
        ("hay delivery saturday 8am, high", "hay delivery", date(2026, 11, 28), "high"),  # a level after a comma
        ("a recruiting call with the Okafor kid", "recruiting call with the Okafor kid", None, "none"),
        ("a b", "a b", None, "none"),
    ],
)
def test_a_weekday_and_its_date_a_level_after_a_comma_and_no_article_first(text, title, due, priority):
    task = parse_quick_add(text, NOW)[0]
    assert (task.title, task.due_date, task.priority) == (title, due, priority)


@pytest.mark.parametrize(
    "text,titles",
    [
        (  # each a verb and more, after commas, whatever day the first says
            "list the denim on depop today, measure the leather jakets, mend the hole in the shirt (low priority), post an IG reel fri",
            ["list the denim on depop", "measure the leather jakets", "mend the hole in the shirt", "post an IG reel"],
        ),
        (  # a comma inside brackets parts nothing, and brackets a slot came from leave the title
            "order burlap for the camellias (high priority, frost tuesday night), and check the titan arum every morning",
            ["order burlap for the camellias", "check the titan arum"],
        ),
        ("oat milk, wipes, teething gel", ["oat milk", "wipes", "teething gel"]),
        ("order chains (11spd x10) friday", ["order chains (11spd x10)"]),  # brackets with no slot stay
    ],
)
def test_a_list_of_to_dos_said_with_commas_and_brackets(text, titles):
    assert [t.title for t in parse_quick_add(text, NOW)] == titles


@pytest.mark.parametrize("text", ["check the log weekdays only", "check the log every weekday", "check the log on weekdays"])
def test_only_after_a_repeat_is_the_repeats(text):
    found = extract_slots(text, NOW)
    assert (found.title, found.recurrence) == ("check the log", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")


@pytest.mark.parametrize("text", ["show and tell for leo on monday", "meet and greet with the new families friday"])
def test_a_thing_named_with_an_and_is_one_to_do(text):
    assert len(parse_quick_add(text, NOW)) == 1


@pytest.mark.parametrize(
    "text,title,weekday",
    [
        # a capitalised day in a name, beside the to-do's own day, stays in the title
        ("set up Small Business Saturday display friday", "set up Small Business Saturday display", 4),
        ("Super Bowl Sunday party on saturday", "Super Bowl Sunday party", 5),
        ("Call Mom Friday", "Call Mom", 4),  # the one day said is the day
    ],
)
def test_a_day_in_a_name_is_no_date_when_another_day_is_said(text, title, weekday):
    task = parse(text)
    assert (task.title, task.due_date.weekday() if task.due_date else None) == (title, weekday)


@pytest.mark.parametrize(
    "text,hour",
    [("do it tomorrow morning 9", 9), ("call mom friday evening 7", 19), ("meet sat morning 10:30", 10)],
)
def test_an_hour_said_bare_after_a_part_of_the_day_is_in_that_part(text, hour):
    assert parse(text).due_time.hour == hour


@pytest.mark.parametrize(
    "text,title,priority,tags",
    [
        ("crash on alt-tab (high, tag bug)", "crash on alt-tab", "high", ["bug"]),
        ("controller rebinding not saving (tag bug)", "controller rebinding not saving", "none", ["bug"]),
        ("buy paint (tagged reno, low priority)", "buy paint", "low", ["reno"]),
        ("order chains (11spd x10)", "order chains (11spd x10)", "none", []),  # no slot in them: the brackets stay
    ],
)
def test_a_level_and_tags_listed_in_brackets_are_slots(text, title, priority, tags):
    task = parse(text)
    assert (task.title, task.priority, task.tags) == (title, priority, tags)


@pytest.mark.parametrize(
    "text,title,rule",
    [
        ("add a weekly task for tuesdays: deep clean the props", "deep clean the props", "FREQ=WEEKLY;BYDAY=TU"),
        ("add a daily task: water the plants", "water the plants", "FREQ=DAILY"),
        ("a weekly reminder - call grandma", "call grandma", "FREQ=WEEKLY"),
        ("new weekly task for mondays and thursdays: lift", "lift", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ],
)
def test_a_repeat_said_of_the_task_before_a_colon_is_the_to_dos(text, title, rule):
    task = quick(text)
    assert (task.title, task.recurrence) == (title, rule)


def test_the_weekend_before_a_thing_tells_of_the_thing():
    assert (parse("post the weekend menu on insta").title, parse("post the weekend menu on insta").due_date) == (
        "post the weekend menu on insta",
        None,
    )
    assert parse("clean gutters this weekend").due_date == d(11, 28)


@pytest.mark.parametrize(
    "text,titles",
    [
        ("renew proz membership and back up translation memories every friday", ["renew proz membership", "back up translation memories"]),
        # a verb alone with an hour says when the to-do before it happens
        ("carpool w the Brennans sunday, pick up at 5:45am", ["carpool w the Brennans"]),
    ],
)
def test_a_phrase_that_starts_a_to_do_and_a_verb_alone_with_its_hour(text, titles):
    tasks = parse_quick_add(text, NOW)
    assert [t.title for t in tasks] == titles
    if len(titles) == 1:
        assert (tasks[0].due_date, tasks[0].due_time) == (d(11, 29), time(5, 45))
