"""The words that name a task without being its title: filler around a name ("the … one"), words
that only point, pronouns for the task just talked about, places in a list, and a task's number.
Read through vocabulary.py (`v.PRONOUNS`, `v.ID_REF`, …)."""

import re

# fmt: off
# Words that say which task without being part of its title.
REF_FILLER = {
    "the", "teh", "hte", "a", "an", "my", "our", "that", "this", "one", "ones", "task", "tasks", "todo", "to-do", "item",
    "thing", "entry", "reminder", "about", "with", "of", "on", "from", "list", "please", "for", "called", "to",
    "deadline", "stuff", "re", "regarding", "his", "their", "your", "job", "jobs", "w",
    "named", "titled", "which", "says", "said", "i", "added", "earlier", "before", "already", "all", "whole", "entire",
}
# Words that point at a task rather than name it: a delete by "the gutter thing" asks first, and in an
# answer ("the nursery one") they name nothing themselves.
LOOSE_NAMING = {"thing", "things", "one", "ones", "stuff", "something", "whatever", "whatsit"}
# Words for the kind of task rather than its name ("the tire appointment" for "Get RV tires rotated"): tried without
# them when the reference with them fits no task
KIND_WORDS = {"appointment", "appointments", "appt", "apt", "errand", "job", "thing", "stuff", "task", "todo", "item"}
# "clear all", "take them": not a to-do of their own.
BULK_WORDS = {"all", "everything", "them", "those", "these", "all of them", "all tasks", "my list", "the list"}
# A reference starting with one of these means several tasks, never one.
ALL_WORDS = {"all", "every", "everything", "each"}
# Refer to the task the conversation was just about ("them" for one task whose title is plural: "the donor thank yous").
PRONOUNS = {"it", "that", "this", "that one", "this one", "that task", "this task", "the last one", "last one", "them", "those",
            "him", "her"}  # "move him to saturday": the dog the groom is for
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "last": -1}
# A task named by its id: "task 3", "#3", "number 3", "3".
ID_REF = r"^(?:(?:task|item|todo|number|no\.?|id)\s*)?#?\s*(?P<id>\d+)(?:\s*(?:task|item))?$"

# Short forms of a reference's words, the word in a title they stand for.
ABBREVIATIONS = {
    "mtg": "meeting", "appt": "appointment", "apt": "appointment", "bday": "birthday", "dr": "doctor", "doc": "doctor",
    "ch": "chapter", "chap": "chapter", "pres": "presentation", "prez": "presentation", "info": "information",
    "docs": "documents", "msg": "message", "acct": "account", "dept": "department", "mgr": "manager", "hw": "homework",
    "admin": "administration", "cert": "certificate", "certs": "certificates", "vet": "veterinarian",
    "pic": "photo", "pics": "photos", "pix": "photos", "vid": "video", "vids": "videos", "meds": "medication", "ot": "overtime",
    # "looks calm for sat" for "Check weather for Saturday flight"
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday", "thurs": "thursday",
    "fri": "friday", "sat": "saturday", "sun": "sunday",
}
# "that order", "this one's appt": a word that points, and the thing it points at, named by a remark said before
THAT_THING = re.compile(r"(?:that|this) (?P<thing>[a-z][\w'-]*)", re.IGNORECASE)
# A reference made only of these names no task of its own ("the new one", "the other one"): it is asked about.
VAGUE_WORDS = {"new", "other", "next", "latest", "old", "previous", "recent", "last", "first", "second", "third", "same"}
