"""Whole conversations with the offline assistant, end to end through /chat: confirmations,
undo, follow-ups about the task just talked about, in time zones on both sides of UTC.

Each conversation starts a new user in its time zone with the given tasks ("+title" is
done). Each turn gives the message, words the reply must contain (case-insensitive), and
optionally the task list expected after it. The clock stands at Thursday 2026-11-26 22:30
UTC: Friday morning in Tokyo and Auckland, Thursday afternoon or evening in the Americas
and Berlin.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import Api
from todo_chatbot.infra import clock

NOW = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)
MILK = ["Buy milk", "Call the dentist", "Renew my passport"]
TWO_MILKS = ["Buy milk", "Buy milk chocolate", "Walk the dog"]
DONE_MIX = ["Buy milk", "+Pay rent", "+Water the plants", "Call mom"]

# (zone, given tasks, [(message, words in the reply, tasks afterwards or None)])
CONVERSATIONS = [
    (
        "Asia/Tokyo",
        [],
        [
            ("remind me to call the dentist tomorrow at 3pm", "due tomorrow at 15:00", ["Call the dentist"]),
            ("make it high priority", "high priority", None),
            ("undo", "undone: changing", ["Call the dentist"]),
        ],
    ),
    (
        "America/New_York",
        [],
        [
            ("add buy bread, call mom and pay rent", "added 3 tasks", ["Buy bread", "Call mom", "Pay rent"]),
            ("I called mom", "call mom", ["Buy bread", "+Call mom", "Pay rent"]),
        ],
    ),
    (
        "Europe/Berlin",
        ["Buy bread", "Payroll report"],
        [
            ("remove the pay one", "delete “payroll report”? (yes / no)", ["Buy bread", "Payroll report"]),
            ("yes", "deleted “payroll report”", ["Buy bread"]),
            ("undo", "undone: deleting “payroll report”", ["Buy bread", "Payroll report"]),
        ],
    ),
    (
        "America/Los_Angeles",
        ["Buy bread"],
        [("delete the bred", "delete “buy bread”?", ["Buy bread"]), ("no", "kept “buy bread”", ["Buy bread"])],
    ),
    (
        "Pacific/Auckland",
        [],
        [("add water the plants every sunday", "every sunday", ["Water the plants"]), ("what's due this week?", "water the plants", None)],
    ),
    (
        "UTC",
        ["Report"],
        [("I finished the report", "as done", ["+Report"]), ("actually I didn't finish the report", "reopened", ["Report"])],
    ),
    (
        "Asia/Tokyo",
        [],
        [
            ("add submit report p1 #work", "high priority, #work", ["Submit report"]),
            ("show #work tasks", "tagged #work (1)", None),
            ("show high priority tasks", "submit report", None),
        ],
    ),
    (
        "America/New_York",
        TWO_MILKS,
        [
            ("I finished the milk one", "which one", TWO_MILKS),
            ("the second one", "chocolate", ["Buy milk", "+Buy milk chocolate", "Walk the dog"]),
        ],
    ),
    (
        "Europe/Berlin",
        TWO_MILKS,
        [
            ("delete the milk one", "which one", TWO_MILKS),
            ("the first one", "deleted “buy milk”", ["Buy milk chocolate", "Walk the dog"]),  # the first of those it named
            ("undo", "undone", TWO_MILKS),
        ],
    ),
    (
        "America/Los_Angeles",
        [],
        [("add pay rent every 1st", "every month on the 1st", ["Pay rent"]), ("I paid rent", "as done", ["+Pay rent", "Pay rent"])],
    ),
    (
        "UTC",
        ["Buy milk", "Call mom"],
        [
            ("mark everything as done", "marked 2 tasks as done", ["+Buy milk", "+Call mom"]),
            ("undo", "completing 2 tasks", ["Buy milk", "Call mom"]),
        ],
    ),
    (
        "Asia/Tokyo",
        DONE_MIX,
        [("clear all completed tasks", "delete 2 completed tasks", DONE_MIX), ("yes", "deleted 2 tasks", ["Buy milk", "Call mom"])],
    ),
    (
        "America/New_York",
        DONE_MIX,
        [
            ("delete all my tasks", "delete all 4 tasks", DONE_MIX),
            ("what's still open?", "still to do (2)", DONE_MIX),
            ("yes", "anything else", DONE_MIX),  # the question was left: a late yes deletes nothing
        ],
    ),
    (
        "Europe/Berlin",
        [],
        [
            ("add call the plumber", "added", ["Call the plumber"]),
            ("move it to friday", "due tomorrow", None),
            ("remove the date from it", "removed the date", None),
            ("move it to monday", "due on monday", None),
            ("remove the due date", "removed the date", ["Call the plumber"]),
        ],
    ),
    (
        "Pacific/Auckland",
        [],
        [("add gym", "added “gym”", ["Gym"]), ("tag it health", "#health", None), ("make it repeat every week", "every week", None)],
    ),
    ("America/Los_Angeles", [], [("what's the weather?", "only keep your todo list", []), ("thanks!", "welcome", [])]),
    ("UTC", [], [("hi", "hi!", []), ("help", "delete", [])]),
    ("Asia/Tokyo", MILK, [("shw my tasks", "your tasks (3)", MILK)]),
    (
        "America/New_York",
        MILK,
        [
            ("did I buy milk?", "not yet", MILK),
            ("I bought milk", "buy milk", ["+Buy milk", "Call the dentist", "Renew my passport"]),
            ("did I buy milk?", "yes", None),
        ],
    ),
    (
        "Europe/Berlin",
        MILK,
        [("take out the trash", "added", [*MILK, "Take out the trash"]), ("undo", "adding “take out the trash”", MILK)],
    ),
    ("Pacific/Auckland", [], [("cancel my gym membership", "added", ["Cancel my gym membership"])]),
    ("America/Los_Angeles", ["Take out the trash"], [("take out the trash", "already on your list", ["Take out the trash"])]),
    (
        "UTC",
        [],
        [
            ("add buy milk", "task #1", ["Buy milk"]),
            ("mark it as done", "as done", ["+Buy milk"]),
            ("undo", "completing", ["Buy milk"]),
            ("undo", "adding", []),
            ("undo", "nothing to undo", []),
        ],
    ),
    ("Asia/Tokyo", MILK, [("postpone the dentist by 2 days", "due on sunday", None)]),
    ("America/New_York", [], [("remind me to call mom tonight", "due today at 20:00", ["Call mom"])]),
    ("Europe/Berlin", [], [("add file taxes on 2026-11-20", "overdue", ["File taxes"]), ("what's overdue?", "file taxes", None)]),
    ("Pacific/Auckland", [], [("add call grandma every sunday at 10am", "every sunday", ["Call grandma"])]),
    ("America/Los_Angeles", [], [("add buy eggs and flour", "added", ["Buy eggs and flour"])]),
    (
        "UTC",
        [],
        [("put these on my list: laundry; groceries; email the landlord", "added 3 tasks", ["Laundry", "Groceries", "Email the landlord"])],
    ),
    ("Asia/Tokyo", [], [("add water plants daily", "every day", ["Water plants"])]),
    (
        "America/New_York",
        MILK,
        [
            ("rename the milk one to buy oat milk", "renamed", ["Buy oat milk", "Call the dentist", "Renew my passport"]),
            ("undo", "changing “buy milk”", MILK),
        ],
    ),
    ("Europe/Berlin", MILK, [("change it to buy oat milk", "which task", MILK)]),
    ("Pacific/Auckland", ["Buy milk"], [("delete it", "which task", ["Buy milk"]), ("delete buy milk", "deleted", [])]),
    (
        "America/Los_Angeles",
        ["Payroll report", "Pay rent"],
        [  # "pay" whole in one title only: a clear winner, but "one" only points at it, so it asks
            ("delete the pay one", "delete “pay rent”? (yes / no)", ["Payroll report", "Pay rent"]),
            ("yes", "deleted “pay rent”", ["Payroll report"]),
            ("undo", "deleting “pay rent”", ["Payroll report", "Pay rent"]),
            ("delete pay", "deleted “pay rent”", ["Payroll report"]),
        ],
    ),
    (
        "Europe/Berlin",
        ["Pay rent", "Pay the plumber"],
        [  # a near-tie asks, naming both with their numbers
            (
                "mark the pay one as done",
                "which one do you want to mark as done: #1 “pay rent” or #2 “pay the plumber”?",
                ["Pay rent", "Pay the plumber"],
            ),
            ("#2", "marked “pay the plumber” as done", ["Pay rent", "+Pay the plumber"]),
        ],
    ),
    (
        "Asia/Tokyo",
        ["Write the report", "Repot the plants"],
        [  # the same word leads a look-alike clearly
            ("I finished the report", "marked “write the report” as done", ["+Write the report", "Repot the plants"]),
            ("delete the repor", "delete “write the report”? (yes / no)", ["+Write the report", "Repot the plants"]),
            ("no", "kept “write the report”", ["+Write the report", "Repot the plants"]),
        ],
    ),
    (  # "it" is not a name: deleting it asks first
        "UTC",
        [],
        [("ad buy milk", "added", ["Buy milk"]), ("delte it", "delete “buy milk”? (yes / no)", ["Buy milk"]), ("yes", "deleted", [])],
    ),
    ("Asia/Tokyo", [], [("tell me a joke", "only keep your todo list", []), ("add call the bank", "added", ["Call the bank"])]),
    (
        "America/New_York",
        [],
        [("add renew passport high priority", "high priority", ["Renew passport"]), ("make it low priority", "low priority", None)],
    ),
    ("Europe/Berlin", MILK, [("find the passport", "matching “passport” (1)", MILK)]),
    (
        "Pacific/Auckland",
        DONE_MIX,
        [
            ("what have I finished?", "done (2)", DONE_MIX),
            ("reopen the rent", "reopened", ["Buy milk", "Pay rent", "+Water the plants", "Call mom"]),
        ],
    ),
    (
        "UTC",
        DONE_MIX,
        [
            ("is call mom done?", "not yet", DONE_MIX),
            ("call mom is done", "as done", ["Buy milk", "+Pay rent", "+Water the plants", "+Call mom"]),
        ],
    ),
    (
        "America/New_York",
        [],
        [  # Thursday 17:30 in New York
            ("add call mom today, buy milk tomorrow and pay rent today", "added 3 tasks", ["Call mom", "Buy milk", "Pay rent"]),
            ("mark all of today's tasks as done", "marked 2 tasks as done", ["+Call mom", "Buy milk", "+Pay rent"]),
            ("undo", "completing 2 tasks", ["Call mom", "Buy milk", "Pay rent"]),
        ],
    ),
    (
        "Asia/Tokyo",
        DONE_MIX,
        [
            ("reopen everything", "reopen 2 tasks: “pay rent”, “water the plants”? (yes / no)", DONE_MIX),
            ("yes", "reopened 2 tasks", ["Buy milk", "Pay rent", "Water the plants", "Call mom"]),
            ("undo", "reopening 2 tasks", DONE_MIX),
        ],
    ),
    (
        "Europe/Berlin",
        DONE_MIX,
        [
            ("uncheck everything", "reopen 2 tasks", DONE_MIX),
            ("no", "nothing was changed", DONE_MIX),
            ("move everything to tomorrow", "can't change several tasks in one go", DONE_MIX),
        ],
    ),
    (
        "America/Los_Angeles",
        TWO_MILKS,
        [("walked the dog", "walk the dog", ["Buy milk", "Buy milk chocolate", "+Walk the dog"]), ("undo that", "undone", TWO_MILKS)],
    ),
]


# After a task has been talked about, nothing short of naming it deletes it unasked.
MORE = [
    (
        "Europe/Berlin",
        ["Buy milk", "Water the plants", "Repot the plants"],
        [
            ("I bought milk", "buy milk", ["+Buy milk", "Water the plants", "Repot the plants"]),
            ("I watered the plants", "marked “water the plants” as done", None),
            ("forget it", "👍", None),
            ("delete it", "delete “water the plants”? (yes / no)", None),
            ("drop it", "kept “water the plants”", ["+Buy milk", "+Water the plants", "Repot the plants"]),
        ],
    ),
    (
        "America/Chicago",
        ["Call the plumber", "Call the bank"],
        [
            ("delete the call one", "which one", ["Call the plumber", "Call the bank"]),
            ("never mind that", "left them as they were", ["Call the plumber", "Call the bank"]),
            ("both", "didn't catch that", ["Call the plumber", "Call the bank"]),
        ],
    ),
    (
        "Asia/Kolkata",
        ["Call the plumber", "Call the bank"],
        [
            ("complete the call one", "which one", None),
            ("both", "one at a time", None),
            ("the second one", "call the bank", ["Call the plumber", "+Call the bank"]),
        ],
    ),
    (
        "America/Sao_Paulo",
        [],
        [  # Thursday 19:30 in São Paulo
            ("add call the plumber on monday", "due on monday", None),
            ("make it 10am", "due on monday at 10:00", None),
            ("postpone it to wednesday", "due on wednesday at 10:00", None),
            ("postpone it to tuesday", "due on tue 8 dec at 10:00", None),
            ("move it to tuesday", "due on tuesday at 10:00", None),
        ],
    ),
    (
        "Australia/Sydney",
        ["Buy milk", "Call mom", "Pay rent"],
        [  # Friday 09:30 in Sydney
            ("what's still open?", "still to do (3)", None),
            ("complete the second one", "call mom", ["Buy milk", "+Call mom", "Pay rent"]),
            ("show my tasks", "your tasks (3)", None),
            ("delete the first one", "delete “buy milk”? (yes / no)", None),
            ("no", "kept “buy milk”", ["Buy milk", "+Call mom", "Pay rent"]),
            ("show my tasks", "your tasks (3)", None),
            ("delete the last one", "delete “pay rent”? (yes / no)", None),
            ("no", "kept “pay rent”", ["Buy milk", "+Call mom", "Pay rent"]),
        ],
    ),
    (
        "Europe/London",
        [],
        [
            ("add water the plants #home and send the report #work", "added 2 tasks", ["Water the plants", "Send the report"]),
            ("check off everything for work", "marked 1 task as done", ["Water the plants", "+Send the report"]),
            ("wait no, put it back", "undone", ["Water the plants", "Send the report"]),
            ("that was a mistake, undo it", "undone: adding", None),
            ("clear completed", "no completed tasks", None),
            # 22:30: tonight's 20:00 has gone, and so has the reminder's time; it says so rather than promise
            ("remind me tonight to charge my phone", "(task #3, due today, its reminder time has passed).", None),
        ],
    ),
    (
        "Pacific/Honolulu",
        [],
        [  # Thursday 12:30 in Honolulu
            ("book the flight #travel and buy milk tomorrow", "added 2 tasks", ["Book the flight", "Buy milk"]),
            ("show me my travel stuff", "tagged #travel (1)", None),
            ("the flight is delayed", "didn't catch that", ["Book the flight", "Buy milk"]),
            ("remind me tonight to charge my phone", "due today at 20:00", None),
        ],
    ),
]
MORE += [
    (
        "Pacific/Auckland",
        ["Buy bread"],
        [  # Friday 11:30 in Auckland
            ("add buy candles", "added", ["Buy bread", "Buy candles"]),
            ("delete the bred one", "delete “buy bread”? (yes / no)", None),
            ("no, undo", "kept “buy bread”", ["Buy bread", "Buy candles"]),  # not an undo of the candles
            ("delete the bred one", "delete “buy bread”? (yes / no)", None),
            ("nope, keep it", "kept “buy bread”", ["Buy bread", "Buy candles"]),
            ("delete the bred one", "delete “buy bread”? (yes / no)", None),
            ("yes, but only if it's done", "couldn't find", ["Buy bread", "Buy candles"]),  # a hedged yes is no yes
            ("delete the bred one", "delete “buy bread”? (yes / no)", None),
            ("yeah go ahead", "deleted “buy bread”", ["Buy candles"]),
        ],
    ),
    (
        "America/Denver",
        [],
        [
            ("add write the report on saturday at 9am every week", "every saturday", None),
            ("prioritise the report", "high priority", None),
            ("show my tasks", "due on saturday at 09:00, every saturday, high priority", None),
        ],
    ),
]
# "it" is the task the latest reply about tasks was about, never an older one.
MORE += [
    (
        "Europe/Paris",
        ["Pay the plumber", "Write the report"],
        [
            ("add buy stamps", "added", None),
            ("did I pay the plumber?", "not yet", None),
            ("ok mark it as done", "“pay the plumber” as done", ["+Pay the plumber", "Write the report", "Buy stamps"]),
            ("find the report", "matching “report” (1)", None),
            ("make it high priority", "“write the report”: high priority", None),
            ("show my tasks", "your tasks (3)", None),
            ("mark it done", "which task do you mean", ["+Pay the plumber", "Write the report", "Buy stamps"]),
        ],
    ),
    (
        "America/Toronto",
        ["Pay rent", "Pay the nanny", "Buy stamps"],
        [
            ("mark buy stamps as done", "as done", None),
            ("mark the pay one as done", "which one", None),
            ("never mind", "left them as they were", None),
            ("mark it done", "which task do you mean", ["Pay rent", "Pay the nanny", "+Buy stamps"]),
            ("delete task 3", "deleted “buy stamps”", None),
            ("make it urgent", "which task do you mean", ["Pay rent", "Pay the nanny"]),
        ],
    ),
]
MORE += [
    (
        "Asia/Singapore",
        ["Buy milk", "Buy milk chocolate", "Walk the dog"],
        [  # Friday 06:30 in Singapore
            ("move the milk to monday", "which one", None),
            ("#1", "“buy milk”: due on monday", None),  # the question kept what to do (this answer was a 500)
            ("set the priority of the milk to high", "which one", None),
            ("the second one", "“buy milk chocolate”: high priority", None),
            ("delete the dog", "deleted “walk the dog”", ["Buy milk", "Buy milk chocolate"]),
            ("delete the milk one", "which one", None),
            ("the first one", "deleted “buy milk”", ["Buy milk chocolate"]),
            ("undo", "undone: deleting “buy milk”", ["Buy milk", "Buy milk chocolate"]),
            ("mark everything as done", "marked 2 tasks as done", ["+Buy milk", "+Buy milk chocolate"]),
            ("reopen it", "which task do you mean", ["+Buy milk", "+Buy milk chocolate"]),
        ],
    ),
]
MORE += [
    (
        "Europe/Madrid",
        ["Pack lunches"],
        [  # Thursday 23:30 in Madrid
            ("add parent-teacher conference next wednesday 6:30pm", "due on wednesday at 18:30", None),
            ("change it to 7", "at 19:00", ["Pack lunches", "Parent-teacher conference"]),  # not renamed to "7"
            ("lunches are packed", "as done", ["+Pack lunches", "Parent-teacher conference"]),
            ("all of today's stuff is done", "nothing changed", None),  # "done": did "all of today's stuff", no such task
            ("move it to monday", "which task do you mean", None),  # not the lunches from before
            ("undo that please", "didn't change anything just then", ["+Pack lunches", "Parent-teacher conference"]),
            ("undo", "undone: completing “pack lunches”", ["Pack lunches", "Parent-teacher conference"]),
            ("no undo, I still need it", "undone", None),
        ],
    ),
]
MORE += [
    (
        "America/New_York",
        [],
        [  # Thursday 17:30 in New York
            ("add pay rent on friday, call mom on saturday and book flights next tuesday", "added 3 tasks", None),
            ("what's on friday?", "due tomorrow (1):\n- #1 pay rent", None),  # worded as the tasks' own dates
            ("anything for the weekend?", "due this weekend (1):\n- #2 call mom", None),
            ("what's due next week?", "due next week (1):\n- #3 book flights", None),
            ("snooze the flights until friday", "“book flights”: due on fri 4 dec", None),
            ("what's due next week?", "due next week (1)", None),
            ("what's on sunday?", "nothing due on sunday", None),
        ],
    ),
]
CONVERSATIONS += MORE


def test_there_are_at_least_40_conversations():
    assert len(CONVERSATIONS) >= 40


def _tasks(api: Api) -> list[str]:
    return [("+" if t["completed"] else "") + t["title"] for t in api.tasks()]


@pytest.mark.parametrize(
    ("zone", "given", "turns"), CONVERSATIONS, ids=[f"{i:02d}-{c[0]}-{c[2][0][0][:30]}" for i, c in enumerate(CONVERSATIONS)]
)
def test_conversation(base_url, monkeypatch, zone, given, turns):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    api = Api(base_url)
    assert api.http.patch("/api/auth/me", json={"timezone": zone}).status_code == 200
    for spec in given:
        task = api.add(spec.lstrip("+"))
        if spec.startswith("+"):
            api.http.patch(f"/api/{api.id}/tasks/{task['id']}/complete")
    conversation = None
    for message, words, after in turns:
        answer = api.chat(message, conversation)
        conversation = answer["conversation_id"]
        assert words.lower() in answer["response"].lower(), (message, answer["response"])
        if after is not None:
            assert _tasks(api) == after, (message, answer["response"])
