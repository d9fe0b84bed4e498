"""/oauth/authorize: the person signs in and approves or denies an app, on server-rendered pages
that need no JavaScript.

GET validates the request (RFC 6749 §4.1.1 with PKCE S256, RFC 7636) and shows the sign-in form.
POST step=signin checks the email and password (throttled like the app's own sign-in) and shows
the consent form: the app's name, where it receives the answer, the scopes. POST step=consent
with Allow redirects to the app with `code`, `state` and `iss` (RFC 9207); Deny with
`error=access_denied`.

Nothing is kept on the server between the pages: the validated request travels in a signed,
ten-minute *ticket* (a JWT with its own audience, useless anywhere else) in a hidden field, and
is bound to a random cookie (double-submit CSRF protection): a form posted from another site,
or a ticket taken from another browser, is refused.

Until the redirect URI is known to be one the client registered, problems are shown on an error
page, never redirected to; after that they go back to the app as RFC 6749 §4.1.2.1 errors.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jwt
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mcp.server.auth.provider import construct_redirect_uri
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ....models import SCOPE_READ, SCOPE_WRITE, SCOPES, User
from ....security import ALGORITHM
from ....services import oauth, users
from ....services.oauth import Issuer
from ....services.throttle import Throttled
from .common import address, issuer_for, state

TICKET_AUDIENCE = "oauth-authorize"
TICKET_LIFETIME = timedelta(minutes=10)
CSRF_COOKIE = "oauth_csrf"
# RFC 7636 §4.2: an S256 challenge is the unpadded base64url of 32 bytes.
CHALLENGE = re.compile(r"^[A-Za-z0-9\-_]{43}$")
STATE_MAX = 2000
FIELD_MAX = 2000
SCOPE_WORDS = {
    SCOPE_READ: "See your tasks (list and search them)",
    SCOPE_WRITE: "Change your tasks (add, edit, complete, delete and undo)",
}

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class PageError(Exception):
    """A problem shown to the person on a page (never sent to a redirect URI)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


class RedirectError(Exception):
    """A problem sent back to the client's (registered) redirect URI."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error, self.description = error, description


# ---------------------------------------------------------------- pages


def _page(
    template: str, status: int = 200, *, form_target: str | None = None, cookie: str | None = None, secure: bool = False, **values: Any
) -> Response:
    nonce = secrets.token_urlsafe(16)
    html = _templates.get_template(template).render(nonce=nonce, **values)
    # form-action names the app's origin too: browsers apply it to the redirect after the form posts.
    form_action = "'self'" + (f" {form_target}" if form_target else "")
    headers = {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self'; form-action {form_action}; "
            "frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
    response = HTMLResponse(html, status_code=status, headers=headers)
    if cookie is not None:
        response.set_cookie(
            CSRF_COOKIE,
            cookie,
            max_age=int(TICKET_LIFETIME.total_seconds()),
            path="/oauth",
            httponly=True,
            samesite="strict",
            secure=secure,
        )
    return response


def _error_page(exc: PageError) -> Response:
    return _page("error.html", exc.status, title=exc.title, message=exc.message)


def _app_name(client_name: str | None) -> str:
    return client_name or "An app that did not give its name"


# ---------------------------------------------------------------- tickets


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _ticket(issuer: Issuer, request: dict[str, Any], csrf: str, user_id: str | None = None) -> str:
    now = datetime.now(UTC)
    claims = {
        "aud": TICKET_AUDIENCE,
        "iss": issuer.issuer,
        "iat": now,
        "exp": now + TICKET_LIFETIME,
        "csrf": _hash(csrf),
        "req": request,
    }
    if user_id is not None:
        claims["uid"] = user_id
    return jwt.encode(claims, issuer.secret, algorithm=ALGORITHM, headers={"typ": "oauth-ticket"})


def _read_ticket(issuer: Issuer, ticket: str, csrf: str | None) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            ticket, issuer.secret, algorithms=[ALGORITHM], audience=TICKET_AUDIENCE, issuer=issuer.issuer, options={"require": ["exp"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise PageError(400, "This page has expired", "Sign-in pages last 10 minutes. Go back to the app and connect again.") from exc
    except jwt.PyJWTError as exc:
        raise PageError(400, "This request can't be read", "Go back to the app and connect again.") from exc
    if not csrf or not secrets.compare_digest(_hash(csrf), str(claims.get("csrf", ""))):
        raise PageError(
            403,
            "This form was not sent from this browser's sign-in page",
            "For your safety nothing was done. Go back to the app and connect again (cookies must be allowed for this site).",
        )
    if not isinstance(claims.get("req"), dict):
        raise PageError(400, "This request can't be read", "Go back to the app and connect again.")
    return claims


# ---------------------------------------------------------------- the request


async def _validated(request: Request, params: dict[str, str]) -> dict[str, Any]:
    """The authorization request's values, checked; PageError before the redirect URI is known
    to be registered, RedirectError after."""
    settings, db, _ = state(request)
    issuer = issuer_for(request)
    client_id = params.get("client_id", "")
    client = await oauth.get_client(db, client_id, settings.oauth_unused_client_hours) if client_id else None
    if client is None:
        raise PageError(
            400, "Unknown app", "The app that sent you here is not registered (or its registration expired). Go back and connect it again."
        )
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_uri:
        raise PageError(400, "The app's request is incomplete", "It did not say where to send the answer (redirect_uri).")
    if not oauth.redirect_uri_matches(client.redirect_uris, redirect_uri):
        raise PageError(
            400,
            "The app's address is not registered",
            "The app asked for the answer to go to an address it did not register, so nothing is sent there.",
        )
    ticket = {"client_id": client.client_id, "redirect_uri": redirect_uri, "state": params.get("state")}
    if (state_value := params.get("state")) is not None and len(state_value) > STATE_MAX:
        raise RedirectError("invalid_request", f"state is longer than {STATE_MAX} characters")
    if params.get("response_type") != "code":
        raise RedirectError("unsupported_response_type", "response_type must be 'code'")
    challenge = params.get("code_challenge")
    if not challenge:
        raise RedirectError("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256")
    if params.get("code_challenge_method") != "S256":
        raise RedirectError("invalid_request", "code_challenge_method must be S256 ('plain' and a missing method are not accepted)")
    if not CHALLENGE.match(challenge):
        raise RedirectError("invalid_request", "code_challenge must be the 43-character base64url SHA-256 of the code_verifier")
    registered = set(client.scope.split())
    asked = params.get("scope")
    scopes = set(asked.split()) if asked is not None else registered
    if not scopes or not scopes <= registered:
        unknown = " ".join(sorted(scopes - registered))[:100] or "(none)"
        raise RedirectError("invalid_scope", f"scope must be among {client.scope}; not: {unknown}")
    resource = params.get("resource")
    if resource is not None and resource != issuer.resource:
        raise RedirectError("invalid_target", f"resource must be {issuer.resource}")
    return ticket | {
        "scope": oauth.scope_text(scopes),
        "code_challenge": challenge,
        "resource": resource,
        "client_name": client.client_name,
    }


def _params(items: list[tuple[str, Any]]) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in items:
        if not isinstance(value, str) or len(value) > FIELD_MAX or "\x00" in value:
            raise PageError(400, "The app's request can't be read", f"'{key[:40]}' is not text of at most {FIELD_MAX} characters.")
        if key in params:
            raise PageError(400, "The app's request can't be read", f"'{key[:40]}' is given more than once.")
        params[key] = value
    return params


def _back(issuer: Issuer, req: dict[str, Any], **values: str | None) -> Response:
    url = construct_redirect_uri(req["redirect_uri"], **values, state=req.get("state"), iss=issuer.issuer)
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _origin(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"


# ---------------------------------------------------------------- endpoints


async def authorize(request: Request) -> Response:
    try:
        if request.method in ("GET", "HEAD"):
            return await _start(request)
        return await _post(request)
    except PageError as exc:
        return _error_page(exc)


async def _start(request: Request) -> Response:
    issuer = issuer_for(request)
    params = _params(list(request.query_params.multi_items()))
    try:
        req = await _validated(request, params)
    except RedirectError as exc:
        req = {"redirect_uri": params["redirect_uri"], "state": params.get("state")}
        return _back(issuer, req, error=exc.error, error_description=exc.description)
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    return _signin_page(issuer, req, csrf, cookie=csrf)


def _signin_page(
    issuer: Issuer,
    req: dict[str, Any],
    csrf: str,
    *,
    status: int = 200,
    error: str | None = None,
    email: str = "",
    cookie: str | None = None,
) -> Response:
    return _page(
        "signin.html",
        status,
        cookie=cookie,
        secure=issuer.issuer.startswith("https://"),
        app_name=_app_name(req.get("client_name")),
        redirect_host=urlsplit(req["redirect_uri"]).netloc,
        ticket=_ticket(issuer, req, csrf),
        error=error,
        email=email,
    )


async def _post(request: Request) -> Response:
    issuer = issuer_for(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise PageError(415, "This form can't be read", "Send it from the sign-in page.")
    try:
        form = await request.form()
        fields = _params(list(form.multi_items()))
    except PageError:
        raise
    except HTTPException as exc:  # over the body limit (interfaces/http/limits.py)
        raise PageError(exc.status_code, "This form is too large", str(exc.detail)) from exc
    except Exception as exc:
        raise PageError(400, "This form can't be read", "Send it from the sign-in page.") from exc
    csrf = request.cookies.get(CSRF_COOKIE)
    claims = _read_ticket(issuer, fields.get("ticket", ""), csrf)
    req: dict[str, Any] = claims["req"]
    assert csrf is not None  # _read_ticket checked it
    settings, db, _ = state(request)
    client = await oauth.get_client(db, str(req.get("client_id", "")), settings.oauth_unused_client_hours)
    if client is None or not oauth.redirect_uri_matches(client.redirect_uris, str(req.get("redirect_uri", ""))):
        raise PageError(400, "Unknown app", "The app's registration is gone. Go back to the app and connect it again.")
    step = fields.get("step")
    if step == "signin":
        return await _signin(request, issuer, req, csrf, fields)
    if step == "consent":
        return await _consent(request, issuer, req, claims, fields, client)
    raise PageError(400, "This form can't be read", "Send it from the sign-in page.")


async def _signin(request: Request, issuer: Issuer, req: dict[str, Any], csrf: str, fields: dict[str, str]) -> Response:
    _, db, throttle = state(request)
    email, password = fields.get("email", "").strip(), fields.get("password", "")
    if not email or not password:
        return _signin_page(issuer, req, csrf, status=400, error="Enter your email and password.", email=email)
    if len(email) > 320 or len(password) > 128:
        return _signin_page(issuer, req, csrf, status=400, error="Wrong email or password.", email="")
    email, where = users.normalise_email(email), address(request)
    try:
        await throttle.check_login(email, where)
    except Throttled as exc:
        page = _signin_page(issuer, req, csrf, status=429, error=exc.message + ".", email=email)
        page.headers["Retry-After"] = str(exc.retry_after)  # as the app's own sign-in says it
        return page
    user = await users.authenticate(db, email, password)
    if user is None:
        await throttle.login_failed(email, where)
        return _signin_page(issuer, req, csrf, status=401, error="Wrong email or password.", email=email)
    await throttle.login_succeeded(email)
    return _consent_page(issuer, req, csrf, user)


def _consent_page(issuer: Issuer, req: dict[str, Any], csrf: str, user: User) -> Response:
    scopes = [s for s in SCOPES if s in req["scope"].split()]
    return _page(
        "consent.html",
        form_target=_origin(req["redirect_uri"]),
        app_name=_app_name(req.get("client_name")),
        named=bool(req.get("client_name")),
        redirect_host=urlsplit(req["redirect_uri"]).netloc,
        scopes=[(s, SCOPE_WORDS[s]) for s in scopes],
        email=user.email,
        ticket=_ticket(issuer, req, csrf, user.id),
    )


async def _consent(
    request: Request, issuer: Issuer, req: dict[str, Any], claims: dict[str, Any], fields: dict[str, str], client: Any
) -> Response:
    _, db, _ = state(request)
    user_id = claims.get("uid")
    if not isinstance(user_id, str) or not await users.account_exists(db, user_id):
        raise PageError(400, "You are not signed in", "Go back to the app and connect again.")
    decision = fields.get("decision")
    if decision == "deny":
        return _back(issuer, req, error="access_denied", error_description="The person denied access")
    if decision != "allow":
        raise PageError(400, "This form can't be read", "Choose Allow or Deny.")
    code = await oauth.issue_code(db, client, user_id, req["redirect_uri"], req["code_challenge"], req["scope"], req.get("resource"))
    return _back(issuer, req, code=code)
