"""Reading a message against the list (anchored.py): the task a message speaks of, changed or done by
what the message says happened to it, when no rule explained the message. The stage on its own (a
pure function of the words, the list and the clock), then through the whole pipeline over a fake tool
port: no server, no database. On the suite's Thursday clock (26 November 2026, 10:00)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.agent.offline.fakes import Conversation, FakeTools
from todo_chatbot.agent.offline.anchored import against_list
from todo_chatbot.agent.offline.port import ReadOnce
from todo_chatbot.agent.offline.reading import read

pytestmark = pytest.mark.nodb
NOW = datetime(2026, 11, 26, 10, 0)
Tasks = list[dict[str, Any]]


def _tasks(*titles: str) -> Tasks:
    return [{"id": i, "title": t.lstrip("+"), "completed": t.startswith("+")} for i, t in enumerate(titles, 1)]


@pytest.mark.parametrize(
    "said,titles,intent,task_id,when",
    [
        # news of a change: the task it speaks of, the slots it says
        ("kim's daughter texted, they want to move to 1pm tmrw", ["Visit Mr. Alvarez", "Visit Mrs. Kim"], "schedule", 2, "1pm tmrw"),
        ("and she wants the fire drill on the 3rd, 10am", ["Print report cards", "Schedule fire drill"], "schedule", 2, "on the 3rd 10am"),
        ("vet called, bella can come in tomorrow at 10:30am", ["Call mike", "Take Bella to the vet"], "schedule", 2, "tomorrow at 10:30am"),
        ("heater on 31 is the blower motor, bump that to high priority", ["Wipers", "Fix heater on 31"], "schedule", 2, "high priority"),
        ("staff schedule, change to sunday", ["Order coasters", "Schedule staff for December"], "schedule", 2, "sunday"),
        ("sales report moves to mondays going forward", ["Submit weekly sales report"], "schedule", 1, "to mondays"),
        ("actually make the upload 7am, host wants one more listen", ["Write show notes", "Upload ep 42"], "schedule", 2, "7am"),
        ("theraband refills bump to medium, running low", ["Submit mileage log", "Order theraband refills"], "schedule", 2, None),
        ("bus company says they need it by sunday", ["Book the bus company"], "schedule", 1, "by sunday"),
        # a new day said of it as it is now; a short form of a title's word ("dr") names it
        ("the munchkin fitting is now tuesday same time", ["Hem the dress", "Munchkin fitting"], "schedule", 2, "tuesday"),
        ("The doctor's office called, they need to move it to 2:30.", ["Change dressing", "See Dr. Patel"], "schedule", 2, "2:30"),
        ("tire place says come in monday at 4pm", ["Get tires rotated at the tire place"], "schedule", 1, "monday at 4pm"),
        ("office hours tmrw got moved to friday", ["Office hours"], "schedule", 1, "friday"),  # the day after the change
        ("the CME thing make it the 5th instead, deadline got extended", ["CME module", "Order present"], "schedule", 1, "on the 5th"),
        ("the publisher gave us an extension, mahler can go back on the 15th", ["Return Mahler 5 parts"], "schedule", 1, "on the 15th"),
        ("mill emailed, they can't take fleece till the 8th", ["Drop fleece at the fiber mill", "Buy hay"], "schedule", 1, "on the 8th"),
        # a completion in other words: a word or mark of one, or the task's own verb in the past
        ("reeds ✅ found vandoren 3s at a little shop", ["Restring the bass", "Buy reeds"], "complete", 2, None),
        ("charting done from yesterday, finally caught up", ["Finish charting from clinic", "Order present"], "complete", 1, None),
        ("did the GWO online refresher last night, cert's renewed", ["Order harness", "Renew GWO cert"], "complete", 2, None),
        ("morning. rekeyed oak lane already, tenant was there early", ["Install cameras", "Rekey 14 Oak Lane"], "complete", 2, None),
        # a thing said done by an errand verb of its job, or by any verb for a task named by no verb
        ("psu swapped in b12, server's back up", ["Update runbook", "Replace failed PSU in rack B12"], "complete", 2, None),
        ("hay is picked up, 40 bales", ["Drop fleece at the mill", "Buy hay"], "complete", 2, None),
    ],
)
def test_a_message_that_speaks_of_one_task_changes_it_as_it_says(said, titles, intent, task_id, when):
    command = against_list(read(said, NOW), _tasks(*titles))
    assert command is not None and (command.intent, command.task_id, command.when) == (intent, task_id, when)


@pytest.mark.parametrize(
    "said,titles",
    [
        ("move the couch to the garage on saturday", ["Sell the couch"]),  # a to-do of its own, whose verb is a change's
        ("I want to paint the fence saturday", ["Buy fence paint"]),  # my own wish is a to-do, not news
        ("long day already, 3 kids in my office before 9am", ["Order tissues for the office"]),  # no word of a completion
        ("haven't done the charting yet", ["Finish charting"]),  # denied
        ("mike called", ["Call mike"]),  # what someone did to you
        ("make cookies for the bake sale friday", ["Buy cookies"]),  # "make" said of a thing, no correction
        ("the vet moved to friday", ["Take Bella to the vet", "Call the vet"]),  # two tasks speak of it as much
        ("the flight is delayed till 3pm", ["+Book flight"]),  # only done tasks: nothing open to change
        ("might need more before we're done", ["Get more ear tags"]),  # done said of a person
        ("the ford deadline got pushed", ["Ford deadline"]),  # news of a task named by no verb
        ("ok headed to martinez, thx", ["Float teeth on Martinez mare"]),  # on the way, not done
        ("the car got scratched in the lot", ["Sell the car"]),  # another job done to the same thing
        ("let out the seams on the bridesmaid dress by the 4th", ["Wedding dress fitting"]),  # "let" is no past here
        ("the car is good", ["Sell the car"]),  # a state a check leaves, of a task that is no check
        ("ice melt's down to 6 bags", ["Reorder ice melt"]),  # a state that asks for the job, not one it leaves
        ("the rice cooker is in the back", ["Test the new rice cooker"]),  # "in" said of a place
    ],
)
def test_a_message_that_names_no_change_of_one_open_task_is_left_as_the_rules_read_it(said, titles):
    assert against_list(read(said, NOW), _tasks(*titles)) is None


async def test_news_the_rules_would_add_as_a_to_do_moves_the_task_and_one_undo_takes_it_back():
    talk = Conversation("Visit Mr. Alvarez", "Visit Mrs. Kim - post hip replacement")
    reply = await talk.say("hey. kim's daughter texted, they want to move to 1pm tmrw")
    assert reply.startswith("Updated “Visit Mrs. Kim - post hip replacement”"), reply
    kim = talk.tools.tasks[1]
    assert (kim["due_date"], kim["due_time"], len(talk.tools.tasks)) == ("2026-11-27", "13:00", 2)
    await talk.say("undo")
    assert (talk.tools.tasks[1]["due_date"], talk.tools.tasks[1]["due_time"]) == (None, None)


async def test_a_statement_the_rules_left_unexplained_completes_the_task_it_speaks_of():
    talk = Conversation("Install cameras at Hendricks bakery", "Rekey locks at 14 Oak Lane")
    reply = await talk.say("morning. rekeyed oak lane already, tenant was there early")
    assert talk.tools.titles() == ["Install cameras at Hendricks bakery", "+Rekey locks at 14 Oak Lane"], reply


async def test_a_completion_whose_words_found_no_task_finds_the_one_the_message_speaks_of_reading_the_list_once():
    talk = Conversation("Hem trousers for Mr. Okafor", "Oil the Juki machine")
    await talk.say("good morning. finished okafor's trousers early, he can pick up today")
    assert talk.tools.titles() == ["+Hem trousers for Mr. Okafor", "Oil the Juki machine"]
    assert talk.called() == ["list_tasks", "complete_task"]


async def test_a_to_do_that_only_shares_a_word_with_a_task_is_still_added():
    talk = Conversation("Sell the couch")
    await talk.say("move the couch to the garage on saturday")
    assert talk.tools.titles() == ["Sell the couch", "Move the couch to the garage"]
    assert talk.called() == ["list_tasks", "add_task"]


async def test_a_change_whose_words_found_no_task_changes_the_one_the_message_speaks_of():
    talk = Conversation("Print report cards", "Send parent newsletter")
    await talk.say("newsletter push it to tuesday, waiting on the PTA blurb")
    assert talk.tools.tasks[1]["due_date"] == "2026-12-01" and talk.tools.tasks[0]["due_date"] is None


async def test_a_job_said_done_whose_words_found_no_task_completes_the_one_it_speaks_of_and_news_does_not():
    talk = Conversation("DOT paperwork for bus 7", "Order wiper blades")
    await talk.say("faxed the DOT stuff over lol yes we still fax")
    assert talk.tools.titles() == ["+DOT paperwork for bus 7", "Order wiper blades"]
    talk = Conversation("Book flight to Denver")
    await talk.say("the flight is delayed")
    assert talk.tools.titles() == ["Book flight to Denver"]


async def test_an_answer_to_its_question_is_never_read_against_the_list():
    talk = Conversation("Get more ear tags", "Check heifers")
    await talk.say("get rid of the tags thing")
    assert talk.last is not None and talk.last.state.confirm is not None
    await talk.say("no wait keep it, might need more before we're done")
    assert talk.tools.titles() == ["Get more ear tags", "Check heifers"]


async def test_an_hour_said_bare_in_news_is_read_against_the_tasks_own_time():
    talk = Conversation("Quote for elm st guy")
    await talk.say("move the elm st quote to tomorrow at 1pm")
    await talk.say("elm st guy called, wants it at 2 instead")
    assert (talk.tools.tasks[0]["due_date"], talk.tools.tasks[0]["due_time"]) == ("2026-11-27", "14:00")


async def test_a_question_that_reads_as_a_to_do_adds_nothing_and_answers_about_the_task_it_speaks_of():
    talk = Conversation("Renew truck insurance", "Call the DMV")
    reply = await talk.say("insurance is still high priority right?")
    assert talk.tools.titles() == ["Renew truck insurance", "Call the DMV"] and "Renew truck insurance" in reply
    await talk.say("buy milk?")
    assert talk.tools.titles() == ["Renew truck insurance", "Call the DMV"]


@pytest.mark.parametrize(
    "said,done",
    [
        ("I washed the car", False),  # another job of the same thing: never "Sell the car" done
        ("I sold the car", True),
    ],
)
async def test_a_statement_of_another_job_done_to_a_tasks_thing_completes_nothing(said, done):
    talk = Conversation("Sell the car", "Buy milk")
    await talk.say(said)
    assert talk.tools.tasks[0]["completed"] is done


@pytest.mark.parametrize(
    "said,titles,task_id",
    [
        ("salt's good, 40 tons in the dome", ["Assign plow routes", "Check salt inventory"], 2),
        ("maria's background check came back clear 👍", ["Call applicants", "Background check for Maria"], 2),
        ("Death certificate request is in the mail 📬", ["Visit archives", "Request death certificate for Josef Novak"], 2),
        ("bluefin order in, got the good stuff", ["Sharpen yanagiba", "Order bluefin from Toyosu supplier"], 2),
        ("priya's veil — she called me first actually, we're all set", ["Pay the seamstress", "Call Priya about veil alterations"], 2),
        ("okafor crown is glazed and out the door 🦷", ["Order zirconia blanks", "Finish crown for Dr. Okafor case 4471"], 2),
        ("yeah called jensen back, he's thinking it over til after christmas", ["Count inventory", "Follow up with Jensen"], 2),
        ("shower chair got delivered yesterday 🙏", ["Call insurance about home nurse", "Buy shower chair"], 2),
        ("Morning! mouse guards went on yesterday evening, all 6 hives", ["Wrap hives", "Install mouse guards"], 2),
        # the person the task names did their side of it
        ("patels emailed the w2s 🙏 finally", ["Send rate lock to Jenkins", "Get W-2s from the Patels"], 2),
        ("Hank came by and grabbed the tiller", ["Winterize the water lines", "Return borrowed tiller to Hank"], 2),
        ("Oh and Rosa sent the photos!! she found ones from 1965", ["Order the cake", "Ask Aunt Rosa for old photos"], 2),
        # the one a task is to reach answered
        ("vet called back, 212s fine just a slow one", ["Fix gate latch", "Call the vet about cow 212"], 2),
        ("dana texted back, she's in", ["Buy bread", "Ask Dana about the swap"], 2),
        ("aunt rose said yes to the cake!!! 🎂 she's doing lemon", ["Book the DJ", "Ask Aunt Rose about the cake"], 2),
        ("manager said yes to the 24th!!", ["Chem lab report", "Ask manager for Dec 24 off"], 2),  # no move to the 24th
    ],
)
def test_a_thing_said_to_be_where_its_job_leaves_it_completes_the_task(said, titles, task_id):
    found = against_list(read(said, NOW), _tasks(*titles))
    assert found is not None and (found.intent, found.task_id) == ("complete", task_id)


@pytest.mark.parametrize(
    "said",
    [
        "I emailed the patels about the w2s",  # the person's own side: asked for them, not got them
        "hank called about the tiller",  # no taking
        "the car is on the driveway",  # a place, not a thing fitted
        "hank called back about the tiller",  # no task is to reach Hank
    ],
)
def test_news_of_the_people_a_task_names_is_no_completion_unless_they_did_their_side(said):
    tasks = _tasks("Get W-2s from the Patels", "Return borrowed tiller to Hank", "Sell the car")
    found = against_list(read(said, NOW), tasks)
    assert found is None or found.intent != "complete"


async def test_a_number_said_bare_is_the_one_a_title_has_when_no_task_has_it_as_its_own():
    talk = Conversation("Ship Etsy order #4471", "Buy more bubble mailers")
    assert await talk.say("mailed 4471 on my way home 📦") == "Marked “Ship Etsy order #4471” as done. ✓"
    assert await talk.say("done with 2") == "Marked “Buy more bubble mailers” as done. ✓"  # a task's own number


async def test_a_greeting_and_a_thing_said_done_completes_it():
    talk = Conversation("Complete recert CEUs", "Log biological indicator results")
    await talk.say("hey. BI results logged, all negative 👍")
    assert talk.tools.titles() == ["Complete recert CEUs", "+Log biological indicator results"]


async def test_a_change_whose_words_named_no_task_is_made_to_the_task_the_message_speaks_of():
    talk = Conversation("Record the holiday traffic segment", "Call DOT about the detour")
    await talk.say("holiday segment airs at 3:30 now not 3")
    assert (talk.tools.tasks[0]["due_time"], talk.tools.tasks[1]["due_time"]) == ("15:30", None)


async def test_a_days_short_name_speaks_of_a_task_with_that_day():
    talk = Conversation("Check weather for Saturday flight", "Refill propane tanks")
    await talk.say("checked the forecast, looks calm for sat")
    assert talk.tools.titles() == ["+Check weather for Saturday flight", "Refill propane tanks"]


async def test_a_heading_of_new_things_adds_them_and_completes_nothing():
    talk = Conversation("Wedding dress fitting - Chen")
    await talk.say("new orders: shorten sleeves on the blazer by wednesday, and let out the seams on the bridesmaid dress by the 4th")
    assert talk.tools.titles()[0] == "Wedding dress fitting - Chen" and len(talk.tools.titles()) == 3


async def test_the_list_is_read_once_a_turn_until_a_change():
    tools = FakeTools("Buy milk")
    port = ReadOnce(tools)
    first = await port.call("list_tasks", {"status": "all"})
    assert await port.call("list_tasks", {"status": "all"}) == first and len(tools.calls) == 1
    await port.call("complete_task", {"task_id": 1})
    again = await port.call("list_tasks", {"status": "all"})
    assert again[0]["completed"] and len(tools.calls) == 3


@pytest.mark.parametrize(
    "given,said,reply",
    [
        (
            ["Visit Mrs. Kim"],
            "hey. kim's daughter texted, they want to move to 1pm tmrw",
            "Updated “Visit Mrs. Kim”: due tomorrow at 13:00.",
        ),
        (
            ["Rekey locks at 14 Oak Lane"],
            "morning. rekeyed oak lane already, tenant was there early",
            "Marked “Rekey locks at 14 Oak Lane” as done. ✓",
        ),
        (["Order wiper blades"], "got the wipers. what's overdue", "Marked “Order wiper blades” as done. ✓\nNothing overdue."),
        (["Check salt inventory"], "salt's good, 40 tons in the dome", "Marked “Check salt inventory” as done. ✓"),
        (
            ["Buy more bubble mailers"],
            "bubble mailers high priority pls I'm down to like 3",
            "Updated “Buy more bubble mailers”: high priority.",
        ),
        (["Buy new highlighters"], "the highlighter thing, get rid of it", "Delete “Buy new highlighters”? (yes / no)"),
        (
            ["Submit monthly spiritual care notes"],
            "ugh the spiritual care notes are late again. make that urgent and move it to tomorrow",
            "Updated “Submit monthly spiritual care notes”: due tomorrow, high priority.",
        ),
        (["Get W-2s from the Patels"], "patels emailed the w2s 🙏 finally", "Marked “Get W-2s from the Patels” as done. ✓"),
        (["Order 20 bolsters"], "sorry the bolsters should be 24 not 20", "Renamed task #1 to “Order 24 bolsters”."),
        (
            ["Post staff schedule"],
            "i gotta redo it",
            "I'm not sure which task “it” is, so I added nothing. Say it with its name (“redo the …”).",
        ),
        (["Call the vet about cow 212"], "vet called back, 212s fine just a slow one", "Marked “Call the vet about cow 212” as done. ✓"),
        (
            ["Ask Aunt Rose about the cake"],
            "aunt rose said yes to the cake!!! 🎂 she's doing lemon",
            "Marked “Ask Aunt Rose about the cake” as done. ✓",
        ),
        (
            ["Order more pucks"],
            "the pucks one high priority we lost like 10 in the snowbank lol",
            "Updated “Order more pucks”: high priority.",
        ),
        ([], "morning. end of shift, quick one - anything overdue?", "Nothing overdue."),
        (
            [],
            "add childproof the cabinets and buy a fire extinguisher, both today, high priority",
            "Added 2 tasks:\n- “Childproof the cabinets” (task #1, due today, high priority)\n"
            "- “Buy a fire extinguisher” (task #2, due today, high priority)",
        ),
        (
            [],
            "add crash on alt-tab (high, tag bug), controller rebinding not saving (tag bug)",
            "Added 2 tasks:\n- “Crash on alt-tab” (task #1, high priority, #bug)\n- “Controller rebinding not saving” (task #2, #bug)",
        ),
        (
            ["Session with Tom", "Session with Priya"],
            "tom cancelled again 🙄 move his session to saturday same time",
            "Updated “Session with Tom”: due on Saturday.",
        ),
        (["Put turkey in oven"], "The turkey is in the oven!", "Marked “Put turkey in oven” as done. ✓"),
        (
            ["Call mom about Sunday lunch", "Team lunch"],
            "talked to my wife about the lunch",
            "I don't see a task for “talk to my wife about the lunch” on your list, so nothing changed.",
        ),
    ],
)
async def test_the_readmes_rows_for_the_reading_against_the_list_are_its_real_replies(given, said, reply):
    assert await Conversation(*given).say(said) == reply


@pytest.mark.parametrize(
    "given,said,reply",
    [
        (
            ["Renew crossing guard certification", "Buy more bubble mailers"],
            "bubble mailers high priority pls I'm down to like 3",
            "Updated “Buy more bubble mailers”: high priority.",
        ),
        (
            ["Close the Nguyen refinance", "Send rate lock extension to underwriting"],
            "rate lock extension: due today 5pm, urgent",  # "rate" is a word, not "create" misspelt
            "Updated “Send rate lock extension to underwriting”: due today at 17:00, high priority.",
        ),
    ],
)
async def test_a_to_do_said_plainly_that_names_a_task_outright_changes_it(given, said, reply):
    talk = Conversation(*given)
    assert await talk.say(said) == reply
    assert talk.tools.titles() == given


@pytest.mark.parametrize(
    "given,said,titles",
    [
        (["Swim lessons for max"], "oh and pack max's swim bag on monday", ["Swim lessons for max", "Pack max's swim bag"]),
        (["Book a table"], "set the table for dinner at 7pm", ["Book a table", "Set the table for dinner"]),  # one word shared
        (["Confirm Thanksgiving boarding list"], "happy thanksgiving!! full house today 🐶🐶🐶", ["Confirm Thanksgiving boarding list"]),
        (["Finish Hendricks transom"], "morning!! cut the glass for the transom yesterday, feeling good", ["Finish Hendricks transom"]),
        (["Order foil", "Clean the sintering furnace"], "new tech handles the furnace now so delete task 2", ["Order foil"]),
    ],
)
async def test_a_to_do_of_its_own_is_added_and_a_remark_is_not(given, said, titles):
    talk = Conversation(*given)
    reply = await talk.say(said)
    assert talk.tools.titles() == titles, reply


async def test_news_that_someone_answered_is_never_added_as_to_dos():
    talk = Conversation("Fix gate latch")
    reply = await talk.say("vet called back, 212s fine just a slow one")
    assert talk.tools.titles() == ["Fix gate latch"] and "Added" not in reply


@pytest.mark.parametrize(
    "said,done",
    [
        ("posted on insta ✅", "Update Instagram"),  # a word cut short names the title's word it starts
        ("tanks are filled 🤿", "Refill tanks for weekend class"),  # the job done again is the job
        ("The turkey is in the oven!", "Put turkey in oven"),  # where a task to put a thing leaves it
        ("susan is on vacation", None),  # where a person is: no job done
    ],
)
async def test_a_job_said_done_in_other_words_and_a_state_that_says_none(said, done):
    talk = Conversation("Update Instagram", "Refill tanks for weekend class", "Put turkey in oven", "Call Susan")
    await talk.say(said)
    assert [t["title"] for t in talk.tools.tasks if t.get("completed")] == ([done] if done else [])
