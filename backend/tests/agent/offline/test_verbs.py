"""A task's verb in other words (verbs.py): past forms read with lemminflect, errand verbs that
name the same job. Pure functions: no server."""

import pytest

from todo_chatbot.agent.offline.verbs import present, same_job

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "said,verb",
    [
        ("called", "call"), ("paid", "pay"), ("baked", "bake"), ("mopped", "mop"), ("tidied", "tidy"),
        ("went", "go"), ("bought", "buy"), ("put", "put"), ("read", "read"), ("picked", "pick"), ("grabbed", "grab"),
        ("emailed", "email"), ("reserved", "reserve"), ("texted", "text"), ("hoovered", "hoover"), ("Booked", "book"),
        ("blue", None), ("bed", None), ("need", None), ("was", None), ("calls", None), ("calling", None), ("call", None),
    ],
)  # fmt: skip
def test_a_past_form_gives_its_todo_verb(said, verb):
    assert present(said) == verb


def test_an_errand_said_another_way():
    assert "buy the cat food" in same_job("get the cat food")
    assert "collect the parcel" in same_job("pick up the parcel") and "buy the parcel" in same_job("pick up the parcel")
    assert "send the landlord" in same_job("email the landlord")
    assert "book a table" in same_job("reserve a table")
    assert same_job("water the plants") == [] and same_job("") == []
    assert same_job("pick the team") == []  # "pick" alone is not "pick up"
