"""Login and sign-up throttling, per account and per client address.

Moving windows from the `limits` library, kept in this process's memory: with
`serve --workers N` each worker counts on its own, so the effective limits are N
times the settings (docs/limits.md). Failures for an email with
no account are counted exactly like the others, so a lockout says nothing about
which emails exist.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from ..settings import Settings


class Throttled(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message, self.retry_after = message, retry_after


class Throttle:
    def __init__(self, settings: Settings) -> None:
        window = settings.throttle_window
        self.per_account = RateLimitItemPerSecond(settings.login_failures_per_account, window)
        self.per_address = RateLimitItemPerSecond(settings.login_failures_per_address, window)
        self.signups = RateLimitItemPerSecond(settings.signups_per_address, window)
        self.registrations = RateLimitItemPerSecond(settings.oauth_registrations_per_address, window)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def _wait(self, item: RateLimitItem, *key: str) -> int:
        """Seconds until one more attempt is allowed (0: allowed now)."""
        if self.limiter.test(item, *key):
            return 0
        reset = self.limiter.get_window_stats(item, *key).reset_time
        return max(1, math.ceil(reset - time.time()))

    def check_login(self, email: str, address: str) -> None:
        wait = max(self._wait(self.per_account, "login-account", email), self._wait(self.per_address, "login-address", address))
        if wait:
            raise Throttled(f"Too many failed sign-in attempts; try again in {_duration(wait)}", wait)

    def login_failed(self, email: str, address: str) -> None:
        self.limiter.hit(self.per_account, "login-account", email)
        self.limiter.hit(self.per_address, "login-address", address)

    def login_succeeded(self, email: str) -> None:
        self.limiter.clear(self.per_account, "login-account", email)

    def signup_attempt(self, address: str) -> None:
        if not self.limiter.hit(self.signups, "signup-address", address):
            wait = self._wait(self.signups, "signup-address", address)
            raise Throttled(f"Too many sign-ups from this address; try again in {_duration(wait)}", wait)

    def registration_attempt(self, address: str) -> None:
        """A client registration (POST /oauth/register) from this address."""
        if not self.limiter.hit(self.registrations, "register-address", address):
            wait = self._wait(self.registrations, "register-address", address)
            raise Throttled(f"Too many client registrations from this address; try again in {_duration(wait)}", wait)


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"
