"""News of a change someone else made ("partner just pushed the motion to monday", "martinez pushed me to
2:30", "tire place says come in monday at 4"): the schedule patterns that read it, data (added to
vocabulary.PATTERNS["schedule"]). A pattern's <ref> names the task; a <topic> is words that speak of
it (act.on_task finds the one task they speak of)."""

from __future__ import annotations

MOVED_BY_SOMEONE = [
    # "partner just pushed the motion to monday": someone else moved it
    r"(?!(?:i|we|just|please|pls|can|could)\b)(?:\w+ ){1,2}(?:just |already )?(?:pushed|moved|bumped|postponed|rescheduled|shifted) "
    r"(?P<ref>(?!(?:me|us|up|back|out|forward|ahead)\b).+?) (?:back |out )?(?:to|until|till) (?P<when>.+)",
    # "diaz family wants to push to tuesday": someone asks to move what they are named in
    r"(?P<ref>(?!(?:i|we)\b)[\w' ]+?) (?:wants?|asked|needs?|would like|would rather) to (?:push|move|bump|reschedule|switch)(?: it| things| back)? "
    r"(?:to|until|till) (?P<when>.+)",
    # "oil change got moved up, shop can take me tmrw morning at 7": moved, and to when in another clause
    r"(?P<ref>[^,]+?) (?:got|was|has been|is being) (?:moved|pushed|bumped|rescheduled)(?: up| back| out)?,? (?:[^,]*? )?"
    r"(?:can take (?:me|us|it|her|him)|can do (?:it )?|is now|it's now|now|until|till|til) (?:on |at )?(?P<when>[^,]+)",
    # "broker needs to push the debrief to 2pm": someone moves a task named after the verb
    r"(?!(?:i|we|can|could|please|pls)\b)[\w' ]+? (?:wants?|asked|needs?|would like|has) to (?:push|move|bump|reschedule|switch) (?P<ref>(?:the|our|my|his|her|their) [^,]+?) (?:back |up )?(?:to|until|till) (?P<when>.+)",
    # "AD says she wants the sketches by 2": what someone wants by when, of the task it names
    r"[\w' ]+? (?:says|said)(?: that)? (?:she|he|they) (?:wants?|needs?) (?P<ref>(?:the|my|our|his|her|their) [^,]+?) (?P<when>(?:by|at|on|for) .+)",
    # "sunrise called, they want it at 3 instead": someone asked for another time of the task they speak of
    r"(?P<topic>[\w' ]+?) (?:called|texted|emailed|rang|messaged|said)[,.]? (?:and )?(?:(?:they|he|she) )?(?:want|wants|need|needs|asked for|would like) "
    r"(?:it|that|the delivery|the drop|the visit) (?:moved )?(?P<when>(?:to|at|on|for) .+?)(?: instead| now)?",
    # "bus company says they need it by sunday actually": when someone needs the task they speak of
    r"(?P<topic>[\w' ]+?) (?:says|said)(?: that)? (?:they|he|she) (?:need|needs|want|wants) (?:it|that|them) (?P<when>(?:by|on|at|for|before) .+?)(?: actually| instead| now)?",
    # "tire place says come in monday at 4": the task its place or person speaks of
    r"(?P<topic>[\w' ]+?) (?:says|said|wants me|told me) (?:to )?(?:come in|come by|bring it in|drop it off|swing by)(?: on| at)? (?P<when>.+)",
    # "martinez pushed me to 2:30": someone moved their visit, named by them
    r"(?!(?:i|we|just|please|pls|can|could)\b)(?P<ref>\w+(?: (?!just\b|already\b)\w+)?) (?:just |already )?(?:(?:texted|called|emailed|messaged|rang)(?:,| and| -)? )?"
    r"(?:pushed|moved|bumped|postponed|rescheduled|shifted|pushing|moving|bumping) (?:me|us) (?:back |out )?(?:to|until|till) (?P<when>.+)",
    # "the miller inspection got bumped to 2pm tmrw", "dentist moved to friday"
    # "they just called, moved it to 1:15": moved by whoever called, or by the person themself
    r"(?:[^,]+ (?:called|texted|emailed|rang|said)[,.] )?(?:and )?(?:(?:i|we|they|he|she) )?(?:just )?"
    r"(?:moved|pushed|bumped|rescheduled|shifted) (?P<ref>it|that|them) (?:back |up |out )?(?:to|until|till) (?P<when>.+)",
    # ("it's moved to the 8th": "it")
    r"(?:[^,]+ (?:called|texted|emailed|rang|said)[,.] )?(?P<ref>.+?)(?:'s)? (?:(?:was|has|got|has been|is|have been|were|are|just got) )?"
    r"(?:moved|bumped|pushed|postponed|rescheduled|shifted|changed|extended)(?: back| up| out)? (?:to|until|till) (?P<when>.+)",  # "peds office called, checkup …"
]

# Reading against the list (anchored.py): the words that say what happened to the task a message speaks
# of, when no pattern above explains the message. A word of a change, with a date, time, repeat or priority:
# "they want to move to 1pm tmrw", "bump that to high priority", "sales report moves to mondays".
CHANGE_CUES = {
    *("move", "moved", "moves", "moving", "push", "pushed", "pushes", "pushing", "bump", "bumped", "bumps", "bumping"),
    *("change", "changed", "changes", "changing", "switch", "switched", "switching", "reschedule", "rescheduled"),
    *("postpone", "postponed", "shift", "shifted", "instead", "wants", "want", "wanted", "prefers", "prefer", "rather"),
    *("extend", "extended"),  # "deadline got extended to monday"
    *("need", "needs", "needed"),  # "bus company says they need it by sunday"
}
# The verbs that move a task: "move it", "… so move the henderson spray"
MOVING = r"(?:move|push|bump|shift|reschedule)"
# "bella can come in tomorrow at 10:30am": someone can do it then (not "he can pick up today")
CAN_COME = r"\bcan(?:'t|not| not)? (?:do|fit|see|take|go|be|wait|happen|come|make it)\b|\b(?:come|swing|stop|pop) (?:in|by|over)\b"  # "tire place says come in monday at 4"
# "wants it at 2 instead", "owner isn't home until 4": an hour said bare, read against the task's own time
BARE_HOUR = r"\b(?:at|until|til|till|after|by|to) (?P<hour>(?:[01]?\d|2[0-3])(?::[0-5]\d)?)\b(?!\s*(?:am|pm|a\.m|p\.m|%|/|-))"
# "make the upload 7am", "make that order high priority": "make" said of the task itself or of "it"
MAKE = "make"
# A word of a completion, with no word of a change: "charting done from yesterday", "just did it online"
DONE_CUES = {"done", "finished", "did", "completed", "sorted", "handled", "fixed", "ticked"}
DONE_MARKS = ("✅", "✔", "☑")  # "reeds ✅ found vandoren 3s"
# A thing said to be where a done job leaves it: "salt's good", "the request is in the mail", "bluefin order in",
# "we're all set", "glazed and out the door", "came back clear" (not "running low", "down to 6 bags")
DONE_STATES = (
    r"\b(?:'s|s|is|are|was|were|came back|came|went|got|all) (?:all )?(?:set|sorted|squared away|through|thru"
    r"|up|booked|confirmed|paid|approved|ready|good to go)\b(?! (?:to|for|on|at|by|with|the|a|an|my|our|his|her|there|here)\b)"
    r"|\b(?:'s|s|is|are|was|were|came|got|all) (?:all )?in(?=\s*(?:[,.!—-]|$))"  # "order's in", not "they're all in B"
    r"|\b(?:in the mail|out the door|taken care of|squared away|good to go|locked in|wrapped up|in hand)\b"
    r"|\b(?:and|&) (?:all )?ready\b(?! (?:to|for)\b)"  # "storytime craft is all cut out and ready"
    # "printer's working again": a thing fixed
    r"|\b(?:working|works|running|runs|going) (?:again|fine now|great now)\b"
    # "the cooler door guy came this morning": the one who does the job has been
    r"|\b(?:guy|guys|man|lady|tech|techs|person|people|crew) (?:finally )?(?:came|came by|came out|was here|were here|showed up)\b"
    r"(?! (?:to|for|about)\b)"
    # "shower chair got delivered yesterday", "mouse guards went on": a thing bought has come, a thing fitted is on
    r"|\b(?:delivered|arrived|showed up|turned up)\b|\b(?:went|are|is|'s|were) on\b(?=\s*(?:[,.!—-]|$|now\b|already\b|today\b|yesterday\b|finally\b))"  # not "susan is on vacation"
    r"|^(?:\w+ ){1,3}in(?=\s*(?:[,.!—-]|$))"
)
# ... and where a check leaves it, said of a task to check: "salt's good" for "Check salt inventory", "came back clear"
CHECKED_STATES = r"\b(?:'s|s|is|are|was|were|came back|looks?|all) (?:good|fine|clear|ok|okay|great)\b"
# ... and where a return leaves it, said of a task to return: "goggles are back in the cabinet" for "Return goggles"
RETURNED_STATES = r"\b(?:'s|s|is|are|was|were|went|got|all) (?:all )?back\b(?! (?:to|on|up)\b)"
RETURNING = {"return", "bring", "put", "take"}
# ... and where a task to put a thing somewhere leaves it: "the turkey is in the oven" for "Put turkey in oven"
PLACED_STATES = r"\b(?:'s|s|is|are|was|were|went|got) (?:all )?(?:in|into|on|onto) (?P<where>[\w' ]+)"
PLACING = {"put", "place", "get", "load", "hang", "drop", "set", "stick", "pop"}
CHECKING = {"check", "test", "inspect", "review", "verify", "confirm", "look", "background"}
# Past forms that tell what happened to a thing, not that its job was done (read as verbs: "delay", not "delayed")
NEWS_PAST = {
    *("delay", "cancel", "close", "break", "jam", "die", "crash", "fail", "miss", "lose", "flood", "steal", "damage"),
    *("postpone", "move", "push", "bump", "change", "reschedule", "shift", "call", "text", "email", "forget", "leak"),
    # and the verbs that say no job: "the ford deadline got pushed", "headed to martinez", "heard back"
    *("get", "be", "have", "go", "come", "head", "say", "tell", "hear", "see", "think", "know", "feel", "look", "seem"),
    *("become", "want", "need", "find", "run", "start", "begin", "end", "happen"),
}
# ... unless it is denied: "haven't done the charting yet"
NOT_DONE = (
    r"\b(?:not|haven't|havent|hasn't|hasnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|arent|never|yet)\b"
    r"|\bstill (?:need|needs|waiting|have|has|got|to)\b"  # not "yes we still fax"
    r"|\b\d+ (?:more )?(?:left|to go)\b"  # "did 6 of the thank you cards, like 20 left"
)
# "got 9 of 14 fees in", "did 6 of the thank you cards", "almost done with the deck", "tried to do the
# laundry but ran out of time": part of a job, or a try at it, is news of it, not the job done
PART_OF = r"\b(?:almost|nearly|not quite|halfway|mostly|partly|partially|half) (?:done|finished|through|complete)\b"
PART_OF += r"|\btried to\b|\bran out of time\b|\bin the middle of\b|\bhalfway through\b"
PART_OF += r"|\b(?:\d+|half|some|most|part|a few|a couple) (?:out )?of (?:the |my |our )?(?:\d+|them|those|these|(?:\w+ ){0,3}\w+s)\b"
