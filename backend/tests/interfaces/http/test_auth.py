from datetime import UTC, datetime, timedelta

import jwt

from tests.conftest import PASSWORD, SECRET, Api


def test_signup_login_and_me(base_url):
    api = Api(base_url)
    r = api.http.post("/api/auth/login", json={"email": api.email.upper(), "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["user"] == {"id": api.id, "email": api.email, "name": "Test", "timezone": "UTC"}
    me = api.http.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json()["id"] == api.id
    assert "password" not in me.text and "hash" not in me.text


def test_token_is_hs256_with_subject_and_expiry(user):
    claims = jwt.decode(user.token, SECRET, algorithms=["HS256"])
    assert claims["sub"] == user.id
    assert claims["exp"] > datetime.now(UTC).timestamp()


def test_duplicate_email_is_a_conflict(user):
    r = user.http.post("/api/auth/signup", json={"email": user.email, "password": "another password"})
    assert r.status_code == 409
    assert "already exists" in r.json()["detail"]


def test_wrong_password_and_unknown_email_look_the_same(user):
    wrong = user.http.post("/api/auth/login", json={"email": user.email, "password": "not the password"})
    unknown = user.http.post("/api/auth/login", json={"email": "nobody@example.com", "password": "whatever1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Wrong email or password"}


def test_expired_token_is_refused_with_a_reason(user):
    past = datetime.now(UTC) - timedelta(hours=1)
    token = jwt.encode({"sub": user.id, "exp": past, "iat": past - timedelta(hours=1)}, SECRET, algorithm="HS256")
    r = user.http.get(f"/api/{user.id}/tasks", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401
    assert "expired" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"


def test_token_signed_with_another_secret_is_refused(user):
    forged = jwt.encode({"sub": user.id, "exp": datetime.now(UTC) + timedelta(hours=1)}, "z" * 40, algorithm="HS256")
    r = user.http.get(f"/api/{user.id}/tasks", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


def test_password_is_stored_as_argon2(database_url, user):
    from sqlalchemy import create_engine, text

    from todo_chatbot.infra.db import sync_url

    engine = create_engine(sync_url(database_url))
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE id = :id"), {"id": user.id}).scalar_one()
    engine.dispose()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_secrets_can_come_from_files(tmp_path, monkeypatch):
    from todo_chatbot import settings as settings_module

    (tmp_path / "DATABASE_URL").write_text("postgresql://u:p@db.example:5432/todo\n")
    (tmp_path / "BETTER_AUTH_SECRET").write_text("f" * 40)
    (tmp_path / "GROQ_API_KEY").write_text("gsk_from_file")
    monkeypatch.setenv("SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("GROQ_API_KEY", "gsk_from_env")  # the environment wins over files
    settings_module.get_settings.cache_clear()
    try:
        loaded = settings_module.get_settings()
    finally:
        settings_module.get_settings.cache_clear()
    assert loaded.database_url == "postgresql://u:p@db.example:5432/todo"
    assert loaded.better_auth_secret == "f" * 40
    assert loaded.groq_api_key == "gsk_from_env" and loaded.provider == "groq"
