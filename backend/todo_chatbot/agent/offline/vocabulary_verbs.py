"""The offline assistant's verbs: data, not code (read by verbs.py, resolve.py and interpret.py).

Each group names one job in different words, so a task found by one is found by the others:
"got the cat food" or "picked up the cat food" completes "Buy cat food"; "emailed the
landlord" completes "Send the landlord the form"; "reserved a table" completes "Book a table".
A verb may be in several groups ("get": buying, collecting).
"""

from __future__ import annotations

ERRANDS: list[frozenset[str]] = [
    frozenset({"buy", "get", "grab", "pick up", "purchase", "order"}),
    frozenset({"collect", "pick up", "get", "fetch", "grab"}),
    frozenset({"restock", "reorder", "order", "stock up", "top up", "get", "buy", "pick up", "refill", "grab"}),
    frozenset({"send", "email", "e-mail", "mail", "post", "message", "text"}),
    frozenset({"submit", "send", "turn in", "hand in", "file", "email", "send in", "send off"}),
    frozenset({"deliver", "drop off", "drop", "bring", "take", "run"}),
    frozenset({"book", "reserve", "schedule", "arrange"}),
    frozenset({"call", "phone", "ring", "speak", "talk", "catch up", "follow up", "call back", "reach out"}),
    frozenset({"fix", "repair", "mend", "sort"}),
    frozenset({"return", "take back", "drop off", "bring back"}),
    frozenset({"pay", "settle"}),
    frozenset({"write", "draft"}),
    frozenset({"reply", "respond", "answer", "send"}),
    frozenset({"clean", "tidy", "hoover", "vacuum", "scrub", "scrub out", "wash", "wipe", "wipe down", "mop"}),
    frozenset({"replace", "swap", "swap out", "change"}),
    frozenset({"review", "go through", "go thru", "go over", "look over", "look through", "read through", "check"}),
]
# The particles that make a phrasal verb of an errand ("pick up", "drop off", "take back").
PARTICLES = {"up", "off", "back", "out", "down"}
# "I called her", "did it": the object of a past tense that means the task just talked about.
OBJECT_PRONOUNS = {"her", "him", "them", "it", "that", "this"}

# Verbs that say a task was done without naming its job: "sorted the parking", "did the lawn",
# "handled the quote" (a past form of one completes the task its object names, whatever its verb).
ANY_JOB_VERBS = {"do", "sort", "handle", "deal", "finish", "complete", "wrap", "knock", "tackle", "manage"}
# "the order is placed", "the forms are submitted": said of a thing, these say it is done, whatever the task's
# verb ("the flight is delayed" says no such thing).
DONE_PARTICIPLES = {
    "placed",
    "submitted",
    "filed",
    "lodged",
    "posted",
    "signed",
    "delivered",
    "returned",
    "arranged",
    "sent",
    "emailed",
    "mailed",
    "shipped",
    "uploaded",
    "approved",
    "finished",
    "completed",
    "handled",
    "sorted",
}
# "fermenter 3 is clean", "the gutters are clear": a word that is a state and the verb that makes it, said of a thing
DONE_STATES = {"clean": "clean", "empty": "empty", "clear": "clear", "tidy": "tidy", "dry": "dry", "packed": "pack"}
# "Mom called" is news, not "Call mom" done: past forms that, bare, say what someone did to you.
DONE_TO_YOU = {
    "called",
    "rang",
    "phoned",
    "texted",
    "emailed",
    "messaged",
    "wrote",
    "visited",
    "came",
    "replied",
    "answered",
    "asked",
    "invited",
    "cancelled",
    "canceled",
}
# The jobs of reaching someone, done when they answer: "vet called back" for "Call the vet about cow 212"
REACHING = {"call", "phone", "ring", "text", "email", "message", "contact", "reach", "ask", "follow", "ping", "chase"}
# Verbs of feeling and thinking: "worried about the rent", "stressed about the flights" say how a task
# feels, never that its job is done
FEELINGS = {
    *("worry", "stress", "fret", "panic", "dread", "fear", "hate", "love", "like", "think", "wonder", "hope", "doubt"),
    *("excite", "bore", "annoy", "frustrate", "confuse", "overwhelm", "relieve", "scare", "freak", "bum", "psych", "obsess"),
    *("care", "regret", "enjoy", "dream", "concern", "tire", "exhaust", "disappoint", "embarrass", "terrify", "thrill"),
}
# Verbs that say what befell a job or what was heard of it, never that it was done ("I forgot the rent",
# "started the laundry"), unless they are the task's own ("Start the car")
NO_JOB_DONE = {"forget", "miss", "lose", "hear", "notice", "start", "begin", "try", "attempt"}
# "headed to martinez", "going to the bank": on the way to a job, not done with it
GOING = {"headed", "heading", "going", "off", "omw"}  # not "went to the bank": that is "Go to the bank" done
# The other side of a task that names a person: "patels emailed the w2s" is "Get W-2s from the Patels" done
# (they gave it), "Hank came by and grabbed the tiller" is "Return borrowed tiller to Hank" done (he took it).
GIVING = {"send", "email", "mail", "text", "drop", "bring", "give", "hand", "return", "deliver", "fax", "upload", "forward", "share"}
TAKING = {"grab", "take", "collect", "pick", "fetch", "get", "receive"}
