"""A message of several sentences, and the words that only point at a task: which sentence is the
request, what answers the assistant's own question, and when a delete asks first. Over a fake tool
port; no server, no database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests import dates
from tests.agent.offline.fakes import Conversation

pytestmark = pytest.mark.nodb


async def _no_task_added(given: tuple[str, ...], *said: str) -> list[dict]:
    """The tasks after the messages are said to a conversation over `given`, none of them added."""
    talk = Conversation(*given)
    for message in said:
        await talk.say(message)
    assert len(talk.tools.tasks) == len(given), talk.tools.tasks
    return talk.tools.tasks


@pytest.mark.parametrize(
    "said,deleted",
    [
        ("delete the gutter thing", False),  # "thing" points at the task: asks
        ("delete the gutter one", False),
        ("get rid of the gutter stuff", False),
        ("delete the gutter cleaning", True),  # words whole in one title alone: named
        ("delete schedule gutter cleaning", True),
        ("delete task 1", True),
        ("delete the gutter clean", False),  # a start of a word is loose
        ("delete the gutters cleaning", False),  # and so is a plural
    ],
)
async def test_a_word_that_only_points_makes_a_delete_ask(said, deleted):
    talk = Conversation("Schedule gutter cleaning", "Buy milk")
    reply = await talk.say(said)
    assert (talk.tools.titles() == ["Buy milk"]) is deleted, reply
    if not deleted:
        assert reply == "Delete “Schedule gutter cleaning”? (yes / no)"
        assert await talk.say("yes") == "Deleted “Schedule gutter cleaning”."


@pytest.mark.parametrize(
    "said,title,deleted",
    [
        ("delete the CPR renewal, the hospital is doing it for all of us", "Renew CPR certification", True),
        ("delete the blade erosion inspection, drone crew is doing it instead", "Inspect blade LE erosion T-3 and T-4", True),
        ("delete the call to mia's speech therapist, she emailed me instead", "Call Mia's speech therapist", True),
        ("get rid of the pressure washing", "Pressure wash dock 3", False),  # a verb's -ing may be another washing
        ("delete the docent meeting", "Meet with docents", False),  # a plural is loose
    ],
)
async def test_a_noun_of_the_titles_verb_names_the_task_for_a_delete(said, title, deleted):
    talk = Conversation(title, "Buy milk")
    reply = await talk.say(said)
    assert (talk.tools.titles() == ["Buy milk"]) is deleted, reply


@pytest.mark.parametrize(
    "answer,kept",
    [
        ("No, keep it. I mixed it up with something else.", True),
        ("Yes. It was a duplicate anyway.", False),
        ("nope!! wrong one 🙈", True),
    ],
)
async def test_the_first_sentence_answers_a_question(answer, kept):
    talk = Conversation("Confirm florist for Henderson service", "Order memorial cards")
    assert (await talk.say("remove the card thing")).startswith("Delete “Order memorial cards”?")
    await talk.say(answer)
    assert ("Order memorial cards" in talk.tools.titles()) is kept


async def test_the_first_sentence_picks_from_a_which_one_question():
    talk = Conversation("Order bubble wrap", "Order dolly straps")
    assert (await talk.say("delete the order one")).startswith("Which one")
    await talk.say("the first one. we found a pallet of it")
    assert talk.tools.titles() == ["Order dolly straps"]


@pytest.mark.parametrize(
    "said",
    ["It has been a long week. Thank you for the help.", "lol dispatch life. ok thx", "long day today 😩 thanks for all your help"],
)
async def test_thanks_after_remarks_is_thanks(said):
    talk = Conversation("Buy milk")
    assert await talk.say(said) == "You're welcome!"
    assert talk.tools.titles() == ["Buy milk"]


async def test_a_to_do_after_thanks_is_added():
    talk = Conversation()
    assert (await talk.say("thanks. call mom tmrw")).startswith("Added “Call mom”")


async def test_a_face_ends_a_sentence():
    talk = Conversation("Draft budget narrative", "Buy milk")
    await talk.say("morning ☕ the deadline got pushed!! move the budget narrative to saturday")
    tasks = talk.tools.tasks
    assert tasks[0]["due_date"] == dates.weekday("saturday").isoformat() and not tasks[0]["completed"]
    assert talk.tools.titles() == ["Draft budget narrative", "Buy milk"]


async def test_a_face_after_a_command_word_ends_no_sentence():
    talk = Conversation()
    assert (await talk.say("add 🎂 order the cake")).startswith("Added “🎂 order the cake”")


async def test_news_of_a_move_completes_nothing():
    talk = Conversation("Ford deadline")
    await talk.say("the ford deadline got pushed")
    assert not talk.tools.tasks[0]["completed"]


@pytest.mark.parametrize(
    "given,said,done",
    [
        (["Confirm florist for Henderson service", "Order memorial cards"], "Florist confirmed for Henderson.", 0),
        (["Order hops", "Clean fermenter 3"], "fermenter 3 is clean", 1),
        (["Order hops", "Clean fermenter 3"], "the pantry is clean", None),  # no task of that thing: nothing
    ],
)
async def test_a_thing_said_done_for_someone_or_in_its_state(given, said, done):
    talk = Conversation(*given)
    await talk.say(said)
    assert [i for i, t in enumerate(talk.tools.tasks) if t["completed"]] == ([] if done is None else [done])


async def test_put_a_thing_named_by_its_root_on_a_day_moves_it_and_same_for_another():
    talk = Conversation("Get truck 4 inspected", "Order new dolly straps")
    assert (await talk.say("put the truck inspection on monday")).startswith("Updated “Get truck 4 inspected”")
    assert (await talk.say("same for the dolly straps")).startswith("Updated “Order new dolly straps”")
    monday = dates.weekday("monday").isoformat()
    assert [t["due_date"] for t in talk.tools.tasks] == [monday, monday] and len(talk.tools.tasks) == 2


async def test_you_can_before_a_change_is_polite():
    said = ("make the budget narrative high priority", "and you can drop the high priority on it now")
    assert (await _no_task_added(("Draft budget narrative",), *said))[0]["priority"] == "none"


async def test_keep_the_tag_after_an_untag_puts_it_back():
    talk = Conversation("Update logic model")
    await talk.say("tag the logic model ford")
    await talk.say("untag the logic model")
    assert talk.tools.tasks[0]["tags"] == []
    assert (await talk.say("oops no, keep the tag, wrong task")).startswith("Undone")
    assert talk.tools.tasks[0]["tags"] == ["ford"]


async def test_weekly_then_its_day_is_one_repeat():
    said = ("make the coach mtg every other friday", "make the coach mtg weekly instead, every friday")
    assert (await _no_task_added(("Coach mtg",), *said))[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=FR"


async def test_a_remark_before_a_comma_then_a_move():
    talk = Conversation("Order hops", "Call distributor about kegs")
    await talk.say("distributor stuff can wait, move the call to monday")
    assert talk.tools.tasks[1]["due_date"] == dates.weekday("monday").isoformat()
    await talk.say("wait no, tuesday. monday we're closed")  # a correction, then why
    assert talk.tools.tasks[1]["due_date"] == dates.weekday("tuesday").isoformat()
    assert talk.tools.titles() == ["Order hops", "Call distributor about kegs"]


async def test_a_remark_that_starts_with_a_sigh_is_no_correction():
    talk = Conversation()
    assert (await talk.say("ugh just got home from shift. add pack lunches every weekday at 6:30am")).startswith("Added “Pack lunches”")
    assert (await talk.say("oops that was meant for my husbands list 🙈 undo all of that")).startswith("Undone")
    assert talk.tools.titles() == []


async def test_all_of_those_after_a_paste_changes_each_and_one_undo_takes_it_back():
    talk = Conversation("Laminate name tags")
    await talk.say("pls add these for the zoo trip 🦁\n- collect permission slips by tues\n- book the bus\n- pack first aid kit wed")
    await talk.say("tag all of those zoo")
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["zoo"], ["zoo"], ["zoo"]]
    assert (await talk.say("undo")).startswith("Undone")
    assert [t["tags"] for t in talk.tools.tasks] == [[], [], [], []]


async def test_them_after_a_paste_never_deletes_unasked():
    talk = Conversation("Laminate name tags")
    await talk.say("add:\n1. book the bus\n2. pack first aid kit")
    await talk.say("delete them")
    assert talk.tools.titles() == ["Laminate name tags", "Book the bus", "Pack first aid kit"]


async def test_do_them_on_a_day_moves_the_task_a_question_named():
    talk = Conversation("Send thank-you letters to donors", "Buy milk")
    await talk.say("did i send the donor thank yous?")
    await talk.say("ok do them tmrw then, high priority")
    task = talk.tools.tasks[0]
    assert (task["due_date"], task["priority"]) == ((dates.today() + timedelta(days=1)).isoformat(), "high")
    assert talk.tools.titles() == ["Send thank-you letters to donors", "Buy milk"]


async def test_tag_both_tags_the_task_before_and_adds_the_new_one_as_one_step():
    talk = Conversation("Fix rower")
    await talk.say("yo add order chalk for monday 💪")
    reply = await talk.say("and restock protein bars tmrw, tag both inventory")
    assert "Order chalk" in reply and "Restock protein bars" in reply
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["inventory"], ["inventory"]]
    await talk.say("undo")
    assert talk.tools.titles() == ["Fix rower", "Order chalk"] and talk.tools.tasks[1]["tags"] == []


async def test_two_requests_joined_by_and_are_made_in_turn_and_undone_together():
    talk = Conversation("Review vancomycin dosing protocol", "CE credits", "Check crash cart")
    await talk.say("mark task 1 as complete and delete CE credits, the hospital pays for those now")
    assert talk.tools.titles() == ["+Review vancomycin dosing protocol", "Check crash cart"]
    assert (await talk.say("hold on, undo all of that")).startswith("Undone")
    assert talk.tools.titles() == ["Review vancomycin dosing protocol", "CE credits", "Check crash cart"]


async def test_two_requests_to_it_change_the_same_task_and_say_it_once():
    talk = Conversation("Submit monthly spiritual care notes", "Call the Okafor family")
    reply = await talk.say("ugh the spiritual care notes are late again. make that urgent and move it to tomorrow")
    notes = talk.tools.tasks[0]
    assert (notes["priority"], notes["due_date"]) == ("high", (dates.today() + timedelta(days=1)).isoformat())
    assert reply.count("Updated") == 1 and "high priority" in reply and "tomorrow" in reply
    await talk.say("call the okafor family on monday")
    await talk.say("make it low and move it to the 5th")
    okafor = talk.tools.tasks[1]
    assert okafor["priority"] == "low" and okafor["due_date"].endswith("-05") and notes["priority"] == "high"
    await talk.say("undo")
    okafor = talk.tools.tasks[1]
    assert okafor["priority"] == "none" and okafor["due_date"] == (dates.today() + timedelta(days=4)).isoformat()


async def test_a_topic_then_requests_to_it_in_two_sentences():
    talk = Conversation("Renew medical card", "Oil change on the Pete")
    await talk.say("oil change on the pete, do it the 6th while im home. make it high, engine light been flickering")
    oil = talk.tools.tasks[1]
    assert oil["due_date"].endswith("-06") and oil["priority"] == "high"
    assert talk.tools.tasks[0]["priority"] == "none" and len(talk.tools.tasks) == 2


async def test_two_requests_need_a_command_word_each():
    talk = Conversation()
    assert (await talk.say("buy milk and eggs")).startswith("Added “Buy milk and eggs”")


async def test_a_time_for_a_named_task_moves_that_task():
    talk = Conversation()
    await talk.say("add call wholesaler re: amoxicillin shortage tmrw 2pm and update formulary sheet on monday")
    await talk.say("sorry 2:30 for the wholesaler call")
    assert [t["due_time"] for t in talk.tools.tasks] == ["14:30", None]


@pytest.mark.parametrize(
    "said,check",
    [
        ("make the socks one low priority, no rush on those", lambda t: t[0]["priority"] == "low"),
        (
            "push the titration grading to tmrw, not happening today lol",
            lambda t: t[1]["due_date"] == (dates.today() + timedelta(days=1)).isoformat(),
        ),
        (
            "judge reyes is out sick so the docket update can wait, move it to monday",
            lambda t: t[2]["due_date"] == dates.weekday("monday").isoformat() and not t[2]["completed"],
        ),
        ("landlord finally fixed the proofer door 🙌", lambda t: t[3]["completed"]),
    ],
)
async def test_a_remark_around_a_change_is_no_task_and_someone_else_can_do_a_job(said, check):
    tasks = await _no_task_added(
        ("Buy compression socks", "Grade titration labs", "Update docket for Judge Reyes", "Fix proofer door"), said
    )
    assert check(tasks), tasks


@pytest.mark.parametrize(
    "said,titles",
    [
        ("ugh column took forever. add: order more silica gel, high priority", ["Order more silica gel"]),
        ("morning! well 'morning' lol been up since 3. add call the repair guy tmrw at 1pm", ["Call the repair guy"]),
        ("DEA license - tag it admin, due the 30th", ["DEA license"]),
        ("please add prepare exhibit list for the Marsh trial, due wednesday, tag it trial", ["Prepare exhibit list for the Marsh trial"]),
        (
            "add order 3-0 vicryl sutures, low priority, and restock the surgical packs",
            ["Order 3-0 vicryl sutures", "Restock the surgical packs"],
        ),
        ("add order new volumes, and order t-nuts. tag both gear", ["Order new volumes", "Order t-nuts"]),
    ],
)
async def test_what_an_add_leaves_out_and_keeps(said, titles):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == titles
    if "tag" in said:
        assert all(t["tags"] for t in talk.tools.tasks)


@pytest.mark.parametrize(
    "said,time", [("sorry meant 5pm", "17:00"), ("lol 11am not pm, im not THAT far gone", "11:00"), ("11am not 11pm", "11:00")]
)
async def test_a_time_correction_with_or_without_a_marker(said, time):
    talk = Conversation()
    await talk.say("add focus session tmrw 11pm")
    await talk.say(said)
    assert talk.tools.tasks[0]["due_time"] == time and len(talk.tools.tasks) == 1


async def test_x_not_y_with_nothing_to_correct_is_a_to_do():
    talk = Conversation()
    assert (await talk.say("call mom not dad")).startswith("Added “Call mom not dad”")


@pytest.mark.parametrize("answer,kept", [("yep, dairy guy is dropping it off now", False), ("no, landlord is on it", True)])
async def test_a_yes_or_no_then_why(answer, kept):
    talk = Conversation("Pick up 20 lb butter")
    await talk.say("ditch the butter one")
    await talk.say(answer)
    assert (talk.tools.titles() == ["Pick up 20 lb butter"]) is kept


@pytest.mark.parametrize(
    "said,check",
    [
        ("DEA license - tag it admin, due the 30th", lambda t: t[0]["tags"] == ["admin"] and t[0]["due_date"] is not None),
        ("oil change on the F-250 every month on the 1st from now on", lambda t: t[1]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("take the high priority off the catchers gear, league is lending us a set", lambda t: t[2]["priority"] == "none"),
        (
            "The tuner - please put that for monday at 10am and mark it important",
            lambda t: (t[3]["due_time"], t[3]["priority"]) == ("10:00", "high"),
        ),
    ],
)
async def test_a_task_named_as_a_thing_or_first_then_changed(said, check):
    talk = Conversation("Renew DEA license", "Change oil on the F-250", "Get new catchers gear", "Call the piano tuner")
    await talk.say("make the catchers gear high priority")
    await talk.say(said)
    assert len(talk.tools.tasks) == 4 and check(talk.tools.tasks), talk.tools.tasks


async def test_mark_it_important_after_a_move_is_its_priority():
    talk = Conversation("Tune the organ")
    await talk.say("put the organ tuning for monday at 10am and mark it important")
    assert (talk.tools.tasks[0]["due_time"], talk.tools.tasks[0]["priority"], len(talk.tools.tasks)) == ("10:00", "high", 1)


async def test_tag_all_three_of_those_and_same_for_another():
    talk = Conversation("Set comp problems")
    await talk.say("add:\n- focus the booms sat\n- refocus the booms\n- write cue notes")
    await talk.say("tag all three of those hamlet")
    await talk.say("same for set comp problems")
    assert [t["tags"] for t in talk.tools.tasks] == [["hamlet"]] * 4


@pytest.mark.parametrize(
    "said,titles",
    [
        ("every weekday at 8:30am i need to check the e-filing queue, can you add that", ["Check the e-filing queue"]),
        ("Also: buy new organ shoes, low priority", ["Buy new organ shoes"]),
        ("printer ink high priority", ["Printer ink"]),
    ],
)
async def test_a_to_do_said_then_asked_for(said, titles):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == titles


@pytest.mark.parametrize(
    "said,check",
    [
        ("bubble mailers - high pri, im down to like 5", lambda t: t[0]["priority"] == "high"),
        ("make the chalking 7am, first game's at 9", lambda t: t[1]["due_time"] == "07:00"),
    ],
)
async def test_a_thing_named_by_a_noun_of_its_job_with_a_remark(said, check):
    talk = Conversation("Restock bubble mailers", "Chalk the field")
    await talk.say(said)
    assert len(talk.tools.tasks) == 2 and check(talk.tools.tasks), talk.tools.tasks


@pytest.mark.parametrize("said", ["sick, thanks 🤙", "nvm keep both"])
async def test_slang_thanks_and_keep_both_change_nothing(said):
    talk = Conversation("Order volumes", "Order t-nuts")
    await talk.say("delete the order one")
    await talk.say(said)
    assert talk.tools.titles() == ["Order volumes", "Order t-nuts"]


async def test_when_is_a_task_due_names_it():
    talk = Conversation("Chalk the field")
    assert "Chalk the field" in await talk.say("when's the chalking due again")


@pytest.mark.parametrize(
    "said,check",
    [
        ("hive tool pricing can wait til saturday", lambda t: t[0]["due_date"] == dates.weekday("saturday").isoformat()),
        ("staffing grid isn't due til saturday actually", lambda t: t[1]["due_date"] == dates.weekday("saturday").isoformat()),
        ("mrs abbott wants the delivery at 11 instead", lambda t: t[2]["due_time"] == "11:00"),
        ("fridge guy fixed the thermostat finally", lambda t: t[3]["completed"]),
    ],
)
async def test_news_of_a_task_said_by_others_or_of_when_it_can_wait(said, check):
    tasks = await _no_task_added(("Price hive tools", "Staffing grid", "Deliver the Abbott table", "Fix the thermostat"), said)
    assert check(tasks), tasks


@pytest.mark.parametrize(
    "said,title",
    [
        ("good morning. Council mtg every 1st of the month at 7pm pls", "Council mtg"),
        ("every friday i have to pick up flowers at the wholesale market at 5am", "Pick up flowers at the wholesale market"),
        ("new job: certify translation by wednesday, tag it es", "Certify translation"),
        ("add scrimmage vs. Central the 22nd at 6pm", "Scrimmage vs. Central"),
    ],
)
async def test_a_to_do_after_a_greeting_a_repeat_or_a_heading(said, title):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == [title] and (talk.tools.tasks[0]["due_date"] or talk.tools.tasks[0]["tags"])


async def test_a_change_said_after_a_dash_and_a_remark_with_a_not():
    talk = Conversation("Call Jim back about the budget")
    await talk.say("renew d&o — make that high priority and tag it legal")
    await talk.say("jim's not answering, push his call to tmrw")
    tasks = talk.tools.tasks
    assert talk.tools.titles() == ["Call Jim back about the budget", "Renew d&o"]
    assert (tasks[1]["priority"], tasks[1]["tags"]) == ("high", ["legal"])
    assert tasks[0]["due_date"] == (dates.today() + timedelta(days=1)).isoformat()


async def test_is_it_still_on_a_day_is_a_question_and_jobs_name_nothing():
    talk = Conversation("Restring the cello", "Fix the harley clutch", "Tune the KTM")
    assert "Restring the cello" in await talk.say("is restringing still on saturday?")
    await talk.say("tag the harley and KTM jobs customer")
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["customer"], ["customer"]]


async def test_a_quoted_to_do_put_on_for_a_day_after_a_greeting():
    talk = Conversation()
    await talk.say("bonjour 🍷 can you put 'call the distributor about the Barolo allocation' on for monday")
    assert talk.tools.titles() == ["Call the distributor about the Barolo allocation"]
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("monday").isoformat()


async def test_just_a_weekday_corrects_a_repeat():
    talk = Conversation()
    await talk.say("add council prep every weekday at 9am")
    await talk.say("oops not every weekday, just tuesdays")
    assert talk.tools.tasks[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=TU"


@pytest.mark.parametrize("said", ["ugh fundraising is exhausting", "ugh it's raining again"])
async def test_a_sigh_and_a_remark_is_no_correction(said):
    talk = Conversation("Call APS back")
    assert (await talk.say(said)).startswith("👍")
    assert talk.tools.titles() == ["Call APS back"]


async def test_a_tag_said_bare_after_the_time():
    talk = Conversation()
    await talk.say("add final inspection at 140 Harbor Rd wednesday 9am tag inspection")
    assert talk.tools.titles() == ["Final inspection at 140 Harbor Rd"] and talk.tools.tasks[0]["tags"] == ["inspection"]
    await talk.say("buy a gift tag tomorrow")
    assert talk.tools.titles()[-1] == "Buy a gift tag"


async def test_drop_the_priority_said_alone_or_after_the_same_said_otherwise():
    talk = Conversation("Strip the dresser", "Book a massage")
    await talk.say("make the dresser high priority")
    await talk.say("drop the priority")
    assert talk.tools.tasks[0]["priority"] == "none"
    await talk.say("make the dresser high priority")
    await talk.say("stripping the dresser isn't urgent anymore, drop the priority")
    await talk.say("massage can be low priority, not urgent")
    assert [t["priority"] for t in talk.tools.tasks] == ["none", "low"] and len(talk.tools.tasks) == 2


async def test_spoke_with_completes_a_call():
    talk = Conversation("Call the county about the pothole")
    await talk.say("spoke w/ the county about the pothole")
    assert talk.tools.titles() == ["+Call the county about the pothole"]


@pytest.mark.parametrize(
    "added,said,time",
    [
        ("add fuel up the boat saturday 5am", "sorry i meant 4:30", "04:30"),
        ("add call mom tmrw 6pm", "make it 7", "19:00"),
        ("add meeting tmrw 11am", "make it 2", "14:00"),
        ("add walk the dog tmrw 9am", "make it 7", "07:00"),
    ],
)
async def test_a_bare_hour_is_the_one_nearer_the_tasks_time(added, said, time):
    talk = Conversation()
    await talk.say(added)
    await talk.say(said)
    assert talk.tools.tasks[0]["due_time"] == time


@pytest.mark.parametrize(
    "said,tags",
    [
        ("add: meet with Devon monday 2:45pm, call Ms. Reyes re: fee waiver, and update Naviance - tag all 3 apps", [["apps"]] * 3),
        ("can you add unload bisque kiln saturday and mix new batch of celadon glaze monday, tag the glaze one studio", [[], ["studio"]]),
        ("add change the lint trap filters every sunday and post holiday hours, tag the hours one signs", [[], ["signs"]]),
    ],
)
async def test_a_tag_said_after_several_to_dos_tags_the_ones_it_names(said, tags):
    talk = Conversation()
    await talk.say(said)
    assert [t["tags"] for t in talk.tools.tasks] == tags, talk.tools.tasks
    assert not any("tag" in t["title"].lower() for t in talk.tools.tasks)


async def test_a_tag_for_all_of_a_group_just_added_tags_each_and_one_undo_takes_it_back():
    talk = Conversation("Pay deposit on Tulum villa")
    await talk.say("ok so I need to add a few: email the 3 waitlist people today, order 20 bolsters, and book the sound bath guy")
    await talk.say("tag all three sedona")
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["sedona"], ["sedona"], ["sedona"]]
    await talk.say("undo")
    assert [t["tags"] for t in talk.tools.tasks] == [[], [], [], []]


@pytest.mark.parametrize(
    "said,tagged",
    [
        ("tag both estimates jobs", [False, True, True]),  # the two tasks the word fits
        ("tag all 3 estimates jobs", [False, False, False]),  # two fit it, not three: asks which
    ],
)
async def test_a_counted_group_named_by_a_word_is_each_task_that_word_fits(said, tagged):
    talk = Conversation("Pay dump fees", "Estimate for mrs. pham's basement", "Estimate for the brewery on elm")
    reply = await talk.say(said)
    assert [t["tags"] == ["jobs"] for t in talk.tools.tasks] == tagged, reply


async def test_that_in_a_later_request_is_the_task_the_earlier_one_completed():
    talk = Conversation("Get truck tires rotated", "Call postmaster about route adjustment")
    await talk.say("tire rotation moved to friday, shop called")  # "it" is the tires now
    reply = await talk.say("oh right I called the postmaster yesterday actually, he's fine with it. mark that done")
    assert reply == "Marked “Call postmaster about route adjustment” as done. ✓"
    assert talk.tools.titles() == ["Get truck tires rotated", "+Call postmaster about route adjustment"]


@pytest.mark.parametrize(
    "said,titles",
    [
        (
            "add log overtime hours friday 4pm, buy new torque wrench, pick up kid's birthday cake saturday 10am",
            ["Log overtime hours", "Buy new torque wrench", "Pick up kid's birthday cake"],  # "kid's" is no remark's subject
        ),
        (
            "yo. opening day is sat!! add buy hand warmers, get new goggles lens, and chairlift evac drill fri 6am",
            ["Buy hand warmers", "Get new goggles lens", "Chairlift evac drill"],  # news of a day naming no task, then a request
        ),
        (
            "ok kids are watching the parade 🦃 quick brain dump: dentist for jayden dec 4, call the counselor back, grocery run tomorrow",
            ["Dentist for jayden", "Call the counselor back", "Grocery run"],  # a heading and what comes before it
        ),
        (
            "new orders: shorten sleeves on the blazer by wednesday, let out the seams by the 4th, and fix a cuff, no rush",
            ["Shorten sleeves on the blazer", "Let out the seams", "Fix a cuff"],
        ),
        ("add call mom re: the cake, the venue and the band", ["Call mom re: the cake, the venue and the band"]),
    ],
)
async def test_several_to_dos_after_a_remark_or_a_heading_are_each_added(said, titles):
    talk = Conversation()
    reply = await talk.say(said)
    assert talk.tools.titles() == titles, reply


async def test_a_tag_said_after_an_items_day_is_that_items():
    talk = Conversation()
    await talk.say("add blow out lines at the Kesslers tue 9am tag clients, and order new pump seals")
    tagged = [(t["title"], t["tags"]) for t in talk.tools.tasks]
    assert tagged == [("Blow out lines at the Kesslers", ["clients"]), ("Order new pump seals", [])]


@pytest.mark.parametrize(
    "given,said,reply",
    [
        (["Buy new highlighters", "Pay bar fee"], "the highlighter thing, get rid of it", "Delete “Buy new highlighters”? (yes / no)"),
        (
            ["Write eval report for J.M.", "Call mom"],
            "the J.M. report isn't happening today, move it to tomorrow. team meeting ran long 🙃",
            "Updated “Write eval report for J.M.”: due tomorrow.",
        ),
    ],
)
async def test_a_task_named_first_then_a_request_to_it(given, said, reply):
    talk = Conversation(*given)
    assert await talk.say(said) == reply


async def test_a_repeat_said_with_only_is_the_repeat_not_a_new_title():
    talk = Conversation("Daily crane inspection log", "Call mom")
    await talk.say("change the inspection log to weekdays only, we dont run weekends anymore")
    log = talk.tools.tasks[0]
    assert (log["title"], log["recurrence"]) == ("Daily crane inspection log", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")


@pytest.mark.parametrize(
    "said,title",
    [
        ("the license renewal is due the 15th, make it medium", "Renew contractor license"),  # a change, then another to "it"
        ("felt - i need it by saturday, make it medium", "Buy new felt"),  # a need by a day, then a level
    ],
)
async def test_a_day_and_a_level_said_in_one_message_are_both_made(said, title):
    talk = Conversation("Renew contractor license", "Buy new felt")
    reply = await talk.say(said)
    task = next(t for t in talk.tools.tasks if t["title"] == title)
    assert task["due_date"] is not None and task["priority"] == "medium", reply
    assert await talk.say("undo") and talk.tools.tasks[0]["priority"] == talk.tools.tasks[1]["priority"] == "none"


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Call piano tuner"], "piano tuner can't come till the 4th", lambda t: t[0]["due_date"].endswith("-04")),
        ([], "add finish the FAFSA by the 1st, high priority, tag college and money", lambda t: t[0]["tags"] == ["college", "money"]),
        (
            ["Henderson funeral spray", "Standing sprays for the Lindqvist service"],  # "spray" and "service" in both
            "Henderson family pushed the service to monday so move the henderson spray",  # the day said in the reason
            lambda t: t[0]["due_date"] == dates.weekday("monday").isoformat() and len(t) == 2,
        ),
    ],
)
async def test_news_of_a_day_and_two_tags_in_one_request(given, said, check):
    talk = Conversation(*given)
    reply = await talk.say(said)
    assert check(talk.tools.tasks), reply


@pytest.mark.parametrize(
    "given,said,fields",
    [
        (["Kitten vaccines at the clinic"], "also tag the vaccine one kittens pls and make it high priority", ("high", ["kittens"])),
        (["Grade stoichiometry quizzes"], "the quiz grading can wait till tuesday but bump it to high", ("high", [])),
    ],
)
async def test_a_please_before_and_is_no_tag_and_a_level_joins_a_day(given, said, fields):
    talk = Conversation(*given)
    reply = await talk.say(said)
    assert (talk.tools.tasks[0]["priority"], talk.tools.tasks[0]["tags"]) == fields, reply
