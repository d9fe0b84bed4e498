"""A task's verb in other words (verbs.py): past forms read with lemminflect, errand verbs that
name the same job. Pure functions: no server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from todo_chatbot.agent.offline.verbs import job_fits, present, same_job

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


@pytest.mark.parametrize(
    "verb,title,said,fits",
    [
        ("swap", "Replace failed PSU in rack B12", ["psu", "swapped", "in", "b12"], True),  # an errand verb of the same job
        ("take", "Return library books", ["i", "took", "the", "books", "back"], True),  # "take back", said apart
        ("get", "Call siemens support", ["got", "siemens", "on", "the", "phone"], True),  # a word of the job said
        ("fax", "DOT paperwork for bus 7", ["faxed", "the", "dot", "stuff"], True),  # a task named by no verb
        ("drop", "Invoice Dave for the cabinets", ["dropped", "off", "the", "invoice"], True),  # its verb said as a thing
        ("wash", "Sell the car", ["i", "washed", "the", "car"], False),  # another job done to the same thing
    ],
)
def test_a_verb_said_done_fits_a_task_of_its_job(verb, title, said, fits):
    assert job_fits(verb, title, said) is fits


def test_the_other_ways_of_a_job_come_in_the_same_order_in_every_process():
    # a set's order follows the process's hash seed; the first way that finds a task must not
    said = [
        subprocess.run(
            [sys.executable, "-c", "from todo_chatbot.agent.offline.verbs import same_job; print(same_job('talk to him'))"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[3],
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert said[0] == said[1] == said[2] and "call to him" in said[0]
