#!/usr/bin/env python3
"""Which reader of dates, times and repeats to use, measured on the offline assistant's corpus.

Every corpus entry that adds one task and is labelled with a due date, a time or a
repeat (backend/tests/corpus/utterances.json) is read by each parser with "now" at
the corpus's frozen Thursday 2026-11-26 10:00; a slot is right when it equals the
label exactly (dates as days, times as HH:MM, repeats as the set of RRULE parts).
Entries labelled with none of them count a parser's invented dates ("false dates").

    .venv/bin/python bench/date_parsers_bench.py             # our grammar only (todo_chatbot.parsing)
    python -m venv /tmp/cmp && /tmp/cmp/bin/pip install dateparser parsedatetime recurrent python-dateutil
    /tmp/cmp/bin/python bench/date_parsers_bench.py          # and every one of those installed

dateparser and parsedatetime read dates and times, recurrent reads repeats (and
dates); a parser not installed is skipped with a note. They are not dependencies
of the project: this only measures them.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from todo_chatbot.parsing import parse_quick_add  # noqa: E402  (after the path is set)

CORPUS = ROOT / "backend/tests/corpus/utterances.json"
NOW = datetime(2026, 11, 26, 10, 0)  # the corpus's frozen Thursday
KINDS = ("due", "time", "recurrence")
# A time of day in the matched words (dateparser fills the clock from "now" when none is said).
_SAID_TIME = re.compile(r"\d\s*(?:a\.?m|p\.?m)\b|\d:\d\d|\bnoon\b|\bmidnight\b|\bmidday\b|\bo'?clock\b", re.IGNORECASE)


@dataclass
class Slots:
    due: date | None = None
    time: str | None = None
    recurrence: str | None = None


Reader = Callable[[str], Slots]


def rule_parts(rule: str | None) -> frozenset[str]:
    """An RRULE as a set of parts, without "RRULE:", the default INTERVAL=1 or a DTSTART line."""
    if not rule:
        return frozenset()
    body = rule.split("RRULE:")[-1]
    return frozenset(p for p in body.upper().split(";") if p and p != "INTERVAL=1")


def ours() -> Reader:
    def read(text: str) -> Slots:
        tasks = parse_quick_add(text, NOW)
        task = tasks[0] if tasks else None
        if task is None:
            return Slots()
        return Slots(task.due_date, task.due_time.strftime("%H:%M") if task.due_time else None, task.recurrence)

    return read


def dateparser_reader() -> Reader:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": NOW, "PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}

    def read(text: str) -> Slots:
        found = search_dates(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
        if not found:
            return Slots()
        said, moment = found[0]
        return Slots(moment.date(), moment.strftime("%H:%M") if _SAID_TIME.search(said) else None)

    return read


def parsedatetime_reader() -> Reader:
    import parsedatetime

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)

    def read(text: str) -> Slots:
        found = calendar.nlp(text, sourceTime=NOW)
        if not found:
            return Slots()
        moment, context, _, _, _ = found[0]
        return Slots(moment.date(), moment.strftime("%H:%M") if context.hasTime else None)

    return read


def recurrent_reader() -> Reader:
    from dateutil.rrule import rrulestr
    from recurrent.event_parser import RecurringEvent

    def read(text: str) -> Slots:
        event = RecurringEvent(now_date=NOW)
        found = event.parse(text)
        if isinstance(found, datetime):
            return Slots(found.date(), found.strftime("%H:%M") if (found.hour, found.minute) != (0, 0) else None)
        if not isinstance(found, str) or "RRULE:" not in found:
            return Slots()
        parts = dict(p.split("=", 1) for p in found.split("RRULE:")[-1].split(";") if "=" in p)
        at = f"{int(parts.pop('BYHOUR')):02d}:{int(parts.pop('BYMINUTE', '0')):02d}" if "BYHOUR" in parts else None
        rule = ";".join(f"{k}={v}" for k, v in parts.items())
        try:
            first = rrulestr(rule, dtstart=datetime.combine(NOW.date(), datetime.min.time())).after(NOW, inc=True)
        except (ValueError, TypeError):
            first = None
        return Slots(first.date() if first else None, at, rule)

    return read


READERS: dict[str, Callable[[], Reader]] = {
    "ours (todo_chatbot.parsing)": ours,
    "dateparser": dateparser_reader,
    "parsedatetime": parsedatetime_reader,
    "recurrent": recurrent_reader,
}


def expected(slots: dict, kind: str):
    value = slots[kind]
    if kind == "due":
        return NOW.date() + timedelta(days=int(value)) if value[0] in "+-" else date.fromisoformat(value)
    return rule_parts(value) if kind == "recurrence" else value


def got(found: Slots, kind: str):
    return rule_parts(found.recurrence) if kind == "recurrence" else getattr(found, kind)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    single = [e for e in corpus if e["intent"] == "add" and len(e["titles"]) == 1]
    labelled = [e for e in single if set(e.get("slots") or {}) & set(KINDS)]
    plain = [e for e in single if not set(e.get("slots") or {}) & set(KINDS)]
    counts = {k: sum(k in (e.get("slots") or {}) for e in labelled) for k in KINDS}
    print(
        f"{len(labelled)} utterances with a labelled date, time or repeat "
        f"({counts['due']} dates, {counts['time']} times, {counts['recurrence']} repeats); "
        f"{len(plain)} with none; now = {NOW:%a %Y-%m-%d %H:%M}\n"
    )
    header = f"{'parser':<28} {'all right':>9} {'dates':>7} {'times':>7} {'repeats':>7} {'false dates':>11} {'p50 ms':>7} {'p99 ms':>7}"
    print(header)
    print("-" * len(header))
    for name, make in READERS.items():
        try:
            read = make()
        except ImportError:
            print(f"{name:<28} not installed: skipped")
            continue
        read("warm up tomorrow at 5pm")  # lazy imports and caches are not the parse
        right = dict.fromkeys(KINDS, 0)
        whole = 0
        times: list[float] = []
        for entry in labelled:
            started = time.perf_counter()
            found = read(entry["text"])
            times.append((time.perf_counter() - started) * 1000)
            slots = entry["slots"]
            ok = [k for k in KINDS if k in slots and got(found, k) == expected(slots, k)]
            for k in ok:
                right[k] += 1
            whole += len(ok) == len(set(slots) & set(KINDS))
        false_dates = 0
        for entry in plain:
            started = time.perf_counter()
            found = read(entry["text"])
            times.append((time.perf_counter() - started) * 1000)
            false_dates += bool(found.due or found.time or found.recurrence)
        cells = [f"{right[k] / counts[k]:.0%}" for k in KINDS]
        print(
            f"{name:<28} {whole / len(labelled):>9.1%} {cells[0]:>7} {cells[1]:>7} {cells[2]:>7} "
            f"{f'{false_dates}/{len(plain)}':>11} {percentile(times, 0.5):>7.3f} {percentile(times, 0.99):>7.3f}"
        )
    print(f"\nparse times: per utterance, over all {len(labelled) + len(plain)} of them, one pass.")


if __name__ == "__main__":
    main()
