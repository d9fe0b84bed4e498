"""What a failed turn tells people, and what it logs: provider errors mapped to a status and a
sentence, secrets redacted, our own bugs told apart from a model's bad answer."""

from __future__ import annotations

import json
import logging
import os
import re
import sysconfig
import traceback
from collections.abc import Iterable
from typing import Any

import openai
from agents import (
    RetryPolicyContext,
)
from agents.exceptions import (
    AgentsException,
    MaxTurnsExceeded,
    ModelBehaviorError,
    ModelTimeoutError,
    UserError,
)

from ...infra.logs import request_id
from ..base import InternalError, ProviderError, TurnError

log = logging.getLogger("todo_chatbot.model")


def retry_tool_use_failed(context: RetryPolicyContext) -> bool:
    """Groq answers 400 `tool_use_failed` when the model wrote a malformed tool call; asking
    again usually works, so that one error is retried (once: max_retries above)."""
    if context.normalized.error_code != "tool_use_failed":
        return False
    log.warning(
        "the model server answered tool_use_failed (a malformed tool call); asking again",
        extra=_fields(status=context.normalized.status_code),
    )
    return True


# Provider reasons that have a known fix, matched in lower case against the error's code and message.
HINTS = [
    ("enable-auto-tool-choice", "The model server refused tools: start vLLM with --enable-auto-tool-choice and --tool-call-parser"),
    ("does not support tools", "The model does not support tools: choose one that does (on Ollama e.g. llama3.1 or qwen2.5)"),
    ("tool_use_failed", "The model wrote a malformed tool call twice: try again, or choose a larger model"),
    (
        "maximum context length",
        "The conversation is longer than the model's context: start a new one, or give the model server a longer context",
    ),
]
MAX_REASON = 200
_SECRET_PATTERNS = [
    (re.compile(r"(?i)\b(bearer)\s+[\w.~+/=-]+"), r"\1 [redacted]"),
    (re.compile(r"(?i)\b([\w-]*?(?:key|token|secret|password))([\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"), r"\1\2[redacted]"),
    (re.compile(r"\b(?:sk|gsk|xai|pk|rk)[-_][\w-]{8,}"), "[redacted]"),
    (re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}"), "[redacted]"),
]


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """The text without anything that looks like a credential: the keys we hold, bearer tokens,
    key=value pairs, provider key formats and long opaque tokens."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def shorten(text: str, limit: int = MAX_REASON) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _reason(exc: openai.APIStatusError) -> str:
    """What the server said was wrong: the error's message, else its body."""
    body = exc.body
    if isinstance(body, dict) and body:
        message = body.get("message") or body.get("detail") or body.get("error")
        return message if isinstance(message, str) else json.dumps(body, ensure_ascii=False)
    return body if isinstance(body, str) else ""


def _logged_body(exc: openai.APIStatusError, secrets: Iterable[str]) -> str:
    """The response body for the server log, without secrets or the model's own text (Groq's failed_generation)."""
    try:
        text = exc.response.text
        body = json.loads(text)
    except Exception:
        return shorten(redact(str(exc.body if exc.body is not None else ""), secrets), 2000)
    if isinstance(body, dict) and isinstance(body.get("error"), dict) and "failed_generation" in body["error"]:
        generated = body["error"]["failed_generation"]
        body["error"]["failed_generation"] = f"<{len(str(generated))} characters of the model's output left out>"
    return shorten(redact(json.dumps(body, ensure_ascii=False), secrets), 2000)


def _fields(**fields: Any) -> dict[str, Any]:
    return {"fields": {"request_id": request_id(), **fields}}


_OUR_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep  # todo_chatbot/
_STDLIB = sysconfig.get_paths()["stdlib"] + os.sep
_INSTALLED = (f"{os.sep}site-packages{os.sep}", f"{os.sep}dist-packages{os.sep}")


def raised_by_us(exc: BaseException) -> bool:
    """Whether exc comes from our code rather than from a library reading the model's answer:
    the innermost frame outside the standard library is not an installed package's (or is ours)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = frame.filename
        if path.startswith(_OUR_PACKAGE):
            return True
        if any(part in path for part in _INSTALLED):
            return False
        if not (path.startswith(_STDLIB) or path.startswith("<")):
            return True
    return True


def turn_error(exc: BaseException, secrets: Iterable[str] = ()) -> TurnError:
    """Maps whatever a turn raised to a status and a sentence for people, and logs what the
    server's operator needs: the provider's answer at WARNING, our own bugs with their traceback."""
    if isinstance(exc, TurnError):
        return exc
    error = provider_error(exc, secrets)
    if error is None:
        log.error("a chat turn failed on our side", exc_info=exc, extra=_fields())
        return InternalError()
    if isinstance(exc, openai.APIStatusError):
        log.warning(
            "the model server answered HTTP %s: %s", exc.status_code, _logged_body(exc, secrets), extra=_fields(status=exc.status_code)
        )
    else:
        log.warning("the model call failed: %s: %s", type(exc).__name__, shorten(redact(str(exc), secrets), 300), extra=_fields())
    return error


def provider_error(exc: BaseException, secrets: Iterable[str] = ()) -> ProviderError | None:
    """The provider's or the model's fault as a status and a sentence for people; None if the fault is ours."""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, (openai.APITimeoutError, ModelTimeoutError, TimeoutError)):
        return ProviderError(504, "The model provider did not answer in time. Please try again.")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ProviderError(502, "The model provider rejected the API key. Check the key in the server's settings.")
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(503, "The model provider is rate-limiting requests. Wait a moment and try again.")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(503, "The model provider can't be reached. Check the network or the base URL.")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError(502, f"The model provider failed (HTTP {exc.status_code}). Please try again.")
        said = _reason(exc)
        reason = shorten(redact(said, secrets))
        if isinstance(exc, openai.NotFoundError):
            known = "The model provider does not know the configured model. Check the model name."
            return ProviderError(502, f"{known} ({reason})" if reason else known)
        said = f"{exc.code or ''} {said}".lower()
        hint = next((fix for words, fix in HINTS if words in said), None)
        if hint:
            return ProviderError(502, f"{hint} (HTTP {exc.status_code}: {reason})")
        return ProviderError(502, f"The model server refused the request (HTTP {exc.status_code})" + (f": {reason}" if reason else "."))
    if isinstance(exc, MaxTurnsExceeded):
        return ProviderError(502, "The model went round in circles without answering. Please rephrase.")
    if isinstance(exc, UserError):  # the SDK saying we used it wrongly
        return None
    if isinstance(exc, (ModelBehaviorError, AgentsException, openai.OpenAIError)) or not raised_by_us(exc):
        return ProviderError(502, "The model sent a malformed answer. Please try again.")
    return None
