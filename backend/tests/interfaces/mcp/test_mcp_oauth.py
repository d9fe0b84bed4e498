"""Remote MCP with OAuth, as outside clients meet it: the MCP SDK's own OAuth client does the
whole flow against a running server (discovery, registration, our sign-in and consent pages
driven over plain HTTP, token, tool calls, refresh), and raw HTTP tries every refusal."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from tests.conftest import PASSWORD, Api, create_app, free_port, make_settings, running
from todo_chatbot.services import oauth as oauth_service

CALLBACK = "http://127.0.0.1:47123/callback"
ACCEPT = {"Accept": "application/json, text/event-stream"}


@pytest.fixture(scope="module")
def server(database_url) -> Iterator[str]:
    """A server whose PUBLIC_URL is its own address, as the issuer and the resource must be."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(make_settings(database_url, public_url=base + "/"), migrate_on_start=True)
    with running(app, port) as url:
        assert url == base
        yield url


@pytest.fixture
def person(server) -> Api:
    return Api(server)


# ---------------------------------------------------------------- a browser, as plain HTTP


class Forms(HTMLParser):
    """The forms of a page: each one's fields (hidden and text inputs) and submit buttons."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action"), "method": a.get("method"), "fields": {}, "buttons": []})
        elif tag == "input" and self.forms:
            self.forms[-1]["fields"][a.get("name")] = a.get("value", "")
        elif tag == "button" and self.forms:
            self.forms[-1]["buttons"].append((a.get("name"), a.get("value")))


def form_of(page: httpx.Response) -> dict:
    [form] = Forms(page.text).forms
    assert form["method"] == "post" and form["action"] == "/oauth/authorize"
    return form


class Browser:
    """Signs in and answers the consent page like a person, without JavaScript."""

    def __init__(self, base: str, email: str, password: str = PASSWORD, decision: str = "allow") -> None:
        self.http = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
        self.email, self.password, self.decision = email, password, decision
        self.pages: list[httpx.Response] = []

    def consent_page(self, url: str) -> httpx.Response:
        start = self.http.get(url)
        assert start.status_code == 200, start.text
        self.pages.append(start)
        fields = form_of(start)["fields"]
        consent = self.http.post("/oauth/authorize", data=fields | {"email": self.email, "password": self.password})
        assert consent.status_code == 200, consent.text
        self.pages.append(consent)
        return consent

    def authorize(self, url: str) -> httpx.Response:
        """The answer to Allow (or Deny): a redirect to the app."""
        consent = self.consent_page(url)
        form = form_of(consent)
        assert ("decision", "allow") in form["buttons"] and ("decision", "deny") in form["buttons"]
        return self.http.post("/oauth/authorize", data=form["fields"] | {"decision": self.decision})


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query, keep_blank_values=True).items()}


# ---------------------------------------------------------------- the SDK's OAuth client


class MemoryStorage:
    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


class SdkClient:
    """The MCP SDK's OAuthClientProvider, its browser step done by `Browser`."""

    def __init__(self, server: str, person: Api, scope: str | None = None) -> None:
        self.server, self.storage, self.browser = server, MemoryStorage(), Browser(server, person.email)
        self.result: AuthorizationCodeResult | None = None
        self.authorizations = 0
        self.provider = OAuthClientProvider(
            server_url=f"{server}/mcp",
            client_metadata=OAuthClientMetadata(
                client_name="SDK test client",
                redirect_uris=[CALLBACK],
                grant_types=["authorization_code", "refresh_token"],
                response_types=["code"],
                token_endpoint_auth_method="none",
                scope=scope,
            ),
            storage=self.storage,
            redirect_handler=self.redirect,
            callback_handler=self.callback,
        )

    async def redirect(self, url: str) -> None:
        self.authorizations += 1
        answer = self.browser.authorize(url)
        assert answer.status_code == 302, answer.text
        assert answer.headers["location"].startswith(CALLBACK + "?")
        got = query(answer.headers["location"])
        self.result = AuthorizationCodeResult(code=got["code"], state=got.get("state"), iss=got.get("iss"))

    async def callback(self) -> AuthorizationCodeResult:
        assert self.result is not None
        return self.result

    def client(self) -> Client:
        http = httpx2.AsyncClient(auth=self.provider, timeout=30)
        return Client(streamable_http_client(f"{self.server}/mcp", http_client=http), cache=None)


async def test_the_sdk_oauth_client_connects_by_url_alone(server, person):
    sdk = SdkClient(server, person)
    async with sdk.client() as client:
        added = await client.call_tool("add_task", {"title": "Added over OAuth"})
        assert added.structured_content["status"] == "created"
        listed = await client.call_tool("list_tasks", {})
        assert [t["title"] for t in listed.structured_content["result"]] == ["Added over OAuth"]
    assert sdk.authorizations == 1
    assert person.titles() == ["Added over OAuth"]  # the person who approved it, through the REST API
    tokens = sdk.storage.tokens
    assert tokens is not None and tokens.refresh_token and tokens.expires_in == 3600
    assert set(tokens.scope.split()) == {"tasks:read", "tasks:write"}
    # what the person saw: the app's name, where its answers go, the scopes in words
    consent = sdk.browser.pages[-1].text
    assert "SDK test client" in consent and "127.0.0.1:47123" in consent
    assert "See your tasks" in consent and "Change your tasks" in consent and person.email in consent

    # the access token expires: the client refreshes, and the refresh token rotates
    first = tokens
    sdk.provider.context.token_expiry_time = time.time() - 1
    async with sdk.client() as client:
        await client.call_tool("add_task", {"title": "After a refresh"})
    second = sdk.storage.tokens
    assert second is not None and sdk.authorizations == 1
    assert second.access_token != first.access_token and second.refresh_token != first.refresh_token
    assert person.titles() == ["Added over OAuth", "After a refresh"]

    # the used refresh token comes back (copied by someone else): the whole family is revoked
    client_id = sdk.storage.client_info.client_id
    reuse = httpx.post(
        f"{server}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": first.refresh_token, "client_id": client_id}
    )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    assert "already used" in reuse.json()["error_description"]
    assert mcp_call(server, second.access_token, "list_tasks").status_code == 401
    latest = httpx.post(
        f"{server}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": second.refresh_token, "client_id": client_id}
    )
    assert latest.status_code == 400 and latest.json()["error"] == "invalid_grant"

    # refused, the SDK client sends the person through the sign-in again and goes on
    async with sdk.client() as client:
        await client.call_tool("list_tasks", {})
    assert sdk.authorizations == 2
    # revoked by the client itself (RFC 7009, as an app's "sign out" does): its tokens stop at once
    third = sdk.storage.tokens
    revoked = httpx.post(f"{server}/oauth/revoke", data={"token": third.refresh_token, "client_id": client_id})
    assert revoked.status_code == 200
    assert mcp_call(server, third.access_token, "list_tasks").status_code == 401


async def test_a_read_token_is_challenged_for_more_and_the_sdk_steps_up(server, person):
    """A tasks:read token lists; a write tool answers the scope challenge and changes nothing;
    the SDK client then asks the person again (step-up) and the call goes through."""
    person.add("Existing")
    flow = Flow(server, person)
    read = flow.tokens(scope="tasks:read")
    assert read["scope"] == "tasks:read"

    r = mcp_call(server, read["access_token"], "add_task", {"title": "Should not exist"})
    assert r.status_code == 403
    assert r.headers["www-authenticate"].startswith('Bearer error="insufficient_scope", scope="tasks:read tasks:write"')
    assert f'resource_metadata="{server}/.well-known/oauth-protected-resource/mcp"' in r.headers["www-authenticate"]
    assert "tasks:write" in r.json()["detail"]
    assert person.titles() == ["Existing"]

    # the SDK client holding that registration and read token
    sdk = SdkClient(server, person)
    sdk.storage.client_info = OAuthClientInformationFull.model_validate(flow.registration)
    sdk.storage.tokens = OAuthToken.model_validate(read)
    async with sdk.client() as client:
        listed = await client.call_tool("list_tasks", {})
        assert [t["title"] for t in listed.structured_content["result"]] == ["Existing"]
        assert sdk.authorizations == 0
        await client.call_tool("add_task", {"title": "After step-up"})  # 403, then the SDK authorizes again
    assert sdk.authorizations == 1 and set(sdk.storage.tokens.scope.split()) == {"tasks:read", "tasks:write"}
    assert person.titles() == ["Existing", "After step-up"]


# ---------------------------------------------------------------- the MCP Inspector's command line

# The Inspector CLI (npm @modelcontextprotocol/inspector, on the Node.js it needs), installed by
# scripts/ci/mcp-inspector.sh; scripts/test.sh runs this test with MCP_INSPECTOR_BIN set to it.
INSPECTOR = os.environ.get("MCP_INSPECTOR_BIN", "")


class Inspector:
    """`mcp-inspector --cli` against the server, its OAuth state kept in a home of its own. When it
    needs a sign-in it prints the authorization URL (no browser here): `Browser` answers the pages,
    and the redirect goes to the Inspector's own callback listener."""

    def __init__(self, server: str, home: Path) -> None:
        self.server, self.callback = server, f"http://127.0.0.1:{free_port()}/oauth/callback"
        bin_dir = str(Path(INSPECTOR).parent)
        self.env = {
            "PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}",  # its Node.js first
            "HOME": str(home),
            "MCP_INSPECTOR_SECRET_STORE": "file",  # tokens kept in HOME between runs, like a person's
            "MCP_AUTO_OPEN_ENABLED": "true",  # sign in without a terminal: print the URL ...
            "BROWSER": "true",  # ... and open no browser
        }

    def start(self, *args: str) -> subprocess.Popen[str]:
        command = [INSPECTOR, "--cli", f"{self.server}/mcp", *args, "--format", "json", "--callback-url", self.callback]
        return subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self, process: subprocess.Popen[str], stderr: str = "") -> tuple[int, dict, str]:
        out, err = process.communicate(timeout=120)
        return process.returncode, json.loads(out or "{}"), stderr + err

    def run(self, *args: str) -> tuple[int, dict, str]:
        return self.finish(self.start("--stored-auth-only", *args))

    def run_signing_in(self, browser: Browser, *args: str) -> tuple[int, dict, str]:
        process = self.start(*args)
        watchdog = threading.Timer(120, process.kill)  # a client that never asks can't hang the suite
        watchdog.start()
        try:
            seen = ""
            assert process.stderr is not None
            for line in process.stderr:
                seen += line
                if found := re.search(r"(http\S+/oauth/authorize\?\S+)", line):
                    answer = browser.authorize(found.group(1))
                    assert answer.status_code == 302, answer.text
                    assert answer.headers["location"].startswith(self.callback + "?")
                    assert httpx.get(answer.headers["location"]).status_code == 200  # the Inspector's listener
                    break
            else:
                pytest.fail(f"the Inspector asked for no sign-in: {seen}")
            return self.finish(process, seen)
        finally:
            watchdog.cancel()


@pytest.mark.skipif(not INSPECTOR, reason="the MCP Inspector is not installed: scripts/test.sh runs this with MCP_INSPECTOR_BIN")
def test_the_mcp_inspector_cli_signs_in_by_oauth_and_calls_tools(server, person, tmp_path):
    """The Inspector CLI gets its own token by the whole flow (discovery, registration, the person
    allowing it on our pages, the code exchange), calls tools with it in later runs, and is refused
    once the person disconnects it under "Connected apps"."""
    assert Path(INSPECTOR).is_file(), f"MCP_INSPECTOR_BIN={INSPECTOR} does not exist"
    person.add("Seen by the Inspector")
    inspector = Inspector(server, tmp_path)

    code, answer, err = inspector.run_signing_in(Browser(server, person.email), "--method", "tools/call", "--tool-name", "list_tasks")
    assert code == 0, (answer, err)
    assert [t["title"] for t in answer["result"]["structuredContent"]["result"]] == ["Seen by the Inspector"]
    [app] = person.http.get(f"/api/{person.id}/connected-apps").json()
    assert app["client_name"] == "MCP Inspector" and app["redirect_hosts"] == [urlsplit(inspector.callback).netloc]
    assert app["scopes"] == ["tasks:read", "tasks:write"]

    # a later run uses the token it keeps, without asking anyone
    code, answer, err = inspector.run("--method", "tools/call", "--tool-name", "add_task", "--tool-arg", "title=Added by the Inspector")
    assert code == 0, (answer, err)
    assert answer["result"]["structuredContent"]["status"] == "created"
    assert person.titles() == ["Seen by the Inspector", "Added by the Inspector"]
    code, answer, err = inspector.run("--method", "tools/list")
    assert code == 0 and "complete_task" in {t["name"] for t in answer["result"]["tools"]}, (answer, err)

    # disconnected by the person: the token it holds (and its refresh token) no longer works
    assert person.http.delete(f"/api/{person.id}/connected-apps/{app['client_id']}").status_code == 204
    code, answer, err = inspector.run("--method", "tools/call", "--tool-name", "add_task", "--tool-arg", "title=After the disconnect")
    assert code == 3, (answer, err)  # the Inspector's "auth required": its tokens were refused, and it may not ask again
    assert person.titles() == ["Seen by the Inspector", "Added by the Inspector"]


# ---------------------------------------------------------------- discovery


def test_discovery_documents(server):
    root = httpx.get(f"{server}/.well-known/oauth-protected-resource")
    under_mcp = httpx.get(f"{server}/.well-known/oauth-protected-resource/mcp")
    assert root.status_code == under_mcp.status_code == 200 and root.json() == under_mcp.json()
    prm = root.json()
    assert prm["resource"] == f"{server}/mcp"
    assert prm["authorization_servers"] == [server]
    assert prm["scopes_supported"] == ["tasks:read", "tasks:write"]
    assert prm["bearer_methods_supported"] == ["header"]
    asm = httpx.get(f"{server}/.well-known/oauth-authorization-server").json()
    assert asm["issuer"] == prm["authorization_servers"][0]  # character for character
    assert asm["authorization_endpoint"] == f"{server}/oauth/authorize"
    assert asm["token_endpoint"] == f"{server}/oauth/token"
    assert asm["registration_endpoint"] == f"{server}/oauth/register"
    assert asm["revocation_endpoint"] == f"{server}/oauth/revoke"
    assert asm["code_challenge_methods_supported"] == ["S256"]
    assert asm["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert asm["response_types_supported"] == ["code"]
    assert asm["token_endpoint_auth_methods_supported"] == ["none"]
    assert asm["scopes_supported"] == ["tasks:read", "tasks:write"]
    # browsers (the Inspector's web page) may read them from anywhere
    cors = httpx.get(f"{server}/.well-known/oauth-authorization-server", headers={"Origin": "http://localhost:6274"})
    assert cors.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("token", [None, "not-a-token", "tdp_unknown"])
def test_every_401_from_mcp_names_the_resource_metadata(server, token):
    r = mcp_call(server, token, "list_tasks")
    assert r.status_code == 401
    challenge = r.headers["www-authenticate"]
    assert challenge.startswith("Bearer ") and f'resource_metadata="{server}/.well-known/oauth-protected-resource/mcp"' in challenge
    if token is None:
        assert challenge == f'Bearer resource_metadata="{server}/.well-known/oauth-protected-resource/mcp"'
    else:
        assert 'error="invalid_token"' in challenge


# ---------------------------------------------------------------- by hand: registration


def register(server: str, redirect_uris: list[str] | None = None, **extra) -> httpx.Response:
    body = {"client_name": "Hand-made client", "redirect_uris": redirect_uris or [CALLBACK]} | extra
    return httpx.post(f"{server}/oauth/register", json=body)


def test_registration_answers_what_was_registered(server):
    r = register(server, ["https://app.example/cb", "http://localhost:9999/cb", "http://[::1]/cb"])
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["client_id"] and "client_secret" not in body
    assert body["redirect_uris"] == ["https://app.example/cb", "http://localhost:9999/cb", "http://[::1]/cb"]
    assert body["grant_types"] == ["authorization_code", "refresh_token"]
    assert body["scope"] == "tasks:read tasks:write"
    assert body["token_endpoint_auth_method"] == "none"
    asked_secret = register(server, token_endpoint_auth_method="client_secret_post").json()
    assert asked_secret["token_endpoint_auth_method"] == "none" and "client_secret" not in asked_secret


@pytest.mark.parametrize(
    ("body", "error", "words"),
    [
        ({"redirect_uris": ["http://evil.example/cb"]}, "invalid_redirect_uri", "https"),
        ({"redirect_uris": ["https://app.example/cb#frag"]}, "invalid_redirect_uri", "fragment"),
        ({"redirect_uris": ["myapp:/cb"]}, "invalid_redirect_uri", "https"),
        ({"redirect_uris": []}, "invalid_redirect_uri", "redirect_uris"),
        ({"client_name": "x"}, "invalid_redirect_uri", "redirect_uris"),
        ({"redirect_uris": [CALLBACK], "scope": "tasks:read admin"}, "invalid_client_metadata", "admin"),
        ({"redirect_uris": [CALLBACK], "grant_types": ["client_credentials"]}, "invalid_client_metadata", "authorization_code"),
        ({"redirect_uris": [CALLBACK], "grant_types": ["authorization_code", "password"]}, "invalid_client_metadata", "password"),
        ({"redirect_uris": [CALLBACK], "client_name": "a\u202eb"}, "invalid_client_metadata", "client_name"),
        ([1, 2], "invalid_client_metadata", "object"),
    ],
)
def test_registration_refusals_name_the_problem(server, body, error, words):
    r = httpx.post(f"{server}/oauth/register", json=body)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == error and words in r.json()["error_description"]
    assert "detail" not in r.json()


def test_registration_needs_json(server):
    r = httpx.post(f"{server}/oauth/register", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "invalid_request"
    r = httpx.post(f"{server}/oauth/register", data={"redirect_uris": CALLBACK})
    assert r.status_code == 400 and r.json()["error"] == "invalid_request"
    huge = httpx.post(f"{server}/oauth/register", json={"redirect_uris": [CALLBACK], "client_name": "x" * 100_000})
    assert huge.status_code == 413 and huge.json()["error"] == "invalid_request"


def test_registrations_are_rate_limited(database_url):
    # from an address of its own: the counts are kept in the database every test server shares
    here = {"X-Forwarded-For": f"198.51.100.{secrets.randbelow(250) + 1}"}
    app = create_app(make_settings(database_url, oauth_registrations_per_address=2), migrate_on_start=False)
    with running(app) as url:
        body = {"client_name": "Hand-made client", "redirect_uris": [CALLBACK]}
        assert [httpx.post(f"{url}/oauth/register", json=body, headers=here).status_code for _ in range(2)] == [201, 201]
        third = httpx.post(f"{url}/oauth/register", json=body, headers=here)
    assert third.status_code == 429 and third.json()["error"] == "temporarily_unavailable"
    assert int(third.headers["retry-after"]) > 0


def test_unused_registrations_expire(server, monkeypatch):
    client_id = register(server).json()["client_id"]
    later = oauth_service._now() + timedelta(hours=25)
    monkeypatch.setattr(oauth_service, "_now", lambda: later)
    r = httpx.get(f"{server}/oauth/authorize", params=authorize_params(client_id, "c" * 43))
    assert r.status_code == 400 and "Unknown app" in r.text


# ---------------------------------------------------------------- by hand: authorization


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def authorize_params(client_id: str, challenge: str, redirect_uri: str = CALLBACK, **extra) -> dict:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "st-1",
    }
    return {k: v for k, v in (params | extra).items() if v is not None}


class Flow:
    """One client's way through by hand: register, authorize, exchange."""

    def __init__(self, server: str, person: Api, redirect_uris: list[str] | None = None, scope: str | None = None) -> None:
        self.server, self.person = server, person
        extra = {"scope": scope} if scope else {}
        self.registration = register(server, redirect_uris, **extra).json()
        self.client_id = self.registration["client_id"]
        self.verifier, self.challenge = pkce()

    def url(self, **params) -> str:
        return f"{self.server}/oauth/authorize?" + urlencode(authorize_params(self.client_id, self.challenge, **params))

    def code(self, redirect_uri: str = CALLBACK, **params) -> str:
        answer = Browser(self.server, self.person.email).authorize(self.url(redirect_uri=redirect_uri, **params))
        assert answer.status_code == 302, answer.text
        got = query(answer.headers["location"])
        assert got["state"] == params.get("state", "st-1") and got["iss"] == self.server
        return got["code"]

    def exchange(self, code: str, redirect_uri: str = CALLBACK, verifier: str | None = None, **extra) -> httpx.Response:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": verifier or self.verifier,
        } | extra
        return httpx.post(f"{self.server}/oauth/token", data={k: v for k, v in data.items() if v is not None})

    def tokens(self, **params) -> dict:
        r = self.exchange(self.code(**params))
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        return r.json()


def mcp_call(server: str, token: str | None, tool: str, arguments: dict | None = None) -> httpx.Response:
    headers = ACCEPT | ({"Authorization": f"Bearer {token}"} if token else {})
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": tool, "arguments": arguments or {}}}
    return httpx.post(f"{server}/mcp", headers=headers, json=body)


def test_the_pages_work_without_javascript_and_cannot_be_framed(server, person):
    flow = Flow(server, person)
    browser = Browser(server, person.email)
    browser.consent_page(flow.url())
    for page in browser.pages:
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
        assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
        assert "<script" not in page.text
    assert "http://127.0.0.1:47123" in browser.pages[-1].headers["content-security-policy"]  # form-action: the app's origin
    cookie = browser.http.cookies.jar
    [csrf] = [c for c in cookie if c.name == "oauth_csrf"]
    assert csrf.path == "/oauth" and csrf.has_nonstandard_attr("HttpOnly")


def test_state_comes_back_untouched(server, person):
    flow = Flow(server, person)
    odd = "a b&c=d/é?%20+" + "x" * 300
    assert flow.code(state=odd)


def test_deny_tells_the_app(server, person):
    flow = Flow(server, person)
    answer = Browser(server, person.email, decision="deny").authorize(flow.url())
    assert answer.status_code == 302
    got = query(answer.headers["location"])
    assert answer.headers["location"].startswith(CALLBACK) and got["error"] == "access_denied" and got["state"] == "st-1"
    assert "code" not in got


def test_a_loopback_redirect_matches_with_any_port(server, person):
    flow = Flow(server, person)
    other_port = "http://127.0.0.1:51999/callback"
    code = flow.code(redirect_uri=other_port)
    assert flow.exchange(code, redirect_uri=other_port).status_code == 200


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/callback",
        "http://127.0.0.1:47123/other",
        "http://evil.example:47123/callback",
        "http://localhost:47123/callback",
        None,
    ],
)
def test_an_unregistered_redirect_uri_is_never_redirected_to(server, person, redirect_uri):
    flow = Flow(server, person)
    params = authorize_params(flow.client_id, flow.challenge, redirect_uri=redirect_uri)
    for bad in ({}, {"code_challenge_method": "plain"}, {"response_type": "token"}):  # even with other problems too
        r = httpx.get(f"{server}/oauth/authorize", params=params | bad)
        assert 400 <= r.status_code < 500 and "location" not in r.headers
        assert r.headers["content-type"].startswith("text/html") and "Traceback" not in r.text


def test_an_unknown_client_gets_a_page(server):
    r = httpx.get(f"{server}/oauth/authorize", params=authorize_params("no-such-client", "c" * 43))
    assert r.status_code == 400 and "location" not in r.headers and "Unknown app" in r.text


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request", "S256"),
        ({"code_challenge_method": None}, "invalid_request", "S256"),
        ({"code_challenge": None}, "invalid_request", "PKCE"),
        ({"code_challenge": "short"}, "invalid_request", "code_challenge"),
        ({"response_type": "token"}, "unsupported_response_type", "code"),
        ({"scope": "tasks:admin"}, "invalid_scope", "tasks:admin"),
        ({"resource": "https://other.example/mcp"}, "invalid_target", "/mcp"),
    ],
)
def test_bad_authorization_requests_go_back_to_the_app(server, person, change, error, words):
    flow = Flow(server, person)
    r_params = authorize_params(flow.client_id, flow.challenge, **change)
    r = httpx.get(f"{server}/oauth/authorize", params=r_params)
    assert r.status_code == 302 and r.headers["location"].startswith(CALLBACK + "?")
    got = query(r.headers["location"])
    assert got["error"] == error and words in got["error_description"] and got["state"] == "st-1" and got["iss"] == server


def test_a_read_only_client_cannot_ask_for_more(server, person):
    flow = Flow(server, person, scope="tasks:read")
    r = httpx.get(flow.url(scope="tasks:read tasks:write"))
    assert r.status_code == 302 and query(r.headers["location"])["error"] == "invalid_scope"


def test_a_wrong_password_gets_no_code(server, person):
    flow = Flow(server, person)
    browser = Browser(server, person.email)
    start = browser.http.get(flow.url())
    r = browser.http.post("/oauth/authorize", data=form_of(start)["fields"] | {"email": person.email, "password": "wrong password"})
    assert r.status_code == 401 and "Wrong email or password" in r.text and "location" not in r.headers
    assert form_of(r)["fields"]["step"] == "signin"  # the form again, to try once more


def test_a_consent_form_from_another_browser_is_refused(server, person):
    """CSRF: the consent form, posted without this browser's cookie (a page on another site
    submitting it) or with another browser's, does nothing."""
    flow = Flow(server, person)
    victim = Browser(server, person.email)
    consent = form_of(victim.consent_page(flow.url()))["fields"] | {"decision": "allow"}
    no_cookie = httpx.post(f"{server}/oauth/authorize", data=consent)
    attacker = Browser(server, person.email)
    attacker.http.get(flow.url())  # has a cookie of its own
    other_cookie = attacker.http.post("/oauth/authorize", data=consent)
    for r in (no_cookie, other_cookie):
        assert r.status_code == 403 and "location" not in r.headers and "nothing was done" in r.text
    forged = victim.http.post("/oauth/authorize", data=consent | {"ticket": consent["ticket"][:-4] + "AAAA"})
    assert forged.status_code == 400 and "location" not in forged.headers
    assert victim.http.post("/oauth/authorize", data=consent).status_code == 302  # the real one still works


def test_a_signin_ticket_does_not_skip_the_password(server, person):
    """The sign-in page's ticket names no person: posting it as a consent does nothing."""
    flow = Flow(server, person)
    browser = Browser(server, person.email)
    fields = form_of(browser.http.get(flow.url()))["fields"]
    r = browser.http.post("/oauth/authorize", data=fields | {"step": "consent", "decision": "allow"})
    assert r.status_code == 400 and "location" not in r.headers


# ---------------------------------------------------------------- by hand: tokens


def test_tokens_work_at_mcp_and_nowhere_else(server, person):
    flow = Flow(server, person)
    tokens = flow.tokens()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] <= 3600 and tokens["scope"] == "tasks:read tasks:write"
    assert mcp_call(server, tokens["access_token"], "add_task", {"title": "via token"}).status_code == 200
    assert person.titles() == ["via token"]
    rest = httpx.get(f"{server}/api/{person.id}/tasks", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert rest.status_code == 401 and "/mcp only" in rest.json()["detail"]
    me = httpx.get(f"{server}/api/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 401


def test_a_code_works_once_and_a_second_try_revokes_what_it_gave(server, person):
    flow = Flow(server, person)
    code = flow.code()
    first = flow.exchange(code)
    assert first.status_code == 200
    again = flow.exchange(code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant" and "already used" in again.json()["error_description"]
    assert mcp_call(server, first.json()["access_token"], "list_tasks").status_code == 401


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"verifier": "w" * 50}, "invalid_grant", "code_verifier"),
        ({"verifier": "short"}, "invalid_request", "code_verifier"),
        ({"redirect_uri": "http://127.0.0.1:47123/elsewhere"}, "invalid_grant", "redirect_uri"),
        ({"redirect_uri": None}, "invalid_request", "redirect_uri"),
        ({"resource": "https://other.example/mcp"}, "invalid_target", "resource"),
        ({"client_id": "someone-else"}, "invalid_client", "client_id"),
        ({"code_verifier": ""}, "invalid_request", "code_verifier"),
    ],
)
def test_bad_code_exchanges(server, person, change, error, words):
    flow = Flow(server, person)
    code = flow.code()
    r = flow.exchange(code, **change)
    assert r.status_code in (400, 401) and r.json()["error"] == error and words in r.json()["error_description"], r.text
    assert "detail" not in r.json()


def test_the_resource_may_be_named(server, person):
    flow = Flow(server, person)
    code = flow.code(resource=f"{server}/mcp")
    assert flow.exchange(code, resource=f"{server}/mcp").status_code == 200


def test_an_expired_code_is_refused(server, person, monkeypatch):
    flow = Flow(server, person)
    code = flow.code()
    later = oauth_service._now() + timedelta(minutes=11)
    monkeypatch.setattr(oauth_service, "_now", lambda: later)
    r = flow.exchange(code)
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant" and "expired" in r.json()["error_description"]


def test_an_expired_access_token_is_refused(server, person, monkeypatch):
    flow = Flow(server, person)
    code = flow.code()
    earlier = oauth_service._now() - timedelta(minutes=61)
    monkeypatch.setattr(oauth_service, "_now", lambda: earlier)
    tokens = flow.exchange(code).json()
    monkeypatch.undo()
    r = mcp_call(server, tokens["access_token"], "list_tasks")
    assert r.status_code == 401 and "expired" in r.json()["detail"] and 'error="invalid_token"' in r.headers["www-authenticate"]


@pytest.mark.parametrize(
    ("data", "status", "error"),
    [
        ({"grant_type": "password", "client_id": "x"}, 400, "unsupported_grant_type"),
        ({"client_id": "x"}, 400, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, 400, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nope", "client_id": "unknown"}, 401, "invalid_client"),
    ],
)
def test_token_endpoint_refusals(server, data, status, error):
    r = httpx.post(f"{server}/oauth/token", data=data)
    assert r.status_code == status and r.json()["error"] == error and r.json()["error_description"]


def test_token_endpoint_reads_forms_only(server, person):
    flow = Flow(server, person)
    r = httpx.post(f"{server}/oauth/token", json={"grant_type": "authorization_code", "client_id": flow.client_id})
    assert r.status_code == 400 and r.json()["error"] == "invalid_request" and "x-www-form-urlencoded" in r.json()["error_description"]
    twice = httpx.post(
        f"{server}/oauth/token",
        content=f"grant_type=refresh_token&refresh_token=a&refresh_token=b&client_id={flow.client_id}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert twice.status_code == 400 and "more than once" in twice.json()["error_description"]


def test_refresh_can_narrow_but_not_widen(server, person):
    flow = Flow(server, person, scope="tasks:read")
    tokens = flow.tokens()
    wider = httpx.post(
        f"{server}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": flow.client_id, "scope": "tasks:write"},
    )
    assert wider.status_code == 400 and wider.json()["error"] == "invalid_scope"


def test_revocation_stops_the_tokens_at_once(server, person):
    flow = Flow(server, person)
    tokens = flow.tokens()
    assert mcp_call(server, tokens["access_token"], "list_tasks").status_code == 200
    r = httpx.post(f"{server}/oauth/revoke", data={"token": tokens["refresh_token"], "client_id": flow.client_id})
    assert r.status_code == 200
    assert mcp_call(server, tokens["access_token"], "list_tasks").status_code == 401
    refresh = httpx.post(
        f"{server}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": flow.client_id}
    )
    assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"
    # an access token may be revoked too; unknown tokens are no error (RFC 7009 §2.2)
    other = flow.tokens()
    assert httpx.post(f"{server}/oauth/revoke", data={"token": other["access_token"], "client_id": flow.client_id}).status_code == 200
    assert mcp_call(server, other["access_token"], "list_tasks").status_code == 401
    assert httpx.post(f"{server}/oauth/revoke", data={"token": "whatever", "client_id": flow.client_id}).status_code == 200
    missing = httpx.post(f"{server}/oauth/revoke", data={"client_id": flow.client_id})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_another_client_cannot_revoke_or_refresh_a_token(server, person):
    mine, theirs = Flow(server, person), Flow(server, person)
    tokens = mine.tokens()
    assert httpx.post(f"{server}/oauth/revoke", data={"token": tokens["refresh_token"], "client_id": theirs.client_id}).status_code == 200
    assert mcp_call(server, tokens["access_token"], "list_tasks").status_code == 200
    stolen = httpx.post(
        f"{server}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": theirs.client_id},
    )
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant"


# ---------------------------------------------------------------- connected apps and personal access tokens


def test_connected_apps_are_listed_and_disconnected(server, person, other_user):
    flow = Flow(server, person)
    tokens = flow.tokens()
    mcp_call(server, tokens["access_token"], "list_tasks")
    [app] = person.http.get(f"/api/{person.id}/connected-apps").json()
    assert app["client_id"] == flow.client_id and app["client_name"] == "Hand-made client"
    assert app["redirect_hosts"] == ["127.0.0.1:47123"] and app["scopes"] == ["tasks:read", "tasks:write"]
    assert app["connected_at"] and app["last_used_at"]
    assert other_user.http.get(f"/api/{other_user.id}/connected-apps").json() == []
    assert other_user.http.delete(f"/api/{person.id}/connected-apps/{flow.client_id}").status_code == 403
    assert other_user.http.delete(f"/api/{other_user.id}/connected-apps/{flow.client_id}").status_code == 404

    assert person.http.delete(f"/api/{person.id}/connected-apps/{flow.client_id}").status_code == 204
    assert mcp_call(server, tokens["access_token"], "list_tasks").status_code == 401  # at once
    refresh = httpx.post(
        f"{server}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": flow.client_id}
    )
    assert refresh.status_code == 400
    assert person.http.get(f"/api/{person.id}/connected-apps").json() == []
    assert person.http.delete(f"/api/{person.id}/connected-apps/{flow.client_id}").status_code == 404


def test_personal_access_token_lifecycle(server, person, other_user):
    r = person.http.post(f"/api/{person.id}/access-tokens", json={"name": "My script", "scopes": ["tasks:read", "tasks:write"]})
    assert r.status_code == 201, r.text
    made = r.json()
    token = made["token"]
    assert token.startswith("tdp_") and made["prefix"] == token[:12] and made["expires_at"] is None
    listed = person.http.get(f"/api/{person.id}/access-tokens").json()
    assert [t["name"] for t in listed] == ["My script"] and "token" not in listed[0]
    assert other_user.http.get(f"/api/{other_user.id}/access-tokens").json() == []

    assert mcp_call(server, token, "add_task", {"title": "by script"}).status_code == 200
    assert person.titles() == ["by script"]
    assert person.http.get(f"/api/{person.id}/access-tokens").json()[0]["last_used_at"]
    rest = httpx.get(f"{server}/api/{person.id}/tasks", headers={"Authorization": f"Bearer {token}"})
    assert rest.status_code == 401 and "/mcp only" in rest.json()["detail"]

    assert other_user.http.delete(f"/api/{other_user.id}/access-tokens/{made['id']}").status_code == 404
    assert person.http.delete(f"/api/{person.id}/access-tokens/{made['id']}").status_code == 204
    assert mcp_call(server, token, "list_tasks").status_code == 401
    assert person.http.get(f"/api/{person.id}/access-tokens").json() == []
    assert person.http.delete(f"/api/{person.id}/access-tokens/{made['id']}").status_code == 404


def test_a_read_only_personal_token_is_challenged_on_writes(server, person):
    person.add("kept")
    token = person.http.post(f"/api/{person.id}/access-tokens", json={"name": "reader", "scopes": ["tasks:read"]}).json()["token"]
    assert mcp_call(server, token, "list_tasks").status_code == 200
    for tool, args in [("add_task", {"title": "no"}), ("delete_task", {"task_id": 1}), ("undo_last_change", {})]:
        r = mcp_call(server, token, tool, args)
        assert r.status_code == 403 and 'error="insufficient_scope"' in r.headers["www-authenticate"]
    batch = [{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "delete_tasks", "arguments": {"task_ids": [1]}}}]
    r = httpx.post(f"{server}/mcp", headers=ACCEPT | {"Authorization": f"Bearer {token}"}, json=batch)
    assert r.status_code == 403
    assert person.titles() == ["kept"]


def test_a_personal_token_can_expire(server, person, monkeypatch):
    made = person.http.post(
        f"/api/{person.id}/access-tokens", json={"name": "short", "scopes": ["tasks:read"], "expires_in_days": 1}
    ).json()
    assert made["expires_at"]
    assert mcp_call(server, made["token"], "list_tasks").status_code == 200
    later = oauth_service._now() + timedelta(days=2)
    monkeypatch.setattr(oauth_service, "_now", lambda: later)
    r = mcp_call(server, made["token"], "list_tasks")
    assert r.status_code == 401 and "expired" in r.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "scopes": ["tasks:read"]},
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["admin"]},
        {"name": "x" * 101, "scopes": ["tasks:read"]},
        {"name": "x", "scopes": ["tasks:read"], "expires_in_days": 0},
        {"name": "x", "scopes": ["tasks:read"], "extra": 1},
        {"name": "a\x07b", "scopes": ["tasks:read"]},
    ],
)
def test_bad_personal_token_requests(person, body):
    r = person.http.post(f"/api/{person.id}/access-tokens", json=body)
    assert r.status_code == 422 and r.json()["detail"]


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "query_string",
    ["client_id=a%00b", "client_id=" + "x" * 3000, "client_id=a&client_id=b", "%ff%fe=%ff", "redirect_uri=%00"],
)
def test_hostile_authorization_requests_get_a_page(server, query_string):
    r = httpx.get(f"{server}/oauth/authorize?{query_string}")
    assert r.status_code == 400 and "location" not in r.headers and r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text
    assert httpx.head(f"{server}/oauth/authorize?{query_string}").status_code == 400


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"grant_type=authorization_code&code=%ff%fe&client_id=\xff\xfe", "application/x-www-form-urlencoded"),
        (b'--b\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nx\r\n--b--\r\n', "multipart/form-data; boundary=b"),
        (b"grant_type=refresh_token&refresh_token=" + b"r" * 5000 + b"&client_id=x", "application/x-www-form-urlencoded"),
        (b"\x00\x01\x02", "application/x-www-form-urlencoded"),
    ],
)
def test_hostile_token_and_revocation_bodies(server, content, content_type):
    for path in ("/oauth/token", "/oauth/revoke"):
        r = httpx.post(f"{server}{path}", content=content, headers={"Content-Type": content_type})
        assert 400 <= r.status_code < 500, (path, r.status_code, r.text)
        assert r.json()["error"] and r.json()["error_description"] and "Traceback" not in r.text


def test_hostile_consent_posts(server, person):
    flow = Flow(server, person)
    browser = Browser(server, person.email)
    fields = form_of(browser.http.get(flow.url()))["fields"]
    for data, status in [
        (fields | {"step": "nonsense"}, 400),
        ({"step": "signin"}, 400),
        (fields | {"email": "x" * 1000, "password": "y"}, 400),
        (fields | {"email": person.email, "password": "p" * 3000}, 400),
    ]:
        r = browser.http.post("/oauth/authorize", data=data)
        assert r.status_code == status and "location" not in r.headers and "Traceback" not in r.text
    r = browser.http.post("/oauth/authorize", content=b'{"step": "signin"}', headers={"Content-Type": "application/json"})
    assert r.status_code == 415


@pytest.mark.parametrize("path", ["/oauth/register", "/oauth/authorize", "/oauth/token", "/oauth/revoke"])
def test_oauth_bodies_past_64_kb_are_refused(server, path):
    """The sign-in body limit holds on every OAuth endpoint: a declared length past it, and a
    streamed body cut off as it comes in; the answer is RFC 6749's shape."""
    kind = "application/json" if path == "/oauth/register" else "application/x-www-form-urlencoded"
    declared = httpx.post(f"{server}{path}", content=b"a=" + b"x" * 70_000, headers={"Content-Type": kind})

    def stream() -> Iterator[bytes]:
        for _ in range(200):  # 12.5 MB if nobody stops it
            yield b"x" * 65536

    streamed = httpx.post(f"{server}{path}", content=stream(), headers={"Content-Type": kind}, timeout=30)
    for r in (declared, streamed):
        assert r.status_code == 413, r.text
        if path == "/oauth/authorize":  # never redirected anywhere
            assert "64 KB" in r.text and "location" not in r.headers
        else:
            assert r.json()["error"] == "invalid_request" and "64 KB" in r.json()["error_description"]
    assert httpx.get(f"{server}/.well-known/oauth-authorization-server").status_code == 200  # still serving


def test_sign_ins_on_the_oauth_page_are_throttled_with_the_apps_own(database_url):
    """Wrong passwords on the OAuth sign-in page count with those of POST /api/auth/login (per
    account): past the limit both refuse, the right password too, and no code is given."""
    app = create_app(make_settings(database_url, login_failures_per_account=3), migrate_on_start=False)
    with running(app) as url:
        person = Api(url)
        flow = Flow(url, person)
        browser = Browser(url, person.email)
        fields = form_of(browser.http.get(flow.url()))["fields"]
        wrong = fields | {"email": person.email, "password": "not the password"}
        assert [browser.http.post("/oauth/authorize", data=wrong).status_code for _ in range(2)] == [401, 401]
        login = httpx.post(f"{url}/api/auth/login", json={"email": person.email, "password": "not the password"})
        assert login.status_code == 401  # the third failure, on the app's own sign-in
        blocked = browser.http.post("/oauth/authorize", data=fields | {"email": person.email, "password": PASSWORD})
        assert blocked.status_code == 429 and "location" not in blocked.headers and int(blocked.headers["retry-after"]) > 0
        assert form_of(blocked)["fields"]["step"] == "signin" and "Allow" not in blocked.text
        assert httpx.post(f"{url}/api/auth/login", json={"email": person.email, "password": PASSWORD}).status_code == 429
