"""Settings: provider choice, database URLs, the data folder, secrets that are refused or stored."""

import logging
import os
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb
from pydantic import ValidationError

from todo_chatbot.infra.db import async_url, sync_url
from todo_chatbot.settings import Settings, jwt_secret, stored_secret


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
        ({"llm_provider": "openai", "openai_base_url": "http://localhost:11434/v1", "openai_model": "llama3.1"}, "openai", "llama3.1"),
        ({"groq_api_key": "gsk-1", "groq_model": ""}, "groq", "meta-llama/llama-4-scout-17b-16e-instruct"),
    ],
)
def test_provider_is_chosen_as_documented(values, provider, model):
    chosen = settings(**values)
    assert chosen.provider == provider and chosen.model_name == model


def test_the_history_limit_is_one_setting_read_from_the_environment(monkeypatch):
    assert settings().chat_history_limit == 40
    monkeypatch.setenv("CHAT_HISTORY_LIMIT", "12")
    assert settings().chat_history_limit == 12
    for bad in ("1", "0", "-5", "many", "100000"):
        monkeypatch.setenv("CHAT_HISTORY_LIMIT", bad)
        with pytest.raises(ValidationError, match="chat_history_limit"):
            settings()


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
    s = settings(
        frontend_origin="http://localhost:8080/", cors_origins="https://a.example, https://b.example", mcp_allowed_hosts="todo.internal"
    )
    assert s.allowed_origins == ["http://localhost:8080", "https://a.example", "https://b.example"]
    assert {"localhost", "todo-chatbot-backend", "todo.internal", "a.example"} <= set(s.mcp_hosts)


def test_the_default_database_is_in_the_per_user_data_folder_whatever_the_current_folder(monkeypatch, tmp_path):
    from platformdirs import user_data_dir

    monkeypatch.delenv("TODO_DATA_DIR", raising=False)
    expected = Path(user_data_dir("todo-chatbot", appauthor=False)) / "todo-chatbot.db"
    assert settings().database_url == f"sqlite:///{expected.as_posix()}"
    monkeypatch.chdir(tmp_path)
    assert settings().database_url == f"sqlite:///{expected.as_posix()}"


def test_todo_data_dir_moves_the_default_database_and_an_explicit_url_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("TODO_DATA_DIR", str(tmp_path / "data"))
    assert settings().database_url == f"sqlite:///{(tmp_path / 'data' / 'todo-chatbot.db').as_posix()}"
    assert settings(database_url="").database_url.endswith("/data/todo-chatbot.db")  # empty = the default
    assert settings(database_url="postgresql://u:p@h/db").database_url == "postgresql://u:p@h/db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TODO_DATA_DIR", "relative")
    assert settings().data_dir == tmp_path / "relative"


def test_a_secret_is_stored_once_owner_only_and_reused(tmp_path, caplog):
    path = tmp_path / "new-folder" / "auth-secret"
    with caplog.at_level(logging.INFO, "todo_chatbot"):
        first = stored_secret(path)
        again = stored_secret(path)
    assert first == again and len(first) == 64
    assert path.read_text().strip() == first
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    made, reused = (r for r in caplog.records if "BETTER_AUTH_SECRET is not set" in r.getMessage())
    assert made.levelno == logging.WARNING and f"stored it in {path}" in made.getMessage()
    assert reused.levelno == logging.INFO and f"stored in {path}" in reused.getMessage()


def test_processes_starting_together_agree_on_one_secret(tmp_path):
    path = tmp_path / "auth-secret"
    start = threading.Barrier(8)

    def race() -> str:
        start.wait()
        return stored_secret(path)

    with ThreadPoolExecutor(8) as pool:
        assert len(set(pool.map(lambda _: race(), range(8)))) == 1


def test_an_explicit_secret_wins_and_nothing_is_stored(tmp_path):
    explicit = "e" * 40
    assert jwt_secret(settings(better_auth_secret=explicit, todo_data_dir=str(tmp_path))) == explicit
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_data_folder_falls_back_to_a_per_process_secret(tmp_path, caplog):
    (tmp_path / "a-file").write_text("")
    path = tmp_path / "a-file" / "data" / "auth-secret"
    with caplog.at_level(logging.WARNING, "todo_chatbot"):
        first, second = stored_secret(path), stored_secret(path)
    assert first != second and len(first) == 64
    assert "no secret can be stored in" in caplog.text and "random secret for this process" in caplog.text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_secret_file_others_can_read_is_pointed_out(tmp_path, caplog):
    path = tmp_path / "auth-secret"
    path.write_text("s" * 64 + "\n")
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, "todo_chatbot"):
        assert stored_secret(path) == "s" * 64
    assert f"chmod 600 {path}" in caplog.text


def _damaged(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    os.utime(path, (time.time() - 60, time.time() - 60))  # not a file another process is writing now
    return path


@pytest.mark.parametrize("content", [b"", b"short\n", b"\xff" * 40], ids=["empty", "short", "not-text"])
def test_a_damaged_secret_file_is_a_clear_message(tmp_path, content):
    path = _damaged(tmp_path / "auth-secret", content)
    with pytest.raises(ValueError, match=r"does not hold a usable secret.*delete it"):
        stored_secret(path)


def test_serve_reports_a_damaged_secret_file_in_one_line(tmp_path):
    path = _damaged(tmp_path / "auth-secret", b"short\n")
    env = {k: v for k, v in os.environ.items() if k not in ("BETTER_AUTH_SECRET", "DATABASE_URL")}
    env |= {"TODO_DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING"}
    r = subprocess.run(
        [sys.executable, "-m", "todo_chatbot.cli", "serve", "--port", "1"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and f"todo-chatbot: {path} does not hold a usable secret" in r.stderr
    assert "Traceback" not in r.stderr
