"""Acting and replying, through the whole pipeline over a fake tool port: what each turn says,
which tools it calls, and the state it leaves. No server, no database."""

from datetime import timedelta

import pytest

from tests import dates
from tests.agent.offline.fakes import Conversation
from todo_chatbot.agent.offline import agent
from todo_chatbot.agent.offline.state import State

pytestmark = pytest.mark.nodb


def test_every_intent_a_command_can_have_has_a_handler():
    from todo_chatbot.agent.offline import vocabulary as v

    produced = set(v.PATTERNS) | {"say", "past", "check", "confirm_delete", "delete_many", "reopen_many"}
    assert produced - {"rename"} <= set(agent.HANDLERS)


async def test_add_then_it():
    talk = Conversation()
    assert (await talk.say("add buy milk")).startswith("Added “Buy milk”")
    assert talk.called() == ["add_task"]
    assert "high priority" in await talk.say("make it high priority")
    assert talk.last is not None and talk.last.state.mentioned == [1]
    assert talk.last.state.did is not None and talk.last.state.did.intent == "schedule"  # for "same for …"


async def test_a_loose_delete_asks_and_yes_deletes():
    talk = Conversation("Buy bread", "Payroll report")
    assert await talk.say("remove the pay one") == "Delete “Payroll report”? (yes / no)"
    assert talk.tools.titles() == ["Buy bread", "Payroll report"]
    assert await talk.say("yes") == "Deleted “Payroll report”."
    assert talk.tools.titles() == ["Buy bread"]


async def test_which_one_then_the_answer_carries_out_the_request():
    talk = Conversation("Buy milk", "Buy milk chocolate", "Walk the dog")
    assert (await talk.say("mark the milk one as done")).startswith("Which one do you want to mark as done")
    assert talk.last is not None and talk.last.state.pending is not None
    assert await talk.say("the second one") == "Marked “Buy milk chocolate” as done. ✓"
    assert talk.tools.titles() == ["Buy milk", "+Buy milk chocolate", "Walk the dog"]


async def test_several_past_tenses_complete_each_and_the_last_is_it():
    talk = Conversation("Pay rent", "Call mom", "Buy bread")
    said = await talk.say("I paid rent and called mom")
    assert said == "Marked “Pay rent” as done. ✓\nMarked “Call mom” as done. ✓"
    assert talk.last is not None and talk.last.state.mentioned == [2] and talk.last.state.pending is None


async def test_a_task_gone_meanwhile_is_said_and_it_still_means_it():
    talk = Conversation("Buy milk")
    assert (await talk.say("complete task 9")).startswith("I couldn't find task #9")
    assert talk.last is not None and talk.last.state == State(mentioned=[9])


async def test_lists_leave_what_they_showed():
    talk = Conversation("Buy milk", "+Pay rent", "Call mom")
    said = await talk.say("what's still open?")
    assert said.startswith("Still to do (2):") and talk.last is not None and talk.last.state == State(shown=[1, 3])
    assert await talk.say("complete the second one") == "Marked “Call mom” as done. ✓"


async def test_deleting_everything_asks_and_no_keeps_it_all():
    talk = Conversation("Buy milk", "Call mom")
    assert (await talk.say("delete everything")).startswith("Delete all 2 tasks")
    assert await talk.say("no") == "OK, nothing was deleted."
    assert talk.tools.titles() == ["Buy milk", "Call mom"]


async def test_undo_after_a_reply_that_changed_nothing_says_so():
    talk = Conversation("Buy milk")
    await talk.say("add call mom")
    await talk.say("xyzzy plover")
    assert (await talk.say("undo")).startswith("I didn't change anything just then")
    assert (await talk.say("undo")).startswith("Undone:")
    assert talk.tools.titles() == ["Buy milk"]


@pytest.mark.parametrize(
    "given,said,called,titles",
    [
        (["Haircut", "Team lunch"], "put the haircut on saturday", ["list_tasks", "update_task"], ["Haircut", "Team lunch"]),
        (["Dentist"], "schedule the dentist for friday", ["list_tasks", "update_task"], ["Dentist"]),
        (["Print boarding passes"], "boarding passes need printing tuesday", ["list_tasks", "update_task"], ["Print boarding passes"]),
        # not a task on the list, or no day named: a to-do of its own
        (["Haircut"], "put the bins out on monday", ["list_tasks", "add_task"], ["Haircut", "Put the bins out"]),
        ([], "put the haircut on saturday", ["list_tasks", "add_task"], ["Put the haircut"]),
    ],
)
async def test_a_to_do_that_moves_a_task_on_the_list_moves_it(given, said, called, titles):
    """ "put the haircut on saturday" with "Haircut" on the list is a move, not a task "Put the haircut"."""
    talk = Conversation(*given)
    await talk.say(said)
    assert talk.called() == called and talk.tools.titles() == titles


@pytest.mark.parametrize(
    "added,correction,time",
    [
        ("add blue room gig tomorrow at 9pm", "wait its 8:30 not 9", "20:30"),  # an evening task: read as the evening
        ("add dentist tomorrow at 9am", "wait its 8:30 not 9", "08:30"),
        ("add dentist tomorrow at 9am", "sorry i meant 10", "10:00"),  # an hour, never a new title "10"
    ],
)
async def test_a_corrected_time_is_read_against_the_time_it_corrects(added, correction, time):
    talk = Conversation()
    await talk.say(added)
    title = talk.tools.titles()[0]
    await talk.say(correction)
    assert talk.tools.titles() == [title] and talk.tools.tasks[0]["due_time"] == time


@pytest.mark.parametrize(
    "given,turns,titles,field,value",
    [
        (["Return keys to landlord", "Pack kitchen"], ["the keys have to go back on the 30th"], None, "due_date", "30"),
        (["Bridge club"], ["move bridge club to tuesday at 2pm", "sorry, bridge is at 3 not 2"], None, "due_time", "15:00"),
        (["A", "B", "C", "D"], ["delete tasks 2 and 4, dont need them"], ["A", "C"], None, None),
        (["Call pharmacy about refill"], ["phoned the pharmacy this morning before my shift"], ["+Call pharmacy about refill"], None, None),
        (["Call Margaret"], ["I rang Margaret yesterday, you can tick that off"], ["+Call Margaret"], None, None),
    ],
)
async def test_a_change_said_with_a_reason_or_an_apology_around_it_is_made(given, turns, titles, field, value):
    talk = Conversation(*given)
    for text in turns:
        await talk.say(text)
    if titles is not None:
        assert talk.tools.titles() == titles
    else:
        found = str(talk.tools.tasks[0][field])
        assert found.endswith(value) and talk.tools.titles() == given


@pytest.mark.parametrize(
    "said,titles", [("undo that, payment didnt go thru", ["Pay water bill"]), ("undo that, actually no dont", ["+Pay water bill"])]
)
async def test_an_undo_given_a_reason_is_made_and_one_taken_back_in_the_same_breath_is_not(said, titles):
    talk = Conversation("Pay water bill")
    await talk.say("paid the water bill")
    await talk.say(said)
    assert talk.tools.titles() == titles


@pytest.mark.parametrize(
    "given,said,titles",
    [
        # a verb that names no job ("sorted", "did"), or no to-do's ("graded"): the words after it find the task
        (["Book airport parking", "Renew passport"], "sorted the parking", ["+Book airport parking", "Renew passport"]),
        (["Mow the Hendersons lawn", "Order seeds"], "did the hendersons lawn yesterday", ["+Mow the Hendersons lawn", "Order seeds"]),
        (["Mark year 11 mocks", "Plan trip"], "graded all the year 11 mocks last night!!", ["+Mark year 11 mocks", "Plan trip"]),
        # one word to spare once the errand's other verbs are tried
        (["Send setlist to venue", "Restring guitar"], "emailed the setlist over to them", ["+Send setlist to venue", "Restring guitar"]),
        (["Call supplier about water heater"], "phoned the supplier re the water heater", ["+Call supplier about water heater"]),
        # a past statement no task fits is never a new to-do
        (["Walk the dog"], "placed the order this morning", ["Walk the dog"]),
    ],
)
async def test_a_task_done_in_other_words_is_completed_and_never_added(given, said, titles):
    talk = Conversation(*given)
    await talk.say(said)
    assert talk.tools.titles() == titles


async def test_a_past_statement_that_fits_several_tasks_asks_which():
    talk = Conversation("Order fish from supplier", "Order dry goods")
    assert (await talk.say("placed the order this morning")).startswith("Which one do you want to mark as done")
    await talk.say("the second")
    assert talk.tools.titles() == ["Order fish from supplier", "+Order dry goods"]


async def test_an_apology_before_a_correction_is_no_part_of_the_task_name():
    talk = Conversation("Call venue about lighting")
    await talk.say("move the venue call to friday")
    await talk.say("sorry the venue call is actually on monday not friday")
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("monday").isoformat()


@pytest.mark.parametrize(
    "turns,task",
    [
        (["add oil change saturday 7am", "oops not saturday, sunday"], {"due_date": dates.weekday("sunday").isoformat()}),
        # the old day named is the weekly repeat's: the repeat moves too
        (["add foam rolling every other friday", "oops saturday not friday"], {"recurrence": "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"}),
        (["add hedge quote for mrs patel monday", "sorry its mr patel not mrs"], {"title": "Hedge quote for mr patel"}),
    ],
)
async def test_a_correction_naming_the_old_value_changes_what_it_names(turns, task):
    talk = Conversation()
    for said in turns:
        await talk.say(said)
    assert len(talk.tools.tasks) == 1 and {k: talk.tools.tasks[0][k] for k in task} == task


@pytest.mark.parametrize(
    "given,said,titles",
    [
        (["A", "B", "Pack kitchen"], "movers are packing the kitchen actually so delete task 3", ["A", "B"]),
        (["Order fish from supplier"], "chef already ordered the fish so thats done too", ["+Order fish from supplier"]),
        (["Walk the dog"], "new one: log book check every monday #work", ["Walk the dog", "Log book check"]),
        (["Walk the dog"], "thx man, back on the road 🚛", ["Walk the dog"]),
        (["Walk the dog"], "thanks, and add buy milk", ["Walk the dog", "Buy milk"]),
    ],
)
async def test_a_request_after_a_reason_or_thanks_is_that_request(given, said, titles):
    talk = Conversation(*given)
    reply = await talk.say(said)
    assert talk.tools.titles() == titles
    if titles == given:
        assert reply == "You're welcome!"


async def test_a_task_named_by_its_words_is_no_longer_urgent_and_filed_under_a_tag():
    talk = Conversation("Edit Garcia wedding photos", "Submit abstract", "Meeting w/ PI")
    await talk.say("make the garcia edit urgent")
    await talk.say("the garcia edit is no longer urgent, couple pushed the album")
    await talk.say("put the abstract and the PI meeting under #grant")
    assert [(t["priority"], t["tags"]) for t in talk.tools.tasks] == [("none", []), ("none", ["grant"]), ("none", ["grant"])]


async def test_every_other_week_instead_keeps_the_day_the_repeat_falls_on():
    talk = Conversation()
    for said in ("add standup notes every monday 9:30am", "no wait, every tuesday", "every other week instead"):
        await talk.say(said)
    assert talk.tools.tasks[0]["recurrence"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"


async def test_make_a_task_named_by_its_words_the_20th_moves_it():
    talk = Conversation("Submit abstract")
    await talk.say("make the abstract the 20th instead, deadline got extended 🎉")
    assert talk.tools.titles() == ["Submit abstract"] and talk.tools.tasks[0]["due_date"].endswith("-20")


async def test_phoned_them_back_asks_which_call_and_a_word_answers():
    talk = Conversation("Call the Johnsons", "Call the bank about preapproval")
    assert (await talk.say("phoned them back finally")).startswith("Which one")
    await talk.say("johnsons")
    assert talk.tools.titles() == ["+Call the Johnsons", "Call the bank about preapproval"]


@pytest.mark.parametrize(
    "given,turns,titles",
    [
        # a comment nothing reads after a change: the change ("client leaves for work early")
        (["Measure the stairs"], ["make the stairs one 7:30am, client leaves for work early"], ["Measure the stairs"]),
        # a word of one of a pasted list's titles corrected, the apology last
        (
            [],
            ["add these\nitem 1: prep the smyth return by wednesday\nitem 2: buy toner", "smith not smyth, sorry"],
            ["Prep the smith return", "Buy toner"],
        ),
        # "the order is placed": the order asked about, in the list's order
        (
            ["Order new large print books", "Order replacement barcode scanner"],
            ["the order is placed 👍", "the first one"],
            ["+Order new large print books", "Order replacement barcode scanner"],
        ),
        # only the verb fitting is no completion
        (["Pick up dry cleaning"], ["picked up the kids"], ["Pick up dry cleaning"]),
        (
            ["Invoice Dave for the cabinets"],
            ["dropped off the invoice at daves place, he says hell pay friday"],
            ["+Invoice Dave for the cabinets"],
        ),
    ],
)
async def test_comments_pastes_and_loose_words_change_what_they_name(given, turns, titles):
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    assert talk.tools.titles() == titles


async def test_ugh_typo_and_a_bare_day_of_the_month_corrects_the_date():
    talk = Conversation()
    await talk.say("add schedule newborn photos for the 18th")
    await talk.say("ugh typo, 28th")
    assert talk.tools.tasks[0]["due_date"].endswith("-28")


async def test_two_changes_in_one_sentence_make_both():
    talk = Conversation("Book bouncy castle", "Buy balloons")
    await talk.say("the bouncy castle is urgent, needs doing by friday")
    task = talk.tools.tasks[0]
    assert (task["priority"], task["due_date"]) == ("high", dates.weekday("friday").isoformat())
    assert talk.tools.titles() == ["Book bouncy castle", "Buy balloons"]


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            ["File motion to compel"],
            ["add cite check the brief wednesday 3pm tag it work", "same tag for the motion one"],
            lambda tasks: tasks[0]["tags"] == ["work"],
        ),
        ([], ["add call mom asap"], lambda tasks: tasks[0]["priority"] == "high"),  # "asap" last is its priority
        (
            ["Staff meeting"],
            ["oops staff mtg is every other wednesday not friday"],  # "mtg": "meeting"
            lambda tasks: tasks[0]["recurrence"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        ),
        (["Interview the mayor"], ["mayors office pushed the interview so make it 4pm"], lambda tasks: tasks[0]["due_time"] == "16:00"),
        (
            [],
            ["add research 1920s train schedules friday", "oops i meant 1930s not 1920s"],
            lambda tasks: [t["title"] for t in tasks] == ["Research 1930s train schedules"],
        ),
        (
            ["Court report for the Baker kids"],
            ["baker kids report needs to be in by monday, its urgent"],  # "baker" is no slip of "baked"
            lambda tasks: tasks[0]["priority"] == "high" and tasks[0]["due_date"] == dates.weekday("monday").isoformat(),
        ),
    ],
)
async def test_copies_short_forms_reasons_and_corrections(given, turns, check):
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    assert check(talk.tools.tasks), talk.tools.tasks


@pytest.mark.parametrize(
    "given,turns,check",
    [
        ([], ["add ce credits webinar sat 2pm, its important ive missed the last two"], lambda t: t[0]["priority"] == "high"),
        ([], ["pls add proofread the japanese manual by monday, important"], lambda t: t[0]["priority"] == "high"),
        (["Clean the cooler"], ["scrubbed out the cooler this morning 🥶 my hands are frozen"], lambda t: t[0]["completed"]),
        (["Replace bilge pump"], ["finally swapped out the bilge pump 🙏 no more leaks"], lambda t: t[0]["completed"]),
        ([], ["also log roast temps daily at 7am"], lambda t: t[0]["title"] == "Log roast temps"),
        (
            ["Bridesmaid dresses"],
            ["make the bridesmaid dresses urgent", "bridesmaid dresses no longer urgent, wedding got pushed back"],
            lambda t: t[0]["priority"] == "none",
        ),
        (
            ["A", "Site visit"],
            ["delete task 2", "put it back jk, they just want a diff style"],
            lambda t: [x["title"] for x in t if not x.get("gone")] == ["A", "Site visit"],
        ),
    ],
)
async def test_importance_said_late_errands_in_other_words_and_jokes(given, turns, check):
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    assert check([t for t in talk.tools.tasks if not t.get("gone")]), talk.tools.tasks


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            ["Rekey front door"],
            ["move the rekey to friday 9am", "wait make that 11am the tenant cant be there early"],
            lambda t: t[0]["due_time"] == "11:00",
        ),
        (
            ["Interview the mayor", "Transcribe fire chief interview"],
            ["mayors office pushed the interview so make it 4pm"],
            lambda t: (t[0]["due_time"], t[1]["due_time"]) == ("16:00", None),
        ),
        (
            ["Order resistance bands"],
            ["order bands by monday pls, low priority tho"],
            lambda t: len(t) == 1 and t[0]["priority"] == "low" and t[0]["due_date"] == dates.weekday("monday").isoformat(),
        ),
        (
            ["Pay beach permit"],
            ["beach permit gets paid on the 1st of every month btw"],
            lambda t: t[0]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1",
        ),
        (
            ["Renew driver permit"],
            ["permit renewal is due the 15th, make it important"],
            lambda t: t[0]["priority"] == "high" and t[0]["due_date"].endswith("-15"),
        ),
        (
            ["Taste new rioja samples"],
            ["the rioja tasting is actually on friday not today"],
            lambda t: t[0]["due_date"] == dates.weekday("friday").isoformat(),
        ),
        (["Fix the generator"], ["asap on the generator one, crew cant run the saws"], lambda t: t[0]["priority"] == "high"),
    ],
)
async def test_reasons_comments_and_the_tasks_own_words(given, turns, check):
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    assert check(talk.tools.tasks), talk.tools.tasks


async def test_a_state_that_is_not_done_completes_nothing_and_a_condition_is_no_yes():
    talk = Conversation("Book the flight", "Buy bread")
    await talk.say("the flight is delayed")
    assert talk.tools.titles() == ["Book the flight", "Buy bread"]
    await talk.say("delete the bread one?")
    await talk.say("yes, but only if it's done")
    assert talk.tools.titles() == ["Book the flight", "Buy bread"]


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            ["Farmers market setup"],
            ["move the market setup to 5:30am, gotta beat the other trucks"],
            lambda t: len(t) == 1 and t[0]["due_time"] == "05:30",
        ),
        (
            [],
            ["add call the beer distributor, restock the well vodka and fix the wobbly barstool"],
            lambda t: [x["title"] for x in t] == ["Call the beer distributor", "Restock the well vodka", "Fix the wobbly barstool"],
        ),
        (
            ["Submit conference abstract", "Submit the grant application"],
            ["delete the submit task", "2nd one, the grant deadline got pushed to next year"],
            lambda t: [x["title"] for x in t if not x.get("gone")] == ["Submit conference abstract"],
        ),
    ],
)
async def test_a_reason_after_a_change_to_dos_after_a_comma_and_a_choice_among_the_options(given, turns, check):
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    assert check([t for t in talk.tools.tasks if not t.get("gone")]), talk.tools.tasks


def _open(talk: Conversation) -> list[dict]:
    return [t for t in talk.tools.tasks if not t.get("gone")]


async def _open_after(given: list[str], turns: list[str]) -> list[dict]:
    """The tasks left after the turns are said to a conversation over `given`."""
    talk = Conversation(*given)
    for said in turns:
        await talk.say(said)
    return _open(talk)


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (["Renew state license"], ["the license renewal isnt urgent, set it to low"], lambda t: t[0]["priority"] == "low"),
        (
            ["Fix the gate"],
            ["make the gate fix high priority", "the gate fix isnt high anymore, maintenance is on it"],
            lambda t: t[0]["priority"] == "none",
        ),
        (
            ["Quote for the mini split"],
            ["make the mini split quote high priority and tag it sales"],
            lambda t: len(t) == 1 and (t[0]["priority"], t[0]["tags"]) == ("high", ["sales"]),
        ),
        (["Quote for the mini split"], ["find the quote", "set it to low"], lambda t: len(t) == 1 and t[0]["priority"] == "low"),
        (
            ["Rework the menu"],
            ["make the menu high priority", "no wait, low. it can wait til next month"],
            lambda t: t[0]["priority"] == "low",
        ),
        ([], ["every tuesday 4pm lesson prep", "no wait, wednesday"], lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=WE"),
        (
            ["Grade midterms"],
            ["grade midterms should be due monday", "hmm not monday, sunday night"],
            lambda t: t[0]["due_date"] == dates.weekday("sunday").isoformat(),
        ),
        (["Inspect the Miller roof"], ["the miller inspection got bumped to 2pm tmrw"], lambda t: t[0]["due_time"] == "14:00"),
        (
            ["Tune the studio piano"],
            ["move the piano tuning to saturday", "piano tuner comes monday not saturday"],
            lambda t: t[0]["due_date"] == dates.weekday("monday").isoformat(),
        ),
        (
            [],
            ["add grocery run tmrw and meal prep sunday", "meal prep saturday, not sunday, picked up an extra shift"],
            lambda t: [(x["title"], x["due_date"]) for x in t][1] == ("Meal prep", dates.weekday("saturday").isoformat()),
        ),
        (["File the report"], ["move the report to friday", "actually no date on that, no rush"], lambda t: t[0]["due_date"] is None),
        (
            ["Archive visit"],
            ["ugh the archive is closed tuesday, move it to wednesday"],
            lambda t: t[0]["due_date"] == dates.weekday("wednesday").isoformat(),
        ),
    ],
)
async def test_two_changes_in_one_message_the_last_wins_and_statements_that_move_a_task(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        ([], ["long shift tonight lol airport runs all evening"], lambda t: t == []),
        ([], ["ok gotta drive out to a claim, ttyl"], lambda t: t == []),
        ([], ["fire alarm went off at 9 this morning, long day already lol"], lambda t: t == []),
        ([], ["gotta call the bank tmrw lol"], lambda t: [x["title"] for x in t] == ["Call the bank"]),
        ([], ["add call mom lol"], lambda t: [x["title"] for x in t] == ["Call mom"]),
        (["Confirm the florist"], ["confirmed the florist. they're doing peonies after all"], lambda t: t[0]["completed"]),
        (
            [],
            ["add: submit conference abstract by the 15th, high pri. also submit the grant application friday"],
            lambda t: (
                [(x["title"], x["priority"]) for x in t]
                == [("Submit conference abstract", "high"), ("Submit the grant application", "none")]
            ),
        ),
        ([], ["hey! just got off a 12. add renew BLS cert by the 1st"], lambda t: [x["title"] for x in t] == ["Renew BLS cert"]),
        (["Call mom"], ["called mom, add buy milk tmrw"], lambda t: t[0]["completed"] and t[1]["title"] == "Buy milk"),
        ([], ["observe mr. tran's class friday"], lambda t: t[0]["title"] == "Observe mr. tran's class"),
        (["Email the superintendent"], ["emailed the super re: snow days"], lambda t: t[0]["completed"]),
        (["Upload photos"], ["uploaded the hail pics last night"], lambda t: t[0]["completed"]),
        (
            ["Replace XLR cables", "Buy XLR adapters"],
            ["bought new XLR cables at guitar center"],
            lambda t: t[0]["completed"] and not t[1]["completed"],
        ),
    ],
)
async def test_sentences_chat_and_what_was_done_in_other_words(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "turns,left",
    [
        (["delete the tire thing", "yes", "wait no put it back, i still gotta do that"], ["Replace van tire", "Buy bread"]),
        (["delete the tire thing", "hmm no never mind, leave it"], ["Replace van tire", "Buy bread"]),
        (["add milk", "leave it"], ["Replace van tire", "Buy bread", "Milk"]),
    ],
)
async def test_a_yes_with_nothing_asked_passes_and_leave_it_after_a_delete_puts_it_back(turns, left):
    talk = Conversation("Replace van tire", "Buy bread")
    for said in turns:
        await talk.say(said)
    assert [t["title"] for t in _open(talk)] == left


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (["Visit Mr. Albright"], ["long night. mr albright's visit got moved to 4"], lambda t: t[0]["due_time"] == "16:00"),
        (
            ["Bath for Biscuit"],
            ["morning!! ok busy day. add nail trim for the poodle tmrw 11am"],
            lambda t: [x["title"] for x in t] == ["Bath for Biscuit", "Nail trim for the poodle"],
        ),
        (
            [],
            ["hi there, need to add staff meeting tuesday 3:15pm"],
            lambda t: [(x["title"], x["due_time"]) for x in t] == [("Staff meeting", "15:15")],
        ),
        (
            ["Design review"],
            ["move the design review to tmrw 2:30pm", "ugh 3:30 actually, misread the invite"],
            lambda t: t[0]["due_time"] == "15:30",
        ),
        ([], ["add easy 5k every weekday 6am", "oops every day actually, weekends too"], lambda t: t[0]["recurrence"] == "FREQ=DAILY"),
        (
            ["Fix charging port"],
            ["move the port fix to saturday", "no friday sorry, he's traveling sat"],
            lambda t: t[0]["due_date"] == dates.weekday("friday").isoformat(),
        ),
        (
            ["Interview the new coach"],
            ["the new coach interview is set for saturday 11am"],
            lambda t: t[0]["title"] == "Interview the new coach" and t[0]["due_time"] == "11:00",
        ),
        (
            ["Pediatrician appt for the twins"],
            ["move the pediatrician appt to monday 9:30am", "pediatrician office called, moving it to wednesday same time"],
            lambda t: (t[0]["due_date"], t[0]["due_time"]) == (dates.weekday("wednesday").isoformat(), "09:30"),
        ),
        (["Book sports massage"], ["massage can be low priority, not urgent"], lambda t: t[0]["priority"] == "low"),
        (
            ["Parent newsletter"],
            ["move the newsletter to friday", "newsletter needs to go out today, not friday"],
            lambda t: t[0]["due_date"] == dates.today().isoformat(),
        ),
        (
            ["Bath for Biscuit"],
            ["delete bath for biscuit, owner cancelled", "ugh nvm undo that, she's coming after all"],
            lambda t: len(t) == 1,
        ),
        ([], ["add buy a gift for noah's party, need it by saturday"], lambda t: t[0]["due_date"] == dates.weekday("saturday").isoformat()),
    ],
)
async def test_remarks_before_a_request_corrections_with_words_after_them_and_deadlines_said_after_a_comma(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            [],
            ["deshed treatment for max saturday, tag spa pls"],
            lambda t: (t[0]["title"], t[0]["tags"]) == ("Deshed treatment for max", ["spa"]),
        ),
        ([], ["add care plan meeting monday 11, tag idt"], lambda t: (t[0]["due_time"], t[0]["tags"]) == ("11:00", ["idt"])),
        (
            ["Call the parts supplier"],
            ["delete the supplier one", "never mind, still need to call them about the screens"],
            lambda t: len(t) == 1,
        ),
        (["Order battery stock"], ["batteries ordered"], lambda t: t[0]["completed"]),
        (["Book piano tuner"], ["piano tuner booked for the 22nd 🎹"], lambda t: len(t) == 1 and t[0]["completed"]),
        (
            [],
            [
                "add rehearsal every tuesday 7pm",
                "rehearsal is moving to wednesdays from now on",
                "oops no, mondays. the hall's taken wednesdays",
            ],
            lambda t: len(t) == 1 and t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO",
        ),
        ([], ["add: buy energy gels, stretching tonight at 9pm"], lambda t: [x["title"] for x in t] == ["Buy energy gels", "Stretching"]),
        (
            [],
            ["add print sheet music for altos by friday", "same for sopranos"],
            lambda t: (
                [(x["title"], x["due_date"]) for x in t][1] == ("Print sheet music for sopranos", dates.weekday("friday").isoformat())
            ),
        ),
    ],
)
async def test_tags_after_a_comma_plurals_things_booked_for_a_day_and_the_same_to_do_for_another(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            ["A", "Renew CPR certification"],
            ["delete task 2, cpr is already renewed", "actually just mark it done instead, i want the record"],
            lambda t: [(x["title"], x["completed"]) for x in t] == [("A", False), ("Renew CPR certification", True)],
        ),
        (["Order rebar"], ["rebar ordered, 2 tons coming wed"], lambda t: len(t) == 1 and t[0]["completed"]),
        (
            ["Book hotel for the layover", "Pack uniform"],
            ["tag the hotel one and the uniform one with travel", "scratch that", "ok just the hotel one w/ travel"],
            lambda t: [x["tags"] for x in t] == [["travel"], []],
        ),
    ],
)
async def test_instead_of_a_delete_a_remark_on_what_was_done_and_just_one_of_two(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (["A", "B", "C", "Get new ratchet straps"], ["delete task 4 buddy has extras"], lambda t: len(t) == 3),
        (["A", "B"], ["complete 1 and 2"], lambda t: all(x["completed"] for x in t)),
        (["Restock birth kit"], ["restocked the kit between visits"], lambda t: t[0]["completed"]),
        (["Renew CPR cert"], ["cpr cert needs to be done by the 15th, high priority"], lambda t: t[0]["priority"] == "high"),
        (
            [],
            ["add check tire pressure every day 6am", "actually make that every weekday"],
            lambda t: f"{t[0]['due_date']}T{t[0]['due_time']}" > dates.local_now().strftime("%Y-%m-%dT%H:%M"),  # not overdue
        ),
        (["Confirm headcount for Liu wedding"], ["liu headcount confirmed! 148 ppl"], lambda t: t[0]["completed"]),
        (["Edit photos for Maple St listing"], ["maple st edits are sent 🙌"], lambda t: t[0]["completed"]),
        (
            ["Order W-2 forms", "Order toner"],
            ["delete the order one", "the toner, found a box in the closet"],
            lambda t: [x["title"] for x in t] == ["Order W-2 forms"],
        ),
        (["Take melatonin"], ["delete the melatonin one", "no keep it, i'll just check w her"], lambda t: len(t) == 1),
        ([], ["cheers, gotta pull out of the yard"], lambda t: t == []),
        ([], ["ohh also weigh-ins every monday 7am"], lambda t: t[0]["title"] == "Weigh-ins"),
        (
            [],
            ["every wednesday 3:15 sectionals", "oops brass sectionals, not all sectionals"],
            lambda t: t[0]["title"] == "Brass sectionals",
        ),
        (
            ["Check camera traps"],
            ["camera traps every other monday now, not weekly"],
            lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        ),
        (
            ["Collar check for elk 7", "Drive to the field site"],
            ["tag the elk one fieldwork and the field site one too"],
            lambda t: [x["tags"] for x in t] == [["fieldwork"], ["fieldwork"]],
        ),
        (["Call Mrs. Okafor about 1099s"], ["mrs okafor called me first lol so that's done"], lambda t: t[0]["completed"]),
    ],
)
async def test_numbers_with_a_reason_participles_answers_with_a_remark_and_corrections_of_a_repeat(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            [],
            ["add cite check the brief by 5 today, tag henderson"],
            lambda t: (t[0]["title"], t[0]["due_time"]) == ("Cite check the brief", "17:00"),
        ),
        (
            ["Draft motion to compel"],
            ["partner just pushed the motion to monday ugh"],
            lambda t: t[0]["due_date"] == dates.weekday("monday").isoformat(),
        ),
        (
            ["Pick up Lena"],
            ["move the lena pickup to friday 4:30pm", "pickup for lena is 5 now, not 4:30"],
            lambda t: t[0]["due_time"] == "17:00",
        ),
        (
            ["Meet with Jordan's parents"],
            ["can you move jordans parents mtg to friday 8:45? their bus runs late"],
            lambda t: len(t) == 1 and t[0]["due_time"] == "08:45",
        ),
        (
            ["Inspect hive 2"],
            ["inspection's gonna be sunday, rain on sat"],
            lambda t: len(t) == 1 and t[0]["due_date"] == dates.weekday("sunday").isoformat(),
        ),
        (
            ["Update 504 plans"],
            ["make the 504 plans high priority, due tuesday"],
            lambda t: (t[0]["priority"], t[0]["due_date"]) == ("high", dates.weekday("tuesday").isoformat()),
        ),
        ([], ["hiii can u add swim lessons for max every tuesday at 3:30pm"], lambda t: t[0]["title"] == "Swim lessons for max"),
        (
            [],
            [
                "add tutor at the library every tuesday 2pm",
                "Could you make the tutoring every other week instead? The library is short on rooms.",
            ],
            lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        ),
        (["Reorder amoxicillin"], ["amox reorder went thru, wholesaler confirmed"], lambda t: t[0]["completed"]),
        (["Bake cookies for the sale"], ["The cookies are baked and packed! Oatmeal raisin."], lambda t: t[0]["completed"]),
        (
            ["Pipe sugar roses for the Kim wedding"],
            ["the kim roses are super fiddly, make them high priority"],
            lambda t: t[0]["priority"] == "high",
        ),
        (
            [],
            ["oh and pack the swim bag on monday", "actually the bag thing doesnt need a day, ill just do it whenever"],
            lambda t: t[0]["due_date"] is None,
        ),
        (["Count the stock"], ["delete task 1", "oh crap undo that"], lambda t: len(t) == 1),
    ],
)
async def test_someone_else_moved_it_is_gonna_be_went_thru_and_reasons_about_them(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            [],
            ["add these for tmrw:\n1. quote for the remodel\n2. call supply house\n3. pay Marco sunday"],
            lambda t: (
                [x["due_date"] for x in t] == [(dates.today() + timedelta(days=1)).isoformat()] * 2 + [dates.weekday("sunday").isoformat()]
            ),
        ),
        (["Email counselors"], ["move the counselors email to tuesday", "and flag it high pls"], lambda t: t[0]["priority"] == "high"),
        (["Post sunday schedule on insta"], ["sunday schedule is up on insta"], lambda t: len(t) == 1 and t[0]["completed"]),
        (
            ["Fix compost bin latch"],
            ["the compost latch is actually kinda urgent, a raccoon got in lol"],
            lambda t: t[0]["priority"] == "high",
        ),
        (["Order green soap"], ["ditch the soap one"], lambda t: len(t) == 1),  # loosely said: it asks first
        (
            [],
            ["morning ☕ add export rough cut for Jenna tmrw 5pm"],
            lambda t: (t[0]["title"], t[0]["due_time"]) == ("Export rough cut for Jenna", "17:00"),
        ),
        (
            [],
            ["add review NOTAMs for the LHR route tmrw 0600"],
            lambda t: (t[0]["title"], t[0]["due_time"]) == ("Review NOTAMs for the LHR route", "06:00"),
        ),
        (
            [],
            ["add: call daycare about tuition, soccer snacks for saturday, renew library books"],
            lambda t: [x["title"] for x in t] == ["Call daycare about tuition", "Soccer snacks", "Renew library books"],
        ),
    ],
)
async def test_a_headings_day_flags_things_up_on_insta_degrees_and_four_figure_times(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (["Read transfer apps"], ["rename 1 to Read transfer apps batch 2"], lambda t: t[0]["title"] == "Read transfer apps batch 2"),
        (["Call daycare about tuition"], ["the daycare one is important"], lambda t: t[0]["priority"] == "high"),
        (["Field day permission slips"], ["set the permission slips to high"], lambda t: len(t) == 1 and t[0]["priority"] == "high"),
        (["Back up drives"], ["back up drives should repeat every friday"], lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=FR"),
        (
            [],
            ["add review notams every day 6am", "make that weekdays only"],
            lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        ),
        (
            ["Color grade wedding reel"],
            ["move the wedding reel to sunday and make it low priority, client's in no rush"],
            lambda t: (t[0]["title"], t[0]["priority"]) == ("Color grade wedding reel", "low"),
        ),
        (
            ["Review discovery responses"],
            ["finished going thru the discovery responses, nothing useful in there"],
            lambda t: t[0]["completed"],
        ),
        ([], ["gonna be a sunny one today ☀️"], lambda t: t == []),
        ([], ["add yield report monthly on the 1st", "no wait, the 15th"], lambda t: t[0]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=15"),
        (
            ["Call health inspector"],
            ["move the inspector call to friday", "inspector's coming monday now, not friday"],
            lambda t: t[0]["due_date"] == dates.weekday("monday").isoformat(),
        ),
    ],
)
async def test_levels_said_alone_repeats_said_of_a_task_and_titles_that_start_with_read(given, turns, check):
    assert check(await _open_after(given, turns))


@pytest.mark.parametrize(
    "given,turns,check",
    [
        (
            ["Get my van inspected"],
            ["van inspection is tmrw"],
            lambda t: t[0]["due_date"] == (dates.today() + timedelta(days=1)).isoformat(),
        ),
        (
            ["Long run 18 miles"],
            ["move the long run to sunday", "hmm no keep it on saturday, forecast changed"],
            lambda t: t[0]["due_date"] == dates.weekday("saturday").isoformat(),
        ),
        (["Rehearsal"], ["when's rehearsal now?"], lambda t: len(t) == 1 and t[0]["due_date"] is None),  # a question: nothing changes
    ],
)
async def test_a_noun_of_a_verb_keep_it_on_a_day_and_when_is_a_task(given, turns, check):
    assert check(await _open_after(given, turns))


async def test_when_is_a_task_names_it():
    talk = Conversation("Rehearsal", "Buy milk")
    assert "Rehearsal" in await talk.say("when's rehearsal now?")
