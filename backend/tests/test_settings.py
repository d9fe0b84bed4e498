"""Settings: provider choice, database URLs, secrets that are refused."""

import pytest

pytestmark = pytest.mark.nodb
from pydantic import ValidationError

from todo_chatbot.db import async_url, sync_url
from todo_chatbot.settings import GROQ_BASE_URL, Settings


def settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


@pytest.mark.parametrize(
    "values,provider,model",
    [
        ({}, "offline", None),
        ({"openai_api_key": "sk-1"}, "openai", "gpt-4o-mini"),
        ({"groq_api_key": "gsk-1"}, "groq", "meta-llama/llama-4-scout-17b-16e-instruct"),
        ({"groq_api_key": "gsk-1", "openai_api_key": "sk-1"}, "groq", "meta-llama/llama-4-scout-17b-16e-instruct"),
        ({"groq_api_key": "gsk-1", "llm_provider": "OpenAI", "openai_model": "gpt-x"}, "openai", "gpt-x"),
        ({"openai_api_key": "sk-1", "llm_provider": "offline"}, "offline", None),
        ({"llm_provider": "openai", "openai_base_url": "http://localhost:11434/v1", "openai_model": "llama3.1"},
         "openai", "llama3.1"),
        ({"groq_api_key": "gsk-1", "groq_model": ""}, "groq", "meta-llama/llama-4-scout-17b-16e-instruct"),
    ],
)
def test_provider_is_chosen_as_documented(values, provider, model):
    chosen = settings(**values)
    assert chosen.provider == provider and chosen.model_name == model


def test_groq_uses_its_openai_compatible_endpoint(monkeypatch):
    from todo_chatbot.agent.llm import ModelAgent
    from todo_chatbot.db import Database
    from todo_chatbot.mcp_server import build_mcp_server

    agent = ModelAgent(settings(groq_api_key="gsk-1"), build_mcp_server(Database("sqlite:///:memory:")))
    assert str(agent._client.base_url).rstrip("/") == GROQ_BASE_URL
    assert agent.provider == "groq"


def test_unknown_provider_is_refused():
    with pytest.raises(ValidationError):
        settings(llm_provider="claude")


@pytest.mark.parametrize("secret", ["change-me", "secret", "short-but-real"])
def test_placeholder_or_short_auth_secrets_are_refused(secret):
    with pytest.raises(ValidationError):
        settings(better_auth_secret=secret)


NEON = "postgresql://owner:npg_pw@ep-cool-1.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"


def test_neon_urls_keep_their_ssl_options_with_psycopg():
    for url in (async_url(NEON), sync_url(NEON)):
        assert url.drivername == "postgresql+psycopg"
        assert url.query == {"sslmode": "require", "channel_binding": "require"}
        assert url.host == "ep-cool-1.us-east-2.aws.neon.tech"
    assert async_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    assert async_url("sqlite:///data/x.db").drivername == "sqlite+aiosqlite"


def test_other_databases_are_refused_clearly():
    with pytest.raises(ValueError, match=r"postgresql://\.\.\. or sqlite:///"):
        async_url("mysql://u:p@h/db")


def test_cors_origins_and_mcp_hosts():
    s = settings(frontend_origin="http://localhost:8080/", cors_origins="https://a.example, https://b.example",
                 mcp_allowed_hosts="todo.internal")
    assert s.allowed_origins == ["http://localhost:8080", "https://a.example", "https://b.example"]
    assert {"localhost", "todo-chatbot-backend", "todo.internal", "a.example"} <= set(s.mcp_hosts)
