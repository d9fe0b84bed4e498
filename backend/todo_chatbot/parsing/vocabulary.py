"""Word lists used to read a to-do: data, not code.

Everything here is lower case; the patterns in slots.py and splitting.py are
built from these lists once, at import, and match case-insensitively.
"""

from __future__ import annotations

# Day names -> Monday=0 .. Sunday=6. Plurals ("mondays") mean "every monday".
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
    # the common slips of a fast thumb
    "mondy": 0,
    "tuseday": 1,
    "tusday": 1,
    "teusday": 1,
    "wensday": 2,
    "wendsday": 2,
    "wednsday": 2,
    "wedensday": 2,
    "wendesday": 2,
    "thrusday": 3,
    "thursdy": 3,
    "thurday": 3,
    "firday": 4,
    "fridy": 4,
    "frday": 4,
    "saterday": 5,
    "satuday": 5,
    "sundy": 6,
}
WEEKDAY_PLURALS: dict[str, int] = {
    "mondays": 0,
    "tuesdays": 1,
    "wednesdays": 2,
    "thursdays": 3,
    "fridays": 4,
    "saturdays": 5,
    "sundays": 6,
}
# Short forms that are also everyday English words ("the sun", "I sat", "get wed"):
# a date only after on/by/this/next/every..., right before a time, or when nothing
# but other slots follows ("pay bills sat #home p1"); never after "the", "my"...
AMBIGUOUS_WEEKDAYS = frozenset({"sun", "sat", "wed"})
# RFC 5545 day codes, Monday first.
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a couple": 2,
    "a few": 3,
    "couple of": 2,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
# "every other week", "every second day", "every alternate monday".
EVERY_OTHER = ("other", "second", "2nd", "alternate")

TODAY_WORDS = ("today", "tdy")
TOMORROW_WORDS = ("tomorrow", "tomorow", "tommorow", "tommorrow", "tmrw", "tmrow", "tmr", "tmw", "2morrow", "2moro")
TONIGHT_WORDS = ("tonight", "tonite", "2nite")

# Parts of the day and the clock time each one means.
DAYPARTS: dict[str, tuple[int, int]] = {
    "morning": (9, 0),
    "afternoon": (15, 0),
    "evening": (18, 0),
    "night": (20, 0),
}
# Parts of the day in which "at 7" means 19:00.
PM_DAYPARTS = frozenset({"afternoon", "evening", "night"})
NAMED_TIMES: dict[str, tuple[int, int]] = {
    "noon": (12, 0),
    "midday": (12, 0),
    # A deadline "by midnight" means the end of that day, not its first minute.
    "midnight": (23, 59),
}
# A bare hour without am/pm in this range is taken as afternoon: "call mom at 3" is 15:00.
BARE_PM_HOURS = range(1, 6)

# Words that may follow "at 5", "daily", "weekend"... when these are slots and
# not part of the title ("look at 5 options", "daily standup").
SLOT_FOLLOWERS = (
    frozenset(
        {
            "on",
            "at",
            "by",
            "in",
            "from",
            "starting",
            "until",
            "till",
            "before",
            "after",
            "and",
            "or",
            "then",
            "this",
            "next",
            "every",
            "each",
            "to",
            "for",
            "with",
            "sharp",
            "o'clock",
            "oclock",
            "only",
            "please",
            "pls",
            "today",
            "tonight",
            "tomorrow",
            "tmrw",
            "tmr",
            "morning",
            "afternoon",
            "evening",
            "night",
            "noon",
            "midnight",
            "am",
            "pm",
            "high",
            "low",
            "medium",
            "urgent",
            "urgently",
            "asap",
            "priority",
            "beginning",
            "due",
            "thanks",
            "week",
            "weekend",
            "month",
            "year",
        }
    )
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
)

# Priority words -> level.
PRIORITY_LEVELS: dict[str, str] = {
    "highest": "high",
    "high": "high",
    "top": "high",
    "urgent": "high",
    "critical": "high",
    "medium": "medium",
    "med": "medium",
    "mid": "medium",
    "normal": "medium",
    "moderate": "medium",
    "lowest": "low",
    "low": "low",
    "none": "none",
    "no": "none",
}
# Todoist's p1..p4 (p1 highest) and !1..!3.
PRIORITY_NUMBERS: dict[str, str] = {"1": "high", "2": "medium", "3": "low", "4": "none"}
PRIORITY_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}

# Leading words that ask for a task rather than being part of it. Tried again
# and again at the start of a part, in this order (regular expressions).
POLITE_PREFIXES = (
    r"(?:hey|hi|hello|ok|okay|so|oh|um|uh|well|alright|also|and|then|plus)\b[,!]?",
    r"(?:please|pls|plz|kindly)\b",
    r"(?:can|could|would|will)\s+you(?:\s+please)?\b",
)
COMMAND_PREFIXES = (
    r"(?:(?:please\s+)?remind\s+me|reminder|set\s+(?:up\s+)?(?:a\s+)?reminder|make\s+(?:a\s+)?reminder|(?:i\s+)?need\s+a\s+reminder)"
    r"\s+(?:to|about|that\s+i\s+(?:need|have)\s+to)\b",
    r"(?:remind\s+me|reminder|note\s+to\s+self|note|todo|to-do|to\s+do|task|new\s+task|new\s+todo)\s*:",
    r"remind\s+me\b",
    r"(?:don['’]?t|do\s+not)\s+(?:let\s+me\s+)?forget\s+(?:to|about)\b",
    r"(?:remember|make\s+sure)\s+(?:to|i)\b",
    r"(?:i|we)\s+(?:also\s+|still\s+|really\s+|just\s+)?(?:need|have|want|got|ought)\s+to\b",  # "I also need to …"
    r"(?:i|we)\s+(?:must|should|gotta)\b",
    r"(?:i['’]ve|we['’]ve|ive)\s+got\s+to\b",
    r"(?:i['’]d|we['’]d)\s+like\s+to\b",
    r"(?:i['’]ll|i\s+will|we['’]ll|i['’]m\s+going\s+to|im\s+going\s+to|i\s+am\s+going\s+to|i['’]m\s+gonna)\b",
    r"(?:need|have|got)\s+to\b",
    r"(?:gotta|must)\b",
    r"let['’]?s\b",
    r"(?:todo|to-do)\b",
    r"(?:i|we)\s+have(?:\s+an?)?(?=\s+\S+\s+\S)",  # "every saturday at 9 i have umpire crew meeting": the thing had
    # "we're doing a pie social at 2 today, add that": the thing held
    r"(?:i['’]m|im|we['’]re|we\s+are)\s+(?:doing|having|hosting|holding|throwing|running)(?:\s+(?:a|an|our|my))?(?=\s+\S)",
    (
        r"(?:add|create|make|new|put|jot\s+down|write\s+down|note\s+down)(?:\s+(?:a|an|another|one\s+more))?(?:\s+new)?"
        r"\s+(?:task|todo|to-do|item|reminder|entry)(?:\s*(?::|-|to|for|called|named|titled|saying|that\s+says))?"
    ),
)
# "add" alone is a command ("add buy milk") unless it is the task's own verb ("add salt to the soup").
ADD_PREFIX = r"add\b\s*:?"
# "... to my list", "... on my todo list": where the task goes, not what it is.
LIST_PHRASE = (
    r"\s*\b(?:to|on|onto|in|into)\s+(?:my|the|our)\s+(?:to\s+do\s+|[\w-]+\s+)?"
    r"(?:list|tasks|todos|to-dos|todo|to-do)\b"
)

# Things named with an "and" in them, no two to-dos: "add show and tell for leo on monday"
COMPOUNDS = (
    r"\b(?:show (?:and|&) tell|meet (?:and|&|n) greet|mac (?:and|&|n) cheese|salt (?:and|&) pepper|pros (?:and|&) cons"
    r"|arts (?:and|&) crafts|rock (?:and|&|n) roll|bread (?:and|&) butter|black (?:and|&) white|q (?:and|&) a|q&a|r&d|b&b"
    r"|hide (?:and|&) seek|fish (?:and|&|n) chips|peanut butter (?:and|&) jelly|trick or treat)\b"
)

# Kept out of the title at its ends.
# "order more bubbles (we're out 😭)": a remark in brackets, said of someone, is no part of the title
# ("order chains (11spd x10)" keeps its brackets)
REMARK_IN_BRACKETS = (
    r"\s*\((?:i|i'm|im|i've|ive|we|we're|were|we've|they|they're|theyre|it|it's|its|he|she|he's|she's|that's|thats|"
    r"lol|ugh|haha|again|finally|ofc)\b[^()]*\)"
)
TRAILING_FILLERS = frozenset({"please", "pls", "plz", "thanks", "thx", "ty", "kthx", "too"})
LEADING_FILLERS = frozenset({"please", "pls", "plz", "kindly"})
# Left dangling next to where a slot was taken away: "submit the report by" -> "submit the report".
# Not "on", "in", "off": next to a slot they are a verb's particle ("turn the heating on tonight"),
# since a date's own "on" ("on friday") goes with the date.
CONNECTORS = frozenset(
    {
        "by",
        "at",
        "due",
        "for",
        "and",
        "&",
        "to",
        "from",
        "starting",
        "until",
        "till",
        "before",
        "then",
        "-",
        "–",
        "—",
        "+",
        "@",
        "it's",  # "submit the report, it's urgent"
    }
)

# Verbs that start a to-do: "buy bread, call mom and pay rent" is three tasks,
# "buy salt, pepper and oil" is one.
TODO_VERBS = frozenset(
    {
        "apply",
        "arrange",
        "ask",
        "attend",
        "backup",
        "bake",
        "bathe",
        "book",
        "borrow",
        "bring",
        "brush",
        "buy",
        "call",
        "cancel",
        "kill",
        "label",
        "change",
        "charge",
        "check",
        "clean",
        "clear",
        "close",
        "collect",
        "cook",
        "copy",
        "cut",
        "defrost",
        "deliver",
        "deploy",
        "discuss",
        "do",
        "download",
        "draft",
        "drink",
        "drive",
        "drop",
        "dust",
        "eat",
        "edit",
        "email",
        "e-mail",
        "empty",
        "exercise",
        "feed",
        "fetch",
        "file",
        "fill",
        "find",
        "finish",
        "fix",
        "fold",
        "follow",
        "get",
        "give",
        "go",
        "grab",
        "hang",
        "help",
        "hire",
        "hoover",
        "install",
        "invite",
        "iron",
        "learn",
        "leave",
        "lock",
        "look",
        "mail",
        "make",
        "meet",
        "message",
        "mop",
        "move",
        "mow",
        "open",
        "order",
        "organise",
        "organize",
        "pack",
        "paint",
        "pay",
        "phone",
        "pick",
        "plan",
        "plant",
        "polish",
        "post",
        "practice",
        "practise",
        "prep",
        "prepare",
        "print",
        "publish",
        "put",
        "read",
        "rebook",
        "recycle",
        "refill",
        "register",
        "reply",
        "renew",
        "repair",
        "replace",
        "reschedule",
        "research",
        "reserve",
        "respond",
        "return",
        "review",
        "ring",
        "run",
        "save",
        "scan",
        "schedule",
        "see",
        "sell",
        "send",
        "set",
        "sew",
        "shop",
        "shovel",
        "sign",
        "sort",
        "start",
        "stop",
        "study",
        "submit",
        "sweep",
        "take",
        "talk",
        "tell",
        "test",
        "text",
        "think",
        "throw",
        "tidy",
        "top",
        "transfer",
        "try",
        "turn",
        "unpack",
        "update",
        "upgrade",
        "upload",
        "vacuum",
        "visit",
        "wake",
        "walk",
        "wash",
        "watch",
        "water",
        "wipe",
        "work",
        "wrap",
        "write",
    }
)
# Two words that start a to-do though the first is no to-do verb alone: "… and back up translation memories"
TODO_PHRASES = frozenset({("back", "up"), ("touch", "base"), ("check", "in")})


# Small talk: greetings, thanks, "how are you", goodbyes. Each is tried in full against a part of a
# message (matched case-insensitively). The offline assistant answers them in kind; a conversation
# is never named after them (parsing.chatter).
SMALL_TALK = (
    r"(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day))(?: there)?(?: bot| assistant)?",
    r"(?:you're|you are|ur) (?:the best|great|awesome|amazing|a star|helpful)|lol|haha+|hehe|:\)|:d|nice one|love it",
    r"(?:thanks|thank you|thx|ty|cheers|great|cool|nice|awesome|perfect|ok|okay|k|got it|sounds good|good|lovely|brilliant|sick|sweet"
    r"|yes|yep|yeah|yup|sure)"  # a yes with no question open: nothing to do
    r"(?: a lot| so much| very much)?(?: for (?:the|your|all the|all your|all) (?:help|support|reminders?))?",
    r"(?:how are you|how's it going|how are things|what's up|sup)(?: doing| today)?",
    r"(?:bye|goodbye|see you|see ya|good night|night|nite|later|ttyl)(?: for(?: now)?| then| all)?",
    r"(?:thanks|thank you|thx|cheers|ok|okay)[,!]? (?:bye|good night|night|see you|later|ttyl)(?: for now)?",
    r"(?:thanks|thank you|thx|cheers)[,!]? (?:you're|you are|ur) (?:a lifesaver|the best|awesome|a star|great|amazing|brilliant)",
    r"(?:(?:thanks|thank you|thx|cheers|ok|okay|great)[,!]? )?"
    r"(?:that's all|thats all|that is all|that's it|thats it|that's everything|all good|all set|i'm good|im good)(?: for(?: now| today)?)?",
    r"(?:lol|haha+|ok|okay|cool|sick|sweet|great|perfect|awesome|nice|lovely|brilliant)[,!]?"
    r" (?:ok|okay|lol|cool|thanks|thank you|thx|ty|cheers|haha+)",
    r"(?:i'm|im|i am|we're) (?:all )?(?:done|finished) for (?:today|now|the day|tonight|the week)",
)
