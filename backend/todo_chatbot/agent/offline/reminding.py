"""Reminders in conversation: what "remind me at 5pm", "… 30 minutes before", "… again in 10
minutes" and "don't remind me about …" ask of a task, and how reminders are told back. Pure
functions of the task and the words; act.py calls the tools.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ...parsing import extract_slots
from ...parsing.reminders import before_minutes, delay
from .reply import day_words, quote


def local(moment: str | datetime, zone: str) -> datetime:
    """A UTC moment (ISO text or datetime) as the wall clock of the zone (naive)."""
    value = datetime.fromisoformat(moment.replace("Z", "+00:00")) if isinstance(moment, str) else moment
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def wanted(alarm: str, task: dict[str, Any], now: datetime, zone: str, again: bool = False) -> dict[str, Any] | str:
    """The reminder the words ask for on this task ({"before": N} or {"at": ISO with offset}),
    or a sentence saying why there can be none. `now` is the user's wall clock, in their zone `zone`."""
    words = alarm.strip().lower()
    if again and not words.startswith("in "):
        words = "in " + words  # "snooze it for 10 minutes"
    due = datetime.fromisoformat(task["due_date"]).date() if task.get("due_date") else None
    due_time = datetime.strptime(task["due_time"], "%H:%M").time() if task.get("due_time") else None
    later = delay(words)
    if later is not None:
        return {"at": _aware(now + later, zone)}
    before = before_minutes(words, due, due_time)
    if before is not None or words.endswith(("before", "earlier", "ahead", "in advance", "beforehand")):
        if due is None:
            return f"{quote(task['title'])} has no due date, so there is nothing to remind you before. When is it due?"
        return {"before": before} if before is not None else f"I didn't understand {quote(alarm)}."
    found = extract_slots(words, now)
    if found.due_time is None:
        return f"I didn't catch when to remind you in {quote(alarm)}; say “at 5pm” or “30 minutes before”."
    day = (found.due_date if found.day_named else None) or due or now.date()
    moment = datetime.combine(day, found.due_time)
    if moment <= now and not found.day_named and due is None:
        moment += timedelta(days=1)  # "remind me at 9" after 9: tomorrow's
    if moment <= now:
        return f"{moment:%H:%M} on {day_words(moment.date(), now).removeprefix('on ')} has passed; say a time that is still to come."
    return {"at": _aware(moment, zone)}


def _aware(moment: datetime, zone: str) -> str:
    return moment.replace(tzinfo=ZoneInfo(zone)).isoformat()


def last_fired(tasks: list[dict[str, Any]], now_utc: datetime, zone: str) -> dict[str, Any] | None:
    """The open task whose reminder fired last (its moment passed, nothing left to fire)."""
    fired = [(t, _moment(t, zone)) for t in tasks if t.get("reminder") and not t.get("completed") and not t.get("remind_at")]
    past = [(t, m) for t, m in fired if m is not None and m <= now_utc]
    return max(past, key=lambda pair: pair[1])[0] if past else None


def _moment(task: dict[str, Any], zone: str) -> datetime | None:
    reminder = task["reminder"]
    if "at" in reminder:
        return datetime.fromisoformat(reminder["at"].replace("Z", "+00:00"))
    if not task.get("due_date"):
        return None
    clock = task.get("due_time") or "09:00"
    start = datetime.fromisoformat(f"{task['due_date']}T{clock}").replace(tzinfo=ZoneInfo(zone))
    return (start - timedelta(minutes=int(reminder["before"]))).astimezone(UTC)


def told(task: dict[str, Any], now: datetime, zone: str) -> str:
    """ "on Friday at 14:30": when a task's reminder fires next, in the user's words."""
    when = local(task["remind_at"], zone)
    return f"{day_words(when.date(), now)} at {when:%H:%M}"


def listing(tasks: list[dict[str, Any]], now: datetime, zone: str) -> str:
    upcoming = sorted((t for t in tasks if t.get("remind_at") and not t.get("completed")), key=lambda t: t["remind_at"])
    if not upcoming:
        return "You have no reminders set. Say “remind me to … at 5pm”, or “remind me 30 minutes before” about a task."
    lines = [f"- {quote(t['title'])} (task #{t['id']}): {told(t, now, zone)}" for t in upcoming]
    return f"Reminders ({len(lines)}):\n" + "\n".join(lines)
