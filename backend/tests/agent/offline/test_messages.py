"""A message of several sentences or clauses with more than one request in it, or a remark before a
request to "it" that names the task meant. Over a fake tool port; no server, no database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from tests import dates
from tests.agent.offline.fakes import Conversation

pytestmark = pytest.mark.nodb
Tasks = list[dict[str, Any]]


async def _after(given: list[str], *said: str) -> Tasks:
    talk = Conversation(*given)
    for message in said:
        await talk.say(message)
    return [t for t in talk.tools.tasks if not t.get("gone")]


async def _holds(given: list[str], said: str, check: Callable[[Tasks], bool]) -> None:
    """The message said to a conversation over `given` adds and deletes nothing, and leaves the tasks as `check` wants."""
    tasks = await _after(given, said)
    assert len(tasks) == len(given) and check(tasks), tasks


async def test_each_sentence_that_asks_is_made_in_turn_and_undone_together():
    talk = Conversation("Call the doc office")
    reply = await talk.say("called the doc's office. add ava pediatrician appt tmrw 9:15am")
    assert reply.splitlines()[0] == "Marked “Call the doc office” as done. ✓", reply
    assert talk.tools.titles() == ["+Call the doc office", "Ava pediatrician appt"]
    await talk.say("undo")
    assert talk.tools.titles() == ["Call the doc office"]


async def test_a_thing_and_too_is_the_change_before_made_to_it_too():
    tasks = await _after(["Take photos of the Civic", "Write estimate for the Camry"], "civic photos done. camry estimate too")
    assert [t["completed"] for t in tasks] == [True, True]


async def test_news_that_names_no_task_before_a_request_is_a_remark():
    talk = Conversation("Buy socks")
    reply = await talk.say("ugh just got home from shift. add pack lunches every weekday at 6:30am")
    assert reply.startswith("Added “Pack lunches”"), reply


@pytest.mark.parametrize(
    "given,said,check",
    [
        # a remark that names a task, then a request to "it" or "that": that task, not the one talked about before
        (
            ["Collect tournament fees", "Book hotel block for Duluth tournament"],
            "still waiting on 4 families for tournament fees. push that to monday",
            lambda t: t[0]["due_date"] == "2026-11-30" and t[1]["due_date"] is None,
        ),
        (
            ["Finish recurrency module", "Put up blackout curtains in bedroom"],
            "recurrency module is overdue i know i know. push it to tuesday 2pm and make it high",
            lambda t: (t[0]["due_date"], t[0]["due_time"], t[0]["priority"]) == ("2026-12-01", "14:00", "high"),
        ),
        (
            ["Meet-and-greet with the Harrisons", "Walk Biscuit"],
            "harrisons rescheduled the meet and greet, their flight got changed. move it to tuesday same time",
            lambda t: t[0]["due_date"] == "2026-12-01" and not t[0]["completed"],
        ),
        (
            ["Get RV tires rotated", "Get Frank's prescriptions filled"],
            "The prescriptions need to be done Tuesday. High priority please, Frank can't miss his heart pills.",
            lambda t: (t[1]["due_date"], t[1]["priority"]) == ("2026-12-01", "high") and t[0]["due_date"] is None,
        ),
        (
            ["Prepare memorial readings", "Call the funeral home"],
            "the memorial readings, can you move them to friday? the service got moved up",
            lambda t: t[0]["due_date"] == "2026-11-27",
        ),
        (  # "the X one" and slots alone, a remark run on after them
            ["Order more pucks", "Book ice time"],
            "the pucks one high priority we lost like 10 in the snowbank lol",
            lambda t: (t[0]["priority"], t[1]["priority"]) == ("high", "none"),
        ),
        (
            ["Book ice time", "Send the sponsor email"],
            "the sponsor email one: high priority, tag it money",
            lambda t: (t[1]["priority"], t[1]["tags"], t[0]["tags"]) == ("high", ["money"], []),
        ),
    ],
)
async def test_a_remark_before_a_request_to_it_names_the_task(given: list[str], said: str, check: Callable[[Tasks], bool]):
    talk = Conversation(*given)
    await talk.say("add buy milk")  # "it" would be the milk
    tasks = [t for t in talk.tools.tasks if not t.get("gone")]
    await talk.say(said)
    assert check(tasks), tasks


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Update the FAQ page"], "mark the FAQ as high", lambda t: t[0]["priority"] == "high"),
        (
            ["Clean the cooler"],
            "tag the cooler task chores and make it low",
            lambda t: t[0]["tags"] == ["chores"] and t[0]["priority"] == "low",
        ),
        (["Float teeth on Martinez mare", "Restock banamine"], "martinez pushed me to 2:30", lambda t: t[0]["due_time"] == "14:30"),
        (["Print programs"], "move programs to today, print shop closes early tmrw", lambda t: t[0]["title"] == "Print programs"),
        (["Send load to the packing house", "Order bins"], "load went out to the packing house at 7, 22 bins", lambda t: t[0]["completed"]),
        (["Grade ENG 101 essays"], "essays are gonna be saturday realistically. 38 of them 😩", lambda t: t[0]["due_date"] == "2026-11-28"),
        (["Buy kraft boxes"], "and the boxes are low priority tbh", lambda t: t[0]["priority"] == "low"),
    ],
)
async def test_a_change_said_with_more_around_it(given: list[str], said: str, check: Callable[[Tasks], bool]):
    tasks = await _after(given, said)
    assert check(tasks), tasks


@pytest.mark.parametrize(
    "said,titles",
    [
        (
            "Please add the following: Schedule the fire inspection by December 5th. Send the Advent schedule on Monday. Thanks.",
            ["Schedule the fire inspection", "Send the Advent schedule"],
        ),
        (
            "ugh its supposed to hit 95 this weekend 🍦🔥 add restock sprinkles, get extra ice tmrw, and text Jess about a double shift",
            ["Restock sprinkles", "Get extra ice", "Text Jess about a double shift"],
        ),
        (
            "add: touch up paint for the Malibu, rental car return for Mrs Ortiz monday 10am, and order more masking tape",
            ["Touch up paint for the Malibu", "Rental car return for Mrs Ortiz", "Order more masking tape"],
        ),
        ("add order more bubbles (we're out 😭) and order chains (11spd x10)", ["Order more bubbles", "Order chains (11spd x10)"]),
        ("add 'print case docket' friday 7am so I have it before the arraignment", ["Print case docket"]),
        ("add a weekly reminder every friday to turn in my timesheet", ["Turn in my timesheet"]),
    ],
)
async def test_what_an_add_of_several_sentences_or_items_adds(said: str, titles: list[str]):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == titles


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Tune piano at Hollis house", "Buy felt"], "Hollis just texted, pushing me to 3pm", lambda t: t[0]["due_time"] == "15:00"),
        (["Grade physics labs"], "Good morning! Quick one: graded the physics labs last night finally 😅", lambda t: t[0]["completed"]),
        (["Do the staff schedule"], "ugh right. did the staff schedule this morning actually, mark it done", lambda t: t[0]["completed"]),
        (["Send lice notice"], "lice notice went home in backpacks ✔", lambda t: t[0]["completed"]),
        (["Edit Patel reel"], "patel reel isnt gonna be ready tomorrow lol push it to monday", lambda t: t[0]["due_date"] == "2026-11-30"),
        (["Turn in OT slip"], "OT slip actually goes in monday, sup is off till then", lambda t: t[0]["due_date"] == "2026-11-30"),
        (
            ["Get RV tires rotated"],
            "Frank says the tire appointment is Monday. At 9 in the morning.",
            lambda t: t[0]["due_time"] == "09:00",
        ),
        (["Buy diapers size 5", "Book flight"], "diapers ordered on amazon, arriving tmrw", lambda t: t[0]["completed"]),
        (["Book flight", "Call mom"], "the flight is delayed", lambda t: not t[0]["completed"]),
        (
            ["Print bulletins", "Confirm organist for Christmas Eve", "Confirm florist"],
            "I have confirmed Mrs. Whitfield for the organ on Christmas Eve.",
            lambda t: [x["completed"] for x in t] == [False, True, False],
        ),
        (["Submit invoice to the county"], "invoice sent to the county", lambda t: t[0]["completed"]),
        (["Buy poop bags", "Walk Biscuit"], "poop bags high priority I literally have 2 left 💩", lambda t: t[0]["priority"] == "high"),
        (["Fix irrigation line"], "the irrigation thing can wait til after harvest, drop it to low", lambda t: t[0]["priority"] == "low"),
        (["Upload syllabus for spring"], "move the syllabus up to the 1st", lambda t: t[0]["due_date"] == "2026-12-01"),
        (["Schedule fire inspection"], "Kindly tag the fire inspection with 'facilities'.", lambda t: t[0]["tags"] == ["facilities"]),
        (["Send the Advent schedule"], "Please set the Advent task to be due on the 1st.", lambda t: t[0]["due_date"] == "2026-12-01"),
    ],
)
async def test_a_change_or_a_job_done_said_in_passing(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


@pytest.mark.parametrize(
    "said",
    [
        "get rid of the whitaker thing they went with another company 😤",
        "I don't think I need the whitaker quote anymore, they went with another company",
    ],
)
async def test_a_delete_said_loosely_asks_first(said: str):
    talk = Conversation("Get quote out to the Whitakers", "Fix nail gun")
    assert await talk.say(said) == "Delete “Get quote out to the Whitakers”? (yes / no)"


async def test_an_answer_that_names_one_and_not_the_other():
    talk = Conversation("Inspection at 42 Maple Ave", "Radon test pickup at 42 maple")
    assert (await talk.say("move the maple one to 3pm")).startswith("Which one")
    await talk.say("the inspection, not the radon")
    assert [t["due_time"] for t in talk.tools.tasks] == ["15:00", None]


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Post snack schedule", "Book hotel"], "snack schedule went out last night actually, mark it done", lambda t: t[0]["completed"]),
        (
            ["Fix the gravel bike", "Order chains"],
            "tag the gravel bike one repair and make it high, guy's doing a race sunday",
            lambda t: (t[0]["tags"], t[0]["priority"], t[0]["due_date"]) == (["repair"], "high", None),
        ),
        (["Re-block the fight scene"], "the fight scene is tomorrow at 3:30 after school", lambda t: t[0]["due_time"] == "15:30"),
    ],
)
async def test_a_change_with_a_remark_or_more_words_than_it_needs(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_a_tag_taken_off_and_another_put_on_it():
    talk = Conversation()
    await talk.say("add make copies of the final monday #downtown")
    await talk.say("take the downtown tag off the copies and tag it northside instead, wrong campus")
    assert talk.tools.tasks[0]["tags"] == ["northside"]


@pytest.mark.parametrize(
    "first,correction,field,value",
    [
        ("push the module to tuesday 2pm", "actually 2pm I'll be asleep lol, 6pm", "due_time", "18:00"),  # why not, then the new value
        ("Please set the module to be due on the 1st.", "Correction: the 3rd, not the 1st.", "due_date", "2026-12-03"),
    ],
)
async def test_a_correction_said_with_the_old_value_and_why(first: str, correction: str, field: str, value: str):
    talk = Conversation("Recurrency training module")
    await talk.say(first)
    await talk.say(correction)
    assert talk.tools.tasks[0][field] == value


@pytest.mark.parametrize(
    "said,titles",
    [
        ("new client!! add overnight stay for Luna on the 3rd, tag it clients", ["Overnight stay for Luna"]),  # "new client!!" is news
        (
            "new ones:\ninspection 18 Cedar Ct monday 9am\norder new ladder stabilizer",
            ["Inspection 18 Cedar Ct", "Order new ladder stabilizer"],
        ),
        ("also restock ice packs", ["Restock ice packs"]),  # a verb that is only a verb
        ("bless you, thanks", []),
    ],
)
async def test_what_is_added_and_what_is_not(said: str, titles: list[str]):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == titles


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Grade sophomore monologues", "Print programs"],
            "grading can wait til after the show lol. monologues to monday and make it low",
            lambda t: (t[0]["due_date"], t[0]["priority"]) == ("2026-11-30", "low"),
        ),
        (["Order team jerseys"], "jerseys: make that medium priority and due the 5th", lambda t: t[0]["priority"] == "medium"),
        (["Order brake pads", "Sweep the shop"], "sorry tuesday for the pads not monday", lambda t: t[0]["due_date"] == "2026-12-01"),
        (
            ["Walk Biscuit"],
            "change Walk Biscuit to every weekday, his owner works from home on weekends now",
            lambda t: t[0]["title"] == "Walk Biscuit" and t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        ),
        (
            ["Study for journeyman test chapter 4"],
            "change chapter 4 to chapter 5 on the study one, foreman said skip 4",
            lambda t: t[0]["title"] == "Study for journeyman test chapter 5",
        ),
        (["Study chapter 4"], "change chapter 9 to chapter 5 on the study one", lambda t: t[0]["title"] == "Study chapter 4"),
    ],
)
async def test_a_change_said_the_short_way(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_new_stuff_is_a_heading_and_a_monthly_reminder_repeats():
    talk = Conversation()
    await talk.say("new stuff: pick up uniform shirts tmrw, call mom back sunday")
    await talk.say("Please also add a monthly reminder to reconcile the offering deposits on the 15th.")
    assert talk.tools.titles() == ["Pick up uniform shirts", "Call mom back", "Reconcile the offering deposits"]
    assert talk.tools.tasks[2]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=15"


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Buy spike tape", "Order flowers for the seniors"],
            "got the tape!!! and flowers are ordered",
            lambda t: [x["completed"] for x in t] == [True, True],
        ),
        (["Float teeth on Martinez mare"], "ok headed to martinez, thx", lambda t: not t[0]["completed"]),  # on the way, not done
        (["Go to the bank"], "went to the bank", lambda t: t[0]["completed"]),
        (
            ["Sweep the shop"],
            "make sweep the shop a daily thing at 6pm",
            lambda t: (t[0]["recurrence"], t[0]["due_time"]) == ("FREQ=DAILY", "18:00"),
        ),
        (["Order poinsettias for Advent"], "The poinsettias have been ordered from Greenfield Nursery.", lambda t: t[0]["completed"]),
        (["Submit team registration"], "registration's in!! we're going to regionals", lambda t: t[0]["completed"]),
        (["Compile GRE stats"], "add tags to the GRE stats task: dean, reports", lambda t: t[0]["tags"] == ["dean", "reports"]),
        (["Pay water bill"], "on break, 12 min. paid the water bill", lambda t: t[0]["completed"]),
    ],
)
async def test_what_was_done_or_changed_said_with_more(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Inspect sycamores"],
            "sycamore inspection -> friday instead, storm coming in monday",
            lambda t: t[0]["due_date"] == "2026-11-27",
        ),
        (["Get van oil changed"], "oil change got moved up, shop can take me tmrw morning at 7", lambda t: t[0]["due_time"] == "07:00"),
        (
            ["Recruiting call with Diaz family", "Team meeting"],
            "diaz family wants to push to tuesday",
            lambda t: t[0]["due_date"] == "2026-12-01",
        ),
        (["Get van tire checked", "Drop croissants"], "tire place says come in monday at 4", lambda t: t[0]["due_time"] == "16:00"),
        (
            ["Hang textiles", "Order wax"],
            "textiles have to wait, conservator can't come til monday. move it",
            lambda t: t[0]["due_date"] == "2026-11-30",
        ),
        (["Order costumes for tap class"], "ugh. tap costumes came in yesterday so thats done at least", lambda t: t[0]["completed"]),
        (["Email parents volunteer signup"], "good morning 📚 sent the volunteer signup email to parents", lambda t: t[0]["completed"]),
    ],
)
async def test_news_of_a_change_or_of_a_job_done(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_a_remark_then_make_it_four_changes_the_task_it_speaks_of():
    talk = Conversation("+Call vet about cow 114")
    await talk.say("add vet visit for 114 today 2pm")
    await talk.say("add tag the calves today")
    await talk.say("vets running late, make it 4")
    assert [t["due_time"] for t in talk.tools.tasks] == [None, "16:00", None]


async def test_done_then_an_add_after_also_add():
    talk = Conversation("Send enrollment reminder email")
    await talk.say("Reminder email went out to all staff. Also add: follow up with 14 employees - friday, high priority")
    assert talk.tools.titles() == ["+Send enrollment reminder email", "Follow up with 14 employees"]
    assert talk.tools.tasks[1]["priority"] == "high"


async def test_what_is_due_before_the_weekend_and_a_question_after_a_picture():
    talk = Conversation()
    await talk.say("add: a report today, b report friday, c report saturday")
    assert (await talk.say("what's due before the weekend?")).startswith("Due before the weekend (2):")
    assert "A report" in await talk.say("deadline day-ish 😵‍💫 whats due today")


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Deliver to sunrise assisted living", "Get gas"],
            "sunrise called, they want it at 3 instead",
            lambda t: t[0]["due_time"] == "15:00",
        ),
        (["Benefits fair debrief with broker"], "broker needs to push the debrief to 2pm", lambda t: t[0]["due_time"] == "14:00"),
        (["Send sketches to moonfield AD"], "AD says she wants the sketches by 2", lambda t: t[0]["due_time"] == "14:00"),
        (["Make signs for the fair"], "make signs is high priority", lambda t: t[0]["priority"] == "high"),
    ],
)
async def test_what_someone_else_wants_of_a_task(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_a_thing_with_an_article_on_a_day_is_a_to_do_without_it():
    talk = Conversation()
    await talk.say("also a recruiting call with the Okafor kid wednesday 7pm, tag recruiting")
    assert talk.tools.titles() == ["Recruiting call with the Okafor kid"] and talk.tools.tasks[0]["tags"] == ["recruiting"]


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Groom Biscuit at the Hendersons", "Restock shampoo"],
            "hendersons cancelled lol biscuit rolled in something gross. move him to saturday",
            lambda t: t[0]["due_date"] == "2026-11-28",
        ),
        (["Renew CE credits"], "the CE credits are due the 1st not the 5th, my bad", lambda t: t[0]["due_date"] == "2026-12-01"),
        (
            ["Field inspection 412 Maple St"],
            "The Maple St inspection got moved, owner isn't home until 4.",
            lambda t: t[0]["due_time"] == "16:00",
        ),
        (
            ["Book the bus for the regional meet"],
            "bus is high priority, needs to be done by monday",
            lambda t: (t[0]["due_date"], t[0]["priority"]) == ("2026-11-30", "high"),
        ),
        (
            ["Deliver bouquet to 19 Elm", "Return buckets"],
            "elm st guy called, wants it at 2 instead",
            lambda t: t[0]["due_time"] == "14:00",
        ),
    ],
)
async def test_a_change_said_by_what_happened(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_done_then_a_series_to_add():
    talk = Conversation("Pick up inverters")
    await talk.say(
        "grabbed the inverters. also need to add: call utility co about net metering, and order 40 more rail clamps high priority"
    )
    assert talk.tools.titles() == ["+Pick up inverters", "Call utility co about net metering", "Order 40 more rail clamps"]


@pytest.mark.parametrize(
    "said,titles,due",
    [
        (
            "morning 🌱 add fix the cooler door seal and buy more waxed boxes, both for sunday",
            ["Fix the cooler door seal", "Buy more waxed boxes"],
            ["2026-11-29", "2026-11-29"],
        ),
        (
            "add 3 more for tomorrow: roses to 7 Harbor Ln at 10am, lilies to Oak Ridge, centerpieces to the Hilton at 8am",
            ["Roses to 7 Harbor Ln", "Lilies to Oak Ridge", "Centerpieces to the Hilton"],
            ["2026-11-27", "2026-11-27", "2026-11-27"],
        ),
        ("hi 👶👶 quick: add oat milk, wipes, teething gel", ["Oat milk", "Wipes", "Teething gel"], [None, None, None]),
    ],
)
async def test_a_day_for_each_and_things_in_a_list(said: str, titles: list[str], due: list[str | None]):
    talk = Conversation()
    await talk.say(said)
    assert talk.tools.titles() == titles and [t["due_date"] for t in talk.tools.tasks] == due


@pytest.mark.parametrize(
    "first,then",
    [
        ("add collect slips friday, tag it parade", "actually tag it trip not parade"),
        ("add collect slips friday, tag it parade", "sorry, trip not parade"),
    ],
)
async def test_a_tag_corrected_is_one_step(first: str, then: str):
    talk = Conversation()
    await talk.say(first)
    await talk.say(then)
    assert talk.tools.tasks[0]["tags"] == ["trip"]
    await talk.say("undo")
    assert talk.tools.tasks[0]["tags"] == ["parade"]


@pytest.mark.parametrize(
    "given,said,check",
    [
        (
            ["Install at Garza residence"],
            "garza wants to push the install to monday bc of the rain forecast",
            lambda t: t[0]["due_date"] == "2026-11-30",
        ),
        (["Book the bus"], "bus company says they need it by sunday actually", lambda t: t[0]["due_date"] == "2026-11-29"),
        (["Train the new usher"], "the usher training, make it 3 not 4", lambda t: t[0]["due_time"] == "15:00"),
    ],
)
async def test_a_change_with_why_or_who(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


async def test_a_task_named_with_its_day():
    talk = Conversation()
    await talk.say("add office hours every friday 2pm")
    await talk.say("office hours tmrw moved to 3")
    assert talk.tools.tasks[0]["due_time"] == "15:00"


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Review Q4 PTO requests"], "ugh. ok I'll get to the PTO requests monday", lambda t: t[0]["due_date"] == "2026-11-30"),
        (
            ["Buy more Copic markers", "Reply to fan email"],
            "delete buy more copic markers i found a whole box under my desk lol",
            lambda t: len(t) == 1,
        ),
        (["Thesis draft to advisor"], "thesis draft is pushed to the 10th per advisor 🙏", lambda t: t[0]["due_date"] == "2026-12-10"),
        (
            ["Pediatrician checkup for the twins"],
            "peds office called, checkup moved to wednesday 10:15",
            lambda t: t[0]["due_time"] == "10:15",
        ),
        (["Read Hartwig paper"], "did i already read the hartwig paper?", lambda t: not t[0]["completed"]),
    ],
)
async def test_a_change_news_or_a_question_said_in_passing(given: list[str], said: str, check: Callable[[Tasks], bool]):
    tasks = await _after(given, said)
    assert check(tasks), tasks


async def test_a_correction_then_why_with_another_day():
    talk = Conversation("Install at Garza")
    await talk.say("garza wants to push the install to monday")
    await talk.say("no wait tuesday, monday's rain too")
    assert talk.tools.tasks[0]["due_date"] == "2026-12-01"


async def test_an_answer_to_which_one_keeps_the_hour_read_against_the_task():
    talk = Conversation()
    await talk.say("add recruiting call with diaz tuesday 6pm")
    await talk.say("add recruiting call with okafor wednesday 7pm")
    assert (await talk.say("move the recruiting call to 6:30")).startswith("Which one")
    await talk.say("okafor")
    assert [t["due_time"] for t in talk.tools.tasks] == ["18:00", "18:30"]


async def test_a_rename_of_that_task_after_a_remark_that_names_it():
    talk = Conversation("Pack CSA boxes", "Follow up with late payers")
    await talk.say("remind me to post the signup link on the 1st at 8am")
    await talk.say("heard back from 3 of the 4 late payers, only the Nguyens left. can you rename that task to follow up with nguyens")
    assert talk.tools.titles() == ["Pack CSA boxes", "Follow up with nguyens", "Post the signup link"]


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Aerate the greens"], "push aeration to wednesday, rain coming monday 🌧️", lambda t: t[0]["due_date"] == "2026-12-02"),
        (["Write removal report"], "right, the report. push it to tomorrow morning, 8am", lambda t: t[0]["due_time"] == "08:00"),
        (["Wedding delivery"], "need to move the wedding delivery to 2pm", lambda t: t[0]["due_time"] == "14:00"),
        (
            ["Restock the change float"],
            "and make the change float a weekly thing, every friday",
            lambda t: t[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=FR",
        ),
    ],
)
async def test_a_move_with_a_remark_of_its_own_day_or_said_as_a_need(given: list[str], said: str, check: Callable[[Tasks], bool]):
    await _holds(given, said, check)


@pytest.mark.parametrize(
    "said,titles",
    [
        ("on shore leave 🌴 add: get sim card, exchange pesos, postcards", ["Get sim card", "Exchange pesos", "Postcards"]),
        ("namaste 🙏 ok so I need to add a few: email the waitlist, order 20 bolsters", ["Email the waitlist", "Order 20 bolsters"]),
        ("between patients, quick - add call Jaden's parents and restock varnish", ["Call Jaden's parents", "Restock varnish"]),
    ],
)
async def test_what_comes_before_a_request_to_add_is_no_part_of_it(said, titles):
    assert [t["title"] for t in await _after([], said)] == titles


async def test_changes_then_a_question_make_the_changes_and_answer_it():
    talk = Conversation("Shift change handoff", "Restock gloves")
    reply = await talk.say("shift change done. what's overdue")
    assert talk.tools.titles() == ["+Shift change handoff", "Restock gloves"]
    assert reply.splitlines()[-1] == "Nothing overdue.", reply


async def test_a_quick_one_before_a_question_is_no_part_of_it():
    talk = Conversation("Restock gloves")
    assert await talk.say("Good morning! Quick one — anything overdue?") == "Nothing overdue."


async def test_both_and_a_priority_after_two_to_dos_give_each_that_priority():
    tasks = await _after([], "add order more late passes and ask custodian re: broken bleacher, both high")
    assert [(t["title"], t["priority"]) for t in tasks] == [
        ("Order more late passes", "high"),
        ("Ask custodian re: broken bleacher", "high"),
    ]


@pytest.mark.parametrize(
    "said,wanted",
    [
        (  # the tag of a pasted list's heading goes to each item
            "Please add the following, tagged restoration:\n- Replace the petcock gaskets\n- Check the valve clearances",
            [("Replace the petcock gaskets", ["restoration"], "none"), ("Check the valve clearances", ["restoration"], "none")],
        ),
        (  # the heading's priority, unless an item says its own
            "add these, all high priority:\n- call bob\n- email the co-op low priority",
            [("Call bob", [], "high"), ("Email the co-op", [], "low")],
        ),
        (  # "all tag demo" after a list of commas
            "add: controller remapping, tutorial text pass, fix jump buffer on ledges - all tag demo",
            [
                ("Controller remapping", ["demo"], "none"),
                ("Tutorial text pass", ["demo"], "none"),
                ("Fix jump buffer on ledges", ["demo"], "none"),
            ],
        ),
        (  # "both high priority" for two to-dos that each say their own day
            "new cases: bridge for Dr. Lin due tuesday, 3 veneers for Dr. Okafor due the 4th, both high priority",
            [("Bridge for Dr. Lin", [], "high"), ("3 veneers for Dr. Okafor", [], "high")],
        ),
        (  # a day and a priority for both, and a remark after
            "add childproof the kitchen cabinets and buy a fire extinguisher, both today, high priority. the social worker comes tmrw 😬",
            [("Childproof the kitchen cabinets", [], "high"), ("Buy a fire extinguisher", [], "high")],
        ),
        (  # a tag said after the priority
            "add 1099 prep for Reyes Landscaping due the 10th high priority tag clients",
            [("1099 prep for Reyes Landscaping", ["clients"], "high")],
        ),
    ],
)
async def test_a_slot_said_for_all_items_of_a_list_goes_to_each(said, wanted):
    tasks = await _after([], said)
    assert [(t["title"], t["tags"], t["priority"]) for t in tasks] == wanted


async def test_a_counted_heading_makes_each_comma_an_item():
    said = "add 3 things: complaint visit at Burger Barn tomorrow 10am, pull water test results, and team meeting every monday 9am"
    tasks = await _after([], said)
    assert [t["title"] for t in tasks] == ["Complaint visit at Burger Barn", "Pull water test results", "Team meeting"]
    assert [t["title"] for t in await _after([], "add 2 things: mac and cheese, milk")] == ["Mac and cheese", "Milk"]


@pytest.mark.parametrize(
    "added,said,task,due,time",
    [
        # of several just added, the one whose old value is named ("not 11", "not 9 for the bus passes")
        ("add call the bride tmrw 11am, and pick up uplights saturday", "sorry 11:30 not 11", 0, "2026-11-27", "11:30"),
        (
            "add:\n- pick up bus passes tmrw 9am\n- book interpreter dec 3rd 9am",
            "sorry 9:30 not 9 for the bus passes",
            0,
            "2026-11-27",
            "09:30",
        ),
        ("add lift plan review tmrw 6am", "630 sorry", 0, "2026-11-27", "06:30"),  # an hour and its minutes run together
        ("add interview on sat at 7pm", "wait its sunday not sat", 0, "2026-11-29", "19:00"),  # "sat" a day, not "sit"
        ("add get quotes for the dock by the 1st", "wait not the 1st, the 5th. contractor's away til then", 0, "2026-12-05", None),
    ],
)
async def test_a_correction_changes_the_task_it_names_by_its_old_value(added, said, task, due, time):
    talk = Conversation()
    await talk.say(added)
    reply = await talk.say(said)
    changed = talk.tools.tasks[task]
    assert (changed["due_date"], changed["due_time"]) == (due, time), reply


@pytest.mark.parametrize(
    "said,wanted",
    [
        # "get X <done>" is a thing to have done, not a remark: its own to-do
        ("add buy compression socks today, and get badge reprinted tmrw", ["Buy compression socks", "Get badge reprinted"]),
        # a thing with its own day after ", and" beside a thing added
        (
            "add volunteer appreciation lunch planning, tag it events. and training session for new volunteers on the 5th at 10am",
            ["Volunteer appreciation lunch planning", "Training session for new volunteers"],
        ),
        ("add dinner with sam, and his parents on friday", ["Dinner with sam, and his parents"]),
        # the priority said of "that one", and a remark between ("storm's rolling in") is no part of the title
        (
            "need to haul propane up on saturday. and check the lightning rod grounding friday, "
            "storm's rolling in — high priority on that one",
            ["Haul propane up", "Check the lightning rod grounding"],
        ),
        (
            "Add draft cover letter for Kline production by Tuesday. Also order transcripts from the Hale depo - that one's high priority.",
            ["Draft cover letter for Kline production", "Order transcripts from the Hale depo"],
        ),
    ],
)
async def test_items_of_a_message_are_told_from_remarks_between_them(said, wanted):
    tasks = await _after([], said)
    assert [t["title"] for t in tasks] == wanted
    assert all(t["priority"] == "none" for t in tasks[:-1]) and (tasks[-1]["priority"] == "high") == (
        "high priority" in said or "that one's" in said
    )


async def test_a_known_word_is_not_read_as_a_misspelt_command_a_few_letters_off():
    tasks = await _after(["Call insurance", "Buy shower chair"], "shower chair got delivered yesterday 🙏")
    assert [t["completed"] for t in tasks] == [False, True]


async def test_actually_before_the_old_day_is_no_part_of_a_correction():
    tasks = await _after(
        ["Buy snacks for class party"], "buy snacks for class party tuesday", "snacks for the party are for friday actually not tuesday"
    )
    assert tasks[0]["due_date"] == dates.weekday("friday").isoformat()


async def test_a_remark_of_how_urgent_after_a_priority_change_is_no_second_level():
    talk = Conversation("Edit Nguyen wedding gallery")
    await talk.say("edit nguyen wedding gallery is high priority")
    await talk.say("and knock it down to medium, they said no rush")
    assert talk.tools.titles() == ["Edit Nguyen wedding gallery"] and talk.tools.tasks[0]["priority"] == "medium"


async def test_never_mind_a_thing_then_toss_it_asks_to_delete_that_thing():
    talk = Conversation("Steam the wool coats", "Ship eBay orders")
    assert await talk.say("nvm the coat steaming thing, toss it") == "Delete “Steam the wool coats”? (yes / no)"
    await talk.say("yes")
    assert talk.tools.titles() == ["Ship eBay orders"]


async def test_both_of_those_after_a_correction_are_the_two_just_added():
    talk = Conversation("Submit grant report")
    await talk.say("add penguin talk at 2pm today and owl outreach visit at lincoln elementary tues 9:30am")
    await talk.say("oops penguin talk is 2:30")
    await talk.say("tag both of those programs")
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["programs"], ["programs"]]
    await talk.say("what's due today?")
    await talk.say("mark them done")  # the tasks just shown, not the two added before
    assert [t["completed"] for t in talk.tools.tasks] == [False, True, False]


@pytest.mark.parametrize(
    "said,titles",
    [
        # a word that may be a verb, before a name or a determiner, starts a to-do; chat after a comma is no part of it
        ("and pitch Rebecca Solnit's team, long shot lol", ["Pitch Rebecca Solnit's team"]),
        ("call the vet, urgent lol", ["Call the vet"]),
        ("long day, ugh lol", []),
    ],
)
async def test_a_to_do_with_chat_after_it_is_the_to_do(said, titles):
    assert [t["title"] for t in await _after([], said)] == titles


async def test_part_of_a_job_done_is_news_and_the_request_after_it_is_made():
    tasks = await _after(
        ["Collect tournament fees", "Email ref assignor"], "ok got 9 of 14 fees in, still chasing the rest. push collect fees to monday"
    )
    assert [t["completed"] for t in tasks] == [False, False] and tasks[0]["due_date"] == dates.weekday("monday").isoformat()


async def test_someone_asking_for_another_hour_moves_the_task_they_speak_of():
    talk = Conversation("Walk Biscuit", "Key handoff with new client Mrs. Pham")
    await talk.say("move the key handoff to tomorrow at 4pm")
    await talk.say("hiii. Pham texted, can we do the key handoff at 5 instead")
    assert talk.tools.tasks[1]["due_time"] == "17:00" and len(talk.tools.tasks) == 2


async def test_a_completion_then_a_reason_and_an_add_in_the_next_sentence_both_happen():
    talk = Conversation("Print updated cue sheets", "Costume parade")
    await talk.say("printed the cue sheets. LX changed again tho so add reprint cue sheets for tomorrow 9am high")
    assert talk.tools.titles() == ["+Print updated cue sheets", "Costume parade", "Reprint cue sheets"]
    assert (talk.tools.tasks[2]["due_time"], talk.tools.tasks[2]["priority"]) == ("09:00", "high")
    await talk.say("undo")
    assert talk.tools.titles() == ["Print updated cue sheets", "Costume parade"]


async def test_skip_the_thing_asks_to_delete_it():
    talk = Conversation("Get sim card", "Exchange pesos")
    assert await talk.say("skip the pesos thing, everyone takes dollars here") == "Delete “Exchange pesos”? (yes / no)"


async def test_a_topic_named_by_a_word_that_tells_of_another_thing_less_than_the_thing_itself():
    talk = Conversation("Drop off scanner for repair", "Restock rubber bands + scanner batteries", "Call postmaster")
    await talk.say("call postmaster tomorrow")
    await talk.say("scanner one, make it high, it keeps dying on the gravel stretch")
    assert [t["priority"] for t in talk.tools.tasks] == ["high", "none", "none"]


async def test_a_remark_of_what_a_named_one_does_then_the_change():
    talk = Conversation("Pick up Mochi's special food", "Clean run 6")
    await talk.say("pick up mochi's special food saturday 9am")
    await talk.say("wait no mochi goes home saturday morning, make it friday")
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("friday").isoformat() and len(talk.tools.tasks) == 2


async def test_a_new_weekly_repeat_moves_the_task_to_the_repeats_next_day():
    talk = Conversation("Staff meeting")
    await talk.say("staff meeting every monday at 8")
    await talk.say("change staff meeting to tuesdays at 8, so the next one is tuesday the 1st")
    task = talk.tools.tasks[0]
    assert (task["due_date"], task["due_time"], task["recurrence"]) == (
        dates.weekday("tuesday").isoformat(),
        "08:00",
        "FREQ=WEEKLY;BYDAY=TU",
    )


async def test_tagged_after_a_to_do_is_its_tag():
    tasks = await _after([], "and add 'post winter break schedule' for tuesday tagged admin")
    assert [(t["title"], t["tags"]) for t in tasks] == [("Post winter break schedule", ["admin"])]


async def test_when_a_remark_says_a_task_is_needed_by_goes_with_a_change_to_it():
    talk = Conversation("Renew contractor license", "Quote for Pine St")
    await talk.say("license renewal needs doing by the 15th or I'm screwed, make it high")
    task = talk.tools.tasks[0]
    assert task["due_date"].endswith("-12-15") and task["priority"] == "high"


async def test_that_thing_after_a_remark_is_the_task_the_remark_speaks_of_and_also_add_is_a_request_of_its_own():
    talk = Conversation("Order kitten formula", "Grant report for county", "Order dog food")
    await talk.say("formula's getting low, make that order high priority. also add order puppy chow, tag supplies")
    assert [(t["title"], t["priority"], t["tags"]) for t in talk.tools.tasks] == [
        ("Order kitten formula", "high", []),
        ("Grant report for county", "none", []),
        ("Order dog food", "none", []),
        ("Order puppy chow", "none", ["supplies"]),
    ]
    await talk.say("undo")
    assert len(talk.tools.tasks) == 3 and talk.tools.tasks[0]["priority"] == "none"


async def test_a_new_repeat_for_a_loose_name_goes_to_the_task_that_repeats():
    talk = Conversation("File annual report", "Visit Walter at Sunrise Manor", "Call Walter's niece about the holiday visit")
    await talk.say("visit walter at sunrise manor every tuesday")
    await talk.say("walter's visits are wednesdays now, sunrise changed the activity schedule")
    assert [t["recurrence"] for t in talk.tools.tasks] == [None, "FREQ=WEEKLY;BYDAY=WE", None]


async def test_the_day_said_before_instead_is_the_new_one_not_the_remarks():
    talk = Conversation("Certify canvass results", "Return poll pads to warehouse")
    await talk.say("poll pads are going back tuesday instead, warehouse is closed fri")
    assert talk.tools.tasks[1]["due_date"] == dates.weekday("tuesday").isoformat()


@pytest.mark.parametrize(
    "said,title,recurrence",
    [
        (
            "set up a reminder to restock the sticker drawer in exam 3 every friday",
            "Restock the sticker drawer in exam 3",
            "FREQ=WEEKLY;BYDAY=FR",
        ),
        ("need a reminder to back up my music library on the 1st of every month", "Back up my music library", "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("add steam and set the Javert wig by tuesday", "Steam and set the Javert wig", None),
    ],
)
async def test_ways_of_asking_for_a_reminder_and_two_verbs_of_one_thing(said, title, recurrence):
    tasks = await _after([], said)
    assert [(t["title"], t["recurrence"]) for t in tasks] == [(title, recurrence)]


@pytest.mark.parametrize(
    "said,wanted",
    [
        (
            "I also need to pick up a torque wrench from Harbor Freight on Saturday at 9am.",
            ("Pick up a torque wrench from Harbor Freight", "09:00", "none"),
        ),
        ("every saturday at 9 i have umpire crew meeting, add that", ("Umpire crew meeting", "09:00", "none")),
        ("add: chase bank statements from the Garcias by monday, high, tag docs", ("Chase bank statements from the Garcias", None, "high")),
        ("remind me to stretch every day at 2pm lol my back", ("Stretch", "14:00", "none")),
        ("call the vet lol urgent", ("Call the vet", None, "high")),
    ],
)
async def test_a_to_do_said_around_its_words(said, wanted):
    tasks = await _after([], said)
    assert [(t["title"], t["due_time"], t["priority"]) for t in tasks] == [wanted]


async def test_a_to_do_of_only_a_verb_and_it_adds_nothing_and_with_a_day_moves_the_task_talked_about():
    talk = Conversation("Post staff schedule")
    assert "added nothing" in await talk.say("i gotta redo it")
    await talk.say("post staff schedule tomorrow")
    await talk.say("remind me to do it tomorrow at 9am")
    assert talk.tools.titles() == ["Post staff schedule"] and talk.tools.tasks[0]["due_time"] == "09:00"


async def test_news_then_too_is_no_same_for_and_the_add_after_it_is_made():
    talk = Conversation("Tour 2BR on Elm St")
    await talk.say("move the elm st tour to sunday at 1pm")
    await talk.say("Marcus wants to see the loft on Blake too. add tour blake st loft monday 6pm")
    assert talk.tools.titles() == ["Tour 2BR on Elm St", "Tour blake st loft"]


@pytest.mark.parametrize(
    "given,said,check",
    [
        (  # a noun made of the title's verb ("transcription" for "Transcribe")
            ["Client call with the Brennans", "Transcribe 1880 census pages"],
            "Make the census transcription medium, the client's asking about it",
            lambda t: t[1]["priority"] == "medium",
        ),
        (  # "ain't" says a remark
            ["Re-stuff the barrel padding", "Get truck tires rotated"],
            "put the barrel padding down to medium, new foam aint coming til next month anyway",
            lambda t: len(t) == 2 and t[0]["priority"] == "medium" and t[0]["due_date"] is None,
        ),
        (  # a state said of someone ("supplier's closed") between the topic and "do it"
            ["Order Columbus tubing", "Sharpen the mitering cutters"],
            "tubing order - supplier's closed for the holiday, do it tomorrow",
            lambda t: t[0]["due_date"] == (dates.today() + timedelta(days=1)).isoformat() and t[1]["due_date"] is None,
        ),
        (  # a title's own word that is a past form ("lit") says no job done
            ["Lit review section", "Reply to IRB email"],
            "and thesis on the lit review too",
            lambda t: not t[0]["completed"],
        ),
    ],
)
async def test_a_task_named_in_passing_is_changed_as_said(given, said, check):
    tasks = await _after(given, said)
    assert check(tasks), tasks


async def test_the_ing_of_a_titles_verb_names_the_task_and_a_loose_delete_asks():
    talk = Conversation("Reshelve the easy readers", "Order new picture books")
    assert await talk.say("eh get rid of the reshelving one") == "Delete “Reshelve the easy readers”? (yes / no)"


async def test_moved_up_to_an_hour_is_said_of_the_task_named_before_it():
    talk = Conversation("Dispatch tech to Greenway apartments", "Follow up on warranty claim for Kessler")
    await talk.say("greenway moved up to 11:30")
    assert [t["due_time"] for t in talk.tools.tasks] == ["11:30", None]


async def test_meet_and_greet_with_an_ampersand_is_one_thing():
    tasks = await _after([], "add meet & greet w/ Luna the husky monday 10am and meet & greet w/ Otis saturday 9am")
    assert [t["title"] for t in tasks] == ["Meet & greet w/ Luna the husky", "Meet & greet w/ Otis"]


async def test_a_question_about_an_appointment_finds_the_tasks_of_whom_it_names():
    talk = Conversation("Dad's follow-up with Dr. Shah", "Buy shower chair")
    assert "Dad's follow-up with Dr. Shah" in await talk.say("when is dad's appointment again?")


async def test_make_it_a_day_and_a_level_sets_both():
    talk = Conversation("Drain the rain barrels", "Cleanup day")
    await talk.say("draining the rain barrels has to happen before the freeze, make it tomorrow and high priority")
    task = talk.tools.tasks[0]
    assert (task["due_date"], task["priority"]) == ((dates.today() + timedelta(days=1)).isoformat(), "high")


@pytest.mark.parametrize(
    "said,title",
    [
        ("sorry the bolsters should be 24 not 20", "Order 24 bolsters"),
        ("library is 4 dozen not 3, can you fix the name", "Order 3 tents"),  # no title says 3 with those words: the library's
    ],
)
async def test_a_number_said_instead_of_a_titles_number_renames_that_task(said, title):
    talk = Conversation("Order 20 bolsters", "Order 3 tents", "3 dozen gingerbread for the library")
    await talk.say(said)
    assert title in talk.tools.titles()
    assert ("Order 24 bolsters" in talk.tools.titles()) == ("bolsters" in said)
    assert ("4 dozen gingerbread for the library" in talk.tools.titles()) == ("library" in said)


async def test_a_deadline_extended_to_a_day_moves_the_task():
    talk = Conversation("File motion to compel in Reyes v. Danforth", "Calendar the Okoro mediation")
    await talk.say("Reyes motion deadline got extended to Monday per the clerk")
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("monday").isoformat()


async def test_a_number_before_a_street_is_no_time_and_a_question_after_a_remark_is_answered():
    tasks = await _after([], "add site visit at 1420 birch ln tomorrow 8am")
    assert [(t["title"], t["due_time"]) for t in tasks] == [("Site visit at 1420 birch ln", "08:00")]
    talk = Conversation("Check SCBA tank pressures")
    assert (await talk.say("shift change done. what's overdue")).endswith("Nothing overdue.")


async def test_actually_make_the_thing_a_time_changes_that_task_not_the_one_just_added():
    talk = Conversation("Upload ep 42 to libsyn", "Edit episode 42")
    await talk.say("move the upload to tomorrow 6am")
    await talk.say("add write show notes for 42 today")
    await talk.say("actually make the upload 7am, host wants one more listen")
    assert talk.tools.titles() == ["Upload ep 42 to libsyn", "Edit episode 42", "Write show notes for 42"]
    assert [t["due_time"] for t in talk.tools.tasks] == ["07:00", None, None]


async def test_someone_saying_a_task_should_be_tagged_tags_it():
    talk = Conversation("Book airport shuttle", "Buy sunscreen")
    await talk.say("Bob says the sunscreen should be tagged cruise too")
    assert [t["tags"] for t in talk.tools.tasks] == [[], ["cruise"]]


async def test_a_topic_then_tag_a_word_tags_the_topic_and_a_place_said_after_in_is_no_completion():
    talk = Conversation("Fix leaky faucet in unit B", "Replace smoke detector batteries")
    await talk.say("smoke detector batteries - tag unitb too, they're all in B")
    assert [(t["tags"], t["completed"]) for t in talk.tools.tasks] == [([], False), (["unitb"], False)]


async def test_we_dont_need_a_thing_anymore_asks_to_delete_it():
    talk = Conversation("Order sympathy cards", "Call new volunteer applicants")
    reply = await talk.say("we don't need the sympathy cards anymore, found a whole box in the supply closet")
    assert reply == "Delete “Order sympathy cards”? (yes / no)"
    await talk.say("yep go ahead")
    assert talk.tools.titles() == ["Call new volunteer applicants"]


async def test_doing_it_to_her_now_mark_it_done_completes_the_task_talked_about():
    talk = Conversation("Send setlist to bandleader", "Call mom")
    await talk.say("did I call mom yet?")
    await talk.say("calling her now actually, mark it done")
    assert talk.tools.titles() == ["Send setlist to bandleader", "+Call mom"]


@pytest.mark.parametrize(
    "said",
    ["the portfolio thing can go, not happening this year", "scrap the portfolio thing found a cheaper host anyway"],
)
async def test_a_thing_that_can_go_or_a_scrap_with_a_reason_run_on_asks_to_delete_it(said):
    talk = Conversation("Update portfolio website", "Order new SD cards")
    assert await talk.say(said) == "Delete “Update portfolio website”? (yes / no)"
    await talk.say("yeah")
    assert talk.tools.titles() == ["Order new SD cards"]


async def test_the_ing_of_a_job_picks_the_task_whose_job_it_is():
    talk = Conversation("Return extra grout to Home Depot", "Grout the floor")
    await talk.say("and grouting to tuesday then")
    assert [t["due_date"] for t in talk.tools.tasks] == [None, dates.weekday("tuesday").isoformat()]


@pytest.mark.parametrize("said", ["ok honestly whats overdue im scared", "Good morning dear. Could you tell us what we have overdue?"])
async def test_questions_said_around_with_feelings_and_for_two_are_answered(said):
    talk = Conversation("Renew passports")
    assert await talk.say(said) == "Nothing overdue."


async def test_im_sorry_i_meant_a_day_corrects_the_last_change():
    talk = Conversation("Call the bank", "Pay the electric bill")
    await talk.say("call the bank monday at 9am")
    await talk.say("I'm sorry, I meant Tuesday. Monday I have the doctor.")
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("tuesday").isoformat() and len(talk.tools.tasks) == 2


@pytest.mark.parametrize(
    "given,said,check",
    [
        (["Get uniform dry cleaned", "Pack for Denver"], "dry cleaning, do it tomorrow morning 9", lambda t: t[0]["due_time"] == "09:00"),
        (
            ["Practice sit and stay", "Buy a crate cover"],
            "crate cover, tag it amazon",
            lambda t: len(t) == 2 and t[1]["tags"] == ["amazon"],
        ),
        (
            ["Change the locks", "Set up internet"],
            "locksmith came this morning, locks are changed",
            lambda t: len(t) == 2 and t[0]["completed"],
        ),
        (
            ["Service special flyer", "Post winter hours on google"],
            "put a marketing tag on the flyer + google one",
            lambda t: [x["tags"] for x in t] == [["marketing"], ["marketing"]],
        ),
        (
            ["Get 3 more adult chaperones", "Call the camp about cabin assignments"],
            "chaperones is high priority. and the camp call is tomorrow at 9am",
            lambda t: t[0]["priority"] == "high" and t[1]["due_time"] == "09:00",
        ),
    ],
)
async def test_a_thing_named_then_what_to_do_with_it(given, said, check):
    tasks = await _after(given, said)
    assert check(tasks), tasks


async def test_a_run_on_reason_after_a_firm_delete_of_a_title_and_a_job_said_done_by_its_participle():
    talk = Conversation("Rent a uhaul", "Buy boxes", "Write Jenna's new program")
    assert await talk.say("delete buy boxes my roommate has a ton") == "Deleted “Buy boxes”."
    await talk.say("jenna's program is written and sent 💪")
    assert talk.tools.titles() == ["Rent a uhaul", "+Write Jenna's new program"]
    tasks = await _after([], "add get the prop looked at tmrw")
    assert [t["title"] for t in tasks] == ["Get the prop looked at"]


@pytest.mark.parametrize(
    "said,titles",
    [
        # a form before a thing tells of the thing, no clause of its own
        (
            "add: email prof ramirez about the critique date, and buy kneaded erasers",
            ["Email prof ramirez about the critique date", "Buy kneaded erasers"],
        ),
        (
            "also need to: read ch 4 building construction by mon, get physical exam form signed by doc, buy new running shoes",
            ["Read ch 4 building construction", "Get physical exam form signed by doc", "Buy new running shoes"],
        ),
        # news of a new thing is no "new <to-do>"
        ("hi 😅 new job starts monday and im drowning. can you add pack lunches every night at 8pm", ["Pack lunches"]),
    ],
)
async def test_the_items_of_a_list_and_a_remark_before_it(said, titles):
    assert [t["title"] for t in await _after([], said)] == titles


async def test_do_a_day_instead_moves_the_task_talked_about():
    talk = Conversation("Call the camp about cabin assignments", "Book the bus")
    await talk.say("call the camp friday at 9am")
    await talk.say("ugh camp office is closed fridays. do monday instead")
    assert talk.tools.tasks[0]["due_date"] == dates.weekday("monday").isoformat()


async def test_a_question_said_last_after_remarks_is_answered_and_changes_nothing():
    talk = Conversation("Night audit report", "Renew food hygiene cert")
    reply = await talk.say("morning. end of shift, quick one - anything overdue?")
    assert not reply.startswith("Sorry") and talk.tools.titles() == ["Night audit report", "Renew food hygiene cert"]


async def test_add_tag_said_after_a_topic_tags_the_task_it_names():
    talk = Conversation("Order shingles", "Insurance estimate for 412 Oak St")
    assert await talk.say("oak st estimate, add tag urgent") == "Updated “Insurance estimate for 412 Oak St”: #urgent."
    assert await talk.say("add tag admin to it too") == "Updated “Insurance estimate for 412 Oak St”: #admin #urgent."
    assert talk.tools.titles() == ["Order shingles", "Insurance estimate for 412 Oak St"]


@pytest.mark.parametrize(
    "given,said,titles",
    [
        # a to-do asked for before ", tag it …" is that to-do, tagged; not a tag for the task before
        (
            ["Return goggles to storage"],
            "also every friday i need to restock the fume hood cabinet, tag it lab",
            ["Return goggles to storage", "Restock the fume hood cabinet"],
        ),
        # "we're doing …, add that": the thing done, not the people doing it
        ([], "Happy Thanksgiving!! 🦃 we're doing a pie social at 2 today, add that", ["Pie social"]),
        # a flag ends a message as any picture does
        ([], "and add 30 min Japanese practice every day 🇯🇵", ["30 min Japanese practice"]),
        # a remark in brackets with a comma in it stays with its item
        (
            [],
            "add order 40 bags topsoil, fix trailer hitch (high priority, crew B can't tow without it) and winterize the Kims' sprinklers",
            ["Order 40 bags topsoil", "Fix trailer hitch", "Winterize the Kims' sprinklers"],
        ),
        # who does it, said after its slots, and "too" are no words of its title
        ([], "Every month on the 1st I back up my research database, can you add that?", ["Back up my research database"]),
        ([], "add reorder contactors too, tag parts", ["Reorder contactors"]),
        # "feed" is no past of "fee": two to-dos, nothing done
        (
            ["Holiday craft fair booth fee"],
            "plus candle pouring sunday afternoon and feed fondant to the bees every 2 weeks on sunday",
            ["Holiday craft fair booth fee", "Candle pouring", "Feed fondant to the bees"],
        ),
        # news in other words completes the task it names
        (
            ["Restock the fume hood cabinet", "Return goggles to storage"],
            "goggles are back in the cabinet 👍",
            ["Restock the fume hood cabinet", "+Return goggles to storage"],
        ),
        (
            ["Board meeting", "Fix the jammed printer"],
            "printer's working again, just needed the tray reset lol",
            ["Board meeting", "+Fix the jammed printer"],
        ),
        (
            ["Grocery run", "Submit overtime form"],
            "ugh right. turned in the OT form on my way out just now",
            ["Grocery run", "+Submit overtime form"],
        ),
        (["Renew license", "Restock PEX fittings"], "grabbed the fittings at ferguson", ["Renew license", "+Restock PEX fittings"]),
        (
            ["Order red roses", "Fix the cooler door"],
            "the cooler door guy came this morning 🙏",
            ["Order red roses", "+Fix the cooler door"],
        ),
        (
            ["Storytime craft prep", "Weed the 900s"],
            "good morning! storytime craft is all cut out and ready ✂️",
            ["+Storytime craft prep", "Weed the 900s"],
        ),
        (
            ["Submit LOI", "Get board chair signature"],
            "Hi! Quick status: board chair signed this morning ✍️",
            ["Submit LOI", "+Get board chair signature"],
        ),
    ],
)
async def test_what_a_message_adds_or_completes(given, said, titles):
    talk = Conversation(*given)
    await talk.say(said)
    assert talk.tools.titles() == titles


async def test_put_it_back_how_it_was_takes_back_the_last_change():
    talk = Conversation("Order shingles")
    await talk.say("tag shingles urgent")
    assert await talk.say("actually put it back how it was") == "Undone: changing “Order shingles”."
    assert talk.tools.tasks[0]["tags"] == []


@pytest.mark.parametrize(
    "said,wanted",
    [
        ("make the poinsettias medium priority and tag activities", ("none", "medium", ["activities"], None)),
        ("lower the poinsettias to low now since there's breathing room", ("none", "low", [], None)),
        ("Poinsettia order is high priority and needs to be done by the 15th", ("none", "high", [], "2026-12-15")),
        ("poinsettias need to be low priority, gotta have them by the 15th", ("none", "low", [], "2026-12-15")),
        ("make the poinsettias high, exam board needs it by the 15th", ("none", "high", [], "2026-12-15")),
        ("Please put the poinsettias under decor like the wreaths", ("none", "none", ["decor"], None)),
    ],
)
async def test_a_change_said_with_a_tag_a_reason_or_a_level_beside_it(said, wanted):
    talk = Conversation("Bingo prizes", "Order poinsettias")
    await talk.say(said)
    bingo, poinsettias = talk.tools.tasks
    assert (bingo["priority"], poinsettias["priority"], poinsettias["tags"], poinsettias["due_date"]) == wanted


@pytest.mark.parametrize(
    "said", ["pump guy says its not in til monday", "priya can only do sunday now", "my editor gave me till wednesday for ch 12, bless her"]
)
async def test_someones_news_with_a_day_adds_nothing(said):
    talk = Conversation("Order pump seals")
    await talk.say(said)
    assert talk.tools.titles() == ["Order pump seals"]


@pytest.mark.parametrize(
    "said",
    [
        "Linda's away over the holidays too so never mind the plant thing",
        "we can prob lose the plant thing, grandma is bringing a ton",
        "marcus cant swap lol so scrap that whole plant thing",
    ],
)
async def test_a_loose_delete_in_other_words_asks_first(said):
    talk = Conversation("Water the plants at Lindas", "Buy wrapping paper")
    assert await talk.say(said) == "Delete “Water the plants at Lindas”? (yes / no)"
    assert len(talk.tools.titles()) == 2


async def test_a_take_back_with_a_reason_run_on_puts_the_task_back():
    talk = Conversation("Buy trays")
    await talk.say("delete buy trays")
    assert await talk.say("nvm put it back she needs them") == "Undone: deleting “Buy trays”."
    assert talk.tools.titles() == ["Buy trays"]


async def test_news_of_others_after_a_change_is_why_and_adds_nothing():
    talk = Conversation("Send setlist to bandleader", "Exchange pesos")
    said = "also push the setlist to saturday, we got an extra sea day before the next show"
    assert await talk.say(said) == "Updated “Send setlist to bandleader”: due on Saturday."
    assert talk.tools.titles() == ["Send setlist to bandleader", "Exchange pesos"]


async def test_a_delete_of_a_topic_with_a_remark_after_it_asks_and_completes_nothing():
    talk = Conversation("Visit Mr. Alvarez", "Order more prayer cards")
    said = "prayer cards - get rid of that, volunteer office already ordered them"
    assert await talk.say(said) == "Delete “Order more prayer cards”? (yes / no)"
    assert talk.tools.titles() == ["Visit Mr. Alvarez", "Order more prayer cards"]


async def test_should_only_be_days_now_changes_the_repeat_and_completes_nothing():
    talk = Conversation()
    await talk.tools.call("add_task", {"title": "Chair yoga", "recurrence": "FREQ=WEEKLY;BYDAY=TU,TH"})
    await talk.say("chair yoga should only be tuesdays now, thursday PT took the room")
    (yoga,) = talk.tools.tasks
    assert (yoga["completed"], yoga["recurrence"]) == (False, "FREQ=WEEKLY;BYDAY=TU")


async def test_a_delete_of_the_x_task_with_a_remark_after_a_dash_asks():
    talk = Conversation("Budget narrative", "Logic model")
    assert await talk.say("Delete the logic model task — ED says we're reusing last year's.") == "Delete “Logic model”? (yes / no)"


@pytest.mark.parametrize("said", ["hi! first week open and im drowning 😅 can you add a few things for me", "add some stuff"])
async def test_an_add_of_things_not_named_asks_what_and_adds_nothing(said):
    talk = Conversation()
    assert await talk.say(said) == "Sure — what should I add? Send them in one message, a line or a comma each."
    assert talk.tools.titles() == []


async def test_a_correction_said_by_someone_else_is_a_correction():
    talk = Conversation("Order bulk flour")
    await talk.say("move the flour order to tuesday")
    assert await talk.say("wait the co-op said wednesday") == "Updated “Order bulk flour”: due on Wednesday."


async def test_an_answer_that_names_an_offered_task_with_a_word_around_it_chooses_it():
    talk = Conversation("File motion to suppress - Reyes", "Call Reyes' mom back")
    assert await talk.say("the reyes task - push to monday, judge granted the extension") == (
        "Which one do you want to change: #1 “File motion to suppress - Reyes” or #2 “Call Reyes' mom back”?"
    )
    assert await talk.say("the motion obviously") == "Updated “File motion to suppress - Reyes”: due on Monday."


@pytest.mark.parametrize(
    "said,reply,titles",
    [
        ("Good morning! Quick one before homeroom — is anything overdue?", "Nothing overdue.", ["Meeting with the police chief"]),
        (
            "Good morning. Happy Thanksgiving. The kids want to bake so please add make pumpkin pie with the kids today at 1pm.",
            "Added “Make pumpkin pie with the kids” to your list (task #2, due today at 13:00).",
            ["Meeting with the police chief", "Make pumpkin pie with the kids"],
        ),
        (
            "Mark the police chief meeting high too",
            "Updated “Meeting with the police chief”: high priority.",
            ["Meeting with the police chief"],
        ),
    ],
)
async def test_a_greeting_before_a_request_and_a_level_said_with_too(said, reply, titles):
    talk = Conversation("Meeting with the police chief")
    assert await talk.say(said) == reply
    assert talk.tools.titles() == titles


async def test_a_quantity_in_news_is_no_task_number():
    talk = Conversation("Cancel the newspaper")
    assert await talk.say("hi. cancelled the newspaper, 40 min on hold but it's done") == "Marked “Cancel the newspaper” as done. ✓"


async def test_a_loose_delete_after_a_reason_asks_and_yep_get_rid_of_it_confirms():
    talk = Conversation("Call Maria about bridal trial", "Swap shift with Dana")
    said = "maria cancelled her bridal trial 😭 so prob dont need that call anymore"
    assert await talk.say(said) == "Delete “Call Maria about bridal trial”? (yes / no)"
    assert await talk.say("yep get rid of it") == "Deleted “Call Maria about bridal trial”."
    assert await talk.say("dana said no 😒 delete the swap with dana") == "Deleted “Swap shift with Dana”."
    assert talk.tools.titles() == []


async def test_of_two_tasks_a_reference_fits_the_rest_of_the_message_chooses_one_and_never_for_a_delete():
    talk = Conversation("Call the probate attorney", "Call the pension office")
    assert (
        await talk.say("The attorney moved our call to 2:30 this afternoon.") == "Updated “Call the probate attorney”: due today at 14:30."
    )
    assert (await talk.say("delete the call, the attorney dropped us")).startswith("Which one")  # a delete still asks which


@pytest.mark.parametrize(
    "said,reply",
    [
        (
            "Put Lily's dentist appointment on there for Monday at 11 am.",
            "Added “Lily's dentist appointment” to your list (task #2, due on Monday at 11:00).",
        ),
        ("stick the recital on my list for friday", "Added “The recital” to your list (task #2, due tomorrow)."),
        # "new" is a command only before a colon or a word for a task: otherwise it is the to-do's own
        (
            "and new client consult w/ Jess tuesday 11am",
            "Added “New client consult w/ Jess” to your list (task #2, due on Tuesday at 11:00).",
        ),
        ("new task: call the vet", "Added “Call the vet” to your list (task #2)."),
    ],
)
async def test_a_to_do_put_on_the_list_and_a_new_thing(said, reply):
    talk = Conversation("Buy juice boxes")
    assert await talk.say(said) == reply


async def test_news_of_a_move_said_of_it_and_a_yeah_before_a_request():
    talk = Conversation("Neurologist appointment", "Fix the lock")
    await talk.say("when is the neuro appt again?")
    assert await talk.say("they just called, it's moved to the 9th same time") == "Updated “Neurologist appointment”: due on Wed 9 Dec."
    assert await talk.say("they just called, moved it to 1:15") == "Updated “Neurologist appointment”: due on Wed 9 Dec at 13:15."
    assert (
        await talk.say("yeah push that to the 10th, welder's booked solid")
        == "Updated “Neurologist appointment”: due on Thu 10 Dec at 13:15."
    )
    assert await talk.say("the lock's moved to friday") == "Updated “Fix the lock”: due tomorrow."


@pytest.mark.parametrize(
    "said,reply",
    [
        (
            "move the schedule posting up to the 30th so ppl see it before the weekend shifts",
            "Updated “Post December shift schedule”: due on Monday.",
        ),
        (
            "and add Sophie's lesson on monday at 4pm, tag that lessons too",
            "Added “Sophie's lesson” to your list (task #2, due on Monday at 16:00, #lessons).",
        ),
        (
            "Add: budget narrative due tomorrow noon, high priority, grants tag",
            "Added “Budget narrative” to your list (task #2, due tomorrow at 12:00, high priority, #grants).",
        ),
        (
            "pool session w the new group at 4 today, add pls",
            "Added “Pool session w the new group” to your list (task #2, due today at 16:00).",
        ),
    ],
)
async def test_a_reason_said_with_so_a_tag_said_after_and_add_said_last(said, reply):
    talk = Conversation("Post December shift schedule")
    assert await talk.say(said) == reply


async def test_a_reminder_named_in_a_list_is_one_more_to_do():
    talk = Conversation()
    said = "Please add: lighting walkthrough tomorrow at 9:30, order museum wax, and a reminder to check humidity logs every day"
    assert (await talk.say(said)).startswith("Added 3 tasks")
    assert talk.tools.titles() == ["Lighting walkthrough", "Order museum wax", "Check humidity logs"]


async def test_a_reason_said_first_names_which_task_and_a_remark_after_is_no_take_back():
    talk = Conversation("Session with Tom", "Session with Priya", "Dive trip", "Call the pension office")
    assert await talk.say("tom cancelled again 🙄 move his session to saturday same time") == "Updated “Session with Tom”: due on Saturday."
    assert await talk.say("weather looks nasty sunday, move the dive trip to monday") == "Updated “Dive trip”: due on Monday."
    said = "Please make the pension call important, I don't want to miss it."
    assert await talk.say(said) == "Updated “Call the pension office”: high priority."
    assert talk.tools.titles() == ["Session with Tom", "Session with Priya", "Dive trip", "Call the pension office"]


async def test_news_of_a_move_chooses_the_task_the_caller_names():
    talk = Conversation("Twins' pediatrician appointment", "+Sign twins' field trip forms")
    said = "pediatrician office called, they moved the twins to wednesday 9:45"
    assert await talk.say(said) == "Updated “Twins' pediatrician appointment”: due on Wednesday at 09:45."


async def test_part_of_a_job_done_leaves_it_open():
    talk = Conversation("Send thank you cards", "Prep the night bottles")
    await talk.say("did 6 of the thank you cards, like 20 left ugh")
    assert [t.get("completed", False) for t in talk.tools.tasks] == [False, False]


async def test_a_task_named_by_a_verb_moved_with_an_arrow():
    talk = Conversation("Renew passport", "Swap shift with Dana")  # its reference left no word once read: it crashed the ranking
    assert await talk.say("shift -> friday") == "Updated “Swap shift with Dana”: due tomorrow."


async def test_a_move_with_no_task_named_moves_the_one_talked_about():
    talk = Conversation("Renew passport")
    assert (await talk.say("push to monday")).startswith("Which task do you mean")  # none talked about yet: no task "Push"
    await talk.say("renew passport tomorrow")
    assert await talk.say("ok push to monday") == "Updated “Renew passport”: due on Monday."
    assert talk.tools.titles() == ["Renew passport"]
