"""The offline assistant's words for reminders: data, not code (see vocabulary.py for how patterns
are read). Two intents: "remind" changes a task's reminder ("remind me at 5pm", "remind me 30
minutes before", "remind me again in 10 minutes", "don't remind me about the dentist"); "reminders"
only lists them ("what reminders do I have?"), so a question may have it.

Slots: ref (which task; none means the task just talked about, or for "again" the one that just
reminded), alarm (the reminder in words: "at 5pm", "30 minutes before", "in 10 minutes"), and the
flags off (stop reminding), again (a reminder that fired, again later) and listing.
"""

from __future__ import annotations

_BEFORE = r"(?:\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|half an?) ?\w+ (?:before(?:hand)?|earlier|ahead|in advance)"
_LATER = r"in (?:\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|half an?) ?\w+"
_WHEN = rf"(?:(?:at|@) .+|{_BEFORE}|the (?:day|night|evening|week) before|{_LATER})"
_DROP = r"(?:remove|delete|clear|cancel|turn off|switch off|drop|disable|get rid of)"

PATTERNS: dict[str, list[str]] = {
    "remind": [
        r"(?:do not|don't|dont|stop|no longer|never) (?P<off>remind)(?:ing)? me (?:about|of|to|for) (?P<ref>.+)",
        rf"{_DROP} (?:the |my |its |that |this )?(?P<off>reminder)s?(?: (?:for|from|on|of|about|to) (?P<ref>.+))?",
        r"(?:no|without) (?P<off>reminder)s? (?:for|on) (?P<ref>.+)",
        rf"remind me (?P<again>again) (?P<alarm>{_LATER})",
        r"(?P<again>snooze)(?: (?!for\b)(?P<ref>.+?))?(?: for)? (?P<alarm>(?:\d+|an?|half an?|a few) ?\w+)",
        rf"remind me (?:about (?P<ref>.+?) )?(?P<alarm>{_WHEN})",
        rf"(?:set|add|put|create) (?:a )?reminder (?:for|on|to) (?P<ref>.+?) (?P<alarm>{_WHEN})",
        rf"(?:set|add|put|create) (?:a )?reminder (?P<alarm>{_WHEN})",
    ],
    "reminders": [
        r"(?:what|which|any)(?: are| is)?(?: all)?(?: my| the)? (?P<listing>reminders?)(?: (?:do i have|have i got|are there|"
        r"are set|are coming up|coming up|set|for today|for tomorrow))?",
        r"(?:show|list|see|tell)(?: me)?(?: all)?(?: my| the)? (?P<listing>reminders)",
        r"(?P<listing>reminders)",
    ],
}
