"""The reading stage alone: text -> Reading (cleaned text, labelled spans, question marks). No server."""

import pytest

from tests.agent.offline.fakes import read
from todo_chatbot.agent.offline.reading import Span, clean, yes_no
from todo_chatbot.parsing import as_title, unquote

pytestmark = pytest.mark.nodb


def test_cleaning_drops_polite_words_emoticons_and_end_punctuation():
    assert clean("ok please can you add buy milk :)") == "add buy milk"
    assert clean("add buy milk, thanks!") == "add buy milk"
    assert clean("add\n- milk\n- eggs") == "add: milk; eggs"  # one to-do a line


def test_a_reading_keeps_every_pattern_that_fits_with_its_labelled_spans():
    reading = read("mark the report as not done")
    assert {c.intent for c in reading.candidates} == {"reopen", "complete"}
    best = reading.best
    assert best is not None and best.intent == "reopen"
    [span] = [s for s in best.spans if s.label == "ref"]
    assert span == Span("ref", 5, 15, "the report") and reading.text[span.start : span.end] == "the report"


def test_a_question_is_read_only_as_what_a_question_may_be():
    reading = read("is the report done?")
    assert reading.question and reading.asked
    assert {c.intent for c in reading.candidates} == {"list"}


def test_a_when_span_must_say_when():
    """ "change X to Y" is a schedule only when Y is a day, time or repeat."""
    assert "schedule" in {c.intent for c in read("change the dentist to friday at 10am").candidates}
    assert "schedule" not in {c.intent for c in read("change the dentist to the orthodontist").candidates}


def test_an_empty_message_has_no_reading():
    reading = read("  ?! ")
    assert reading.text == "" and reading.candidates == [] and reading.best is None


@pytest.mark.parametrize(
    "text,said",
    [
        ("yes", True),
        ("yeah sure", True),
        ("no", False),
        ("nope, keep it", False),
        ("yes, but only if it's done", None),
        ("sure, add eggs", None),
    ],
)
def test_yes_and_no(text, said):
    assert yes_no(text) is said


def test_titles_lose_their_quotes_and_start_with_a_capital():
    assert unquote("'Buy oat milk'") == "Buy oat milk"
    assert as_title("“buy milk.”") == "Buy milk"


@pytest.mark.parametrize(
    "said,text",
    [
        # a comment after the request: off
        ("remove the cpr one, the hospital is doing it for all of us", "remove the cpr one"),
        ("actually delete task 4, no time for scales this week", "delete task 4"),
        ("add oil change for the truck saturday 7am, shop opens early", "add oil change for the truck saturday 7am"),
        ("put it back, the guy confirmed after all", "put it back"),
        ("add order stock monday, its urgent were nearly out", "add order stock monday, urgent"),  # its slot stays
        # not a comment: a slot, more to do, a take-back, a correction, a list
        ("I need to submit the report by friday, it's urgent", "I need to submit the report by friday, it's urgent"),
        ("move it to friday, then mark it done", "move it to friday, then mark it done"),
        ("undo that, actually no dont", "undo that, actually no dont"),
        ("wait no, I haven't yet - put it back", "wait no, I haven't yet - put it back"),
        ("no, I meant oat milk", "no, I meant oat milk"),
        ("add milk, fresh eggs from the farm shop", "add milk, fresh eggs from the farm shop"),
        ("add buy milk, call mom", "add buy milk, call mom"),
        ("the oil change, that one too", "the oil change, that one too"),  # the change again
        # a reason said with "while", "because": off; a pictograph after a clause parts it as a comma would
        ("add feed the cat daily 6pm while theyre in spain", "add feed the cat daily 6pm"),
        ("fixed the oak st leak 💪 took forever", "fixed the oak st leak"),
        ("add 🎂 order the cake", "add 🎂 order the cake"),
        # "and tag it work": the tag said as a slot
        ("add fix flaky test asap and tag it work", "add fix flaky test asap #work"),
        ("add book club every other tuesday at 6pm tag it work", "add book club every other tuesday at 6pm #work"),
        # a day or time in a comment is the comment's; "its tomorrow" is the request's own
        ("wait make that 3pm, got a walk in at 2", "wait make that 3pm"),
        ("sorry, every other wednesday, the room is taken on tuesdays", "sorry, every other wednesday"),
        ("add call mom, its tomorrow", "add call mom, its tomorrow"),
    ],
)
def test_a_comment_after_a_comma_is_no_part_of_the_request(said, text):
    assert read(said).text == text
