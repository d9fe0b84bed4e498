"""Reminders sent to the person's own service, through Apprise (ntfy, Gotify, Discord, Slack,
Telegram, e-mail, json://...): the target (checked, shown masked) and the sending, with retries.

A target on a loopback, private, link-local or other non-public address is refused unless the
operator allows it (NOTIFY_ALLOW_PRIVATE): a notification must not become a way to reach the
server's own network. The address is checked when the target is set and again before each send
(a name may point elsewhere by then). Services with a fixed public API (Discord, Telegram...)
have nothing to check; self-hostable ones (json://, ntfy://, gotify://, mailto://...) do.

A reminder that fired for a user with a target leaves its delivery row "pending"; the scheduler
claims pending rows (`claim`, with a lease so another process takes over a crashed send),
sends them, and records the result (`record`): after MAX_TRIES failures it gives up.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..models import ReminderDelivery, Task, User
from . import InvalidField, users, writing

log = logging.getLogger("todo_chatbot.notify")

MAX_TRIES = 5
LEASE = timedelta(minutes=2)  # a claimed send not recorded by then is another process's to try
SEND_TIMEOUT = 20.0
DNS_TIMEOUT = 3.0
URL_MAX = 2000


def backoff(tries: int) -> timedelta:
    """Waits between tries: 30 s, 1, 2, 4 minutes."""
    return timedelta(seconds=30 * 2 ** max(0, tries - 1))


def _plugin(url: str) -> Any:
    import apprise  # loaded when an address is checked or a reminder sent, not by every backend that starts

    plugin = apprise.Apprise.instantiate(url) if url and len(url) <= URL_MAX else None
    if plugin is None:
        raise InvalidField("url", "not a notification address Apprise knows, e.g. ntfys://ntfy.sh/your-topic or json://host/path")
    return plugin


def masked(url: str) -> str:
    """The target with its secrets (passwords, tokens) hidden, for showing back."""
    try:
        return str(_plugin(url).url(privacy=True))
    except InvalidField:
        return "(unreadable)"


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check(url: str, allow_private: bool) -> str:
    """The target as given, if Apprise reads it and its host is public (InvalidField otherwise)."""
    url = url.strip()
    plugin = _plugin(url)
    host = getattr(plugin, "host", None) if getattr(plugin, "protocol", None) else None  # self-hostable: a network host
    if host and not allow_private:
        try:
            lookup = asyncio.get_running_loop().getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)
            found = await asyncio.wait_for(lookup, DNS_TIMEOUT)
        except (OSError, TimeoutError):
            raise InvalidField("url", f"the host {host} can't be found") from None
        if any(_refused(str(info[4][0])) for info in found):
            raise InvalidField("url", f"the host {host} is on a private, loopback or link-local address, which is not allowed")
    return url


async def send(url: str, title: str, body: str, allow_private: bool, *, checked: bool = False) -> bool:
    """Sends one notification; False if it failed (the reason is logged). checked: the caller has
    just checked the target's address (no second lookup)."""
    if not checked:
        try:
            await check(url, allow_private)
        except InvalidField as exc:
            log.warning("notification not sent: %s", exc.message)
            return False
    import apprise

    target = apprise.Apprise()
    plugin = _plugin(url)
    if not allow_private:
        # The address was checked, not where a redirect leads: a public host answering 307 to
        # 127.0.0.1 would reach a private service. No redirects, whatever the URL's `redirect=yes` says.
        plugin.redirects = False
    target.add(plugin)
    try:
        return bool(await asyncio.wait_for(target.async_notify(title=title, body=body), SEND_TIMEOUT))
    except TimeoutError:
        log.warning("notification not sent: the service did not answer within %.0f s", SEND_TIMEOUT)
        return False


# ---------------------------------------------------------------- the delivery log's pending sends


@dataclass
class Pending:
    id: int
    url: str
    title: str
    body: str
    tries: int


def message(task: Task, late: bool) -> tuple[str, str]:
    title = f"Reminder: {task.title}"
    due = ""
    if task.due_date:
        due = f"Due {task.due_date.isoformat()}" + (f" at {task.due_time:%H:%M}" if task.due_time else "")
    body = (due or task.title) + (" (this reminder is late: the app was not running at its time)" if late else "")
    return title, body


async def claim(session: AsyncSession, now: datetime, batch: int = 20) -> list[Pending]:
    """Pending sends that are due, leased to this process for LEASE."""
    claimed: list[Pending] = []
    async with writing(session):
        stmt = (
            select(ReminderDelivery)
            .where(col(ReminderDelivery.notify_state) == "pending", col(ReminderDelivery.notify_next_at) <= now)
            .order_by(col(ReminderDelivery.notify_next_at))
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        for delivery in (await session.exec(stmt)).all():
            user = await session.get(User, delivery.user_id)
            task = await session.get(Task, (delivery.user_id, delivery.task_id))
            if user is None or not user.notify_url or task is None:  # target removed or task deleted since
                delivery.notify_state = "none"
                session.add(delivery)
                continue
            delivery.notify_next_at = now + LEASE
            session.add(delivery)
            assert delivery.id is not None
            claimed.append(Pending(delivery.id, user.notify_url, *message(task, delivery.late), delivery.notify_tries))
    return claimed


async def record(session: AsyncSession, pending: Pending, sent: bool, now: datetime) -> None:
    async with writing(session):
        delivery = await session.get(ReminderDelivery, pending.id, with_for_update=True)
        if delivery is None:
            return
        delivery.notify_tries = pending.tries + 1
        if sent:
            delivery.notify_state, delivery.notify_next_at = "sent", None
        elif delivery.notify_tries >= MAX_TRIES:
            delivery.notify_state, delivery.notify_next_at = "failed", None
            log.warning("reminder notification %s given up after %d tries", pending.id, MAX_TRIES)
        else:
            delivery.notify_next_at = now + backoff(delivery.notify_tries)
        session.add(delivery)


# ---------------------------------------------------------------- the user's target


async def set_target(session: AsyncSession, user_id: str, url: str, allow_private: bool) -> str:
    checked = await check(url, allow_private)
    await users.set_own(session, user_id, "notify_url", checked)
    return checked


async def target(session: AsyncSession, user_id: str) -> str | None:
    user = await session.get(User, user_id)
    return user.notify_url if user is not None else None


async def clear_target(session: AsyncSession, user_id: str) -> bool:
    return await users.set_own(session, user_id, "notify_url", None) is not None
