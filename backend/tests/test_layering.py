"""The layers, read from the source: the ways in (interfaces/: HTTP, MCP, ChatKit) -> services ->
models and infra/ (database, events, logs, clock); the agents and the scheduler call the services;
nothing below them imports them back."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import todo_chatbot

pytestmark = pytest.mark.nodb

PACKAGE = Path(todo_chatbot.__file__).parent
# The lower layers, and what none of them may import (the upper layers).
LOWER = (
    "todo_chatbot.models",
    "todo_chatbot.infra",
    "todo_chatbot.services",
    "todo_chatbot.turn",
    "todo_chatbot.parsing",
    "todo_chatbot.recurrence",
    "todo_chatbot.security",
    "todo_chatbot.settings",
)
UPPER = (
    "todo_chatbot.agent",
    "todo_chatbot.interfaces",
    "todo_chatbot.main",
    "todo_chatbot.cli",
    "todo_chatbot.scheduler",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, source: str | None = None) -> set[str]:
    """Every module a file imports, anywhere in it (inside functions and TYPE_CHECKING blocks too),
    relative imports resolved; `from x import y` counts as both x and x.y."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def within(module: str, layers: tuple[str, ...]) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def lower_modules() -> list[Path]:
    files = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    return sorted(p for p in files if within(module_name(p), LOWER))


def test_the_lower_layers_are_all_found():
    names = {module_name(p) for p in lower_modules()}
    assert {
        "todo_chatbot.turn",
        "todo_chatbot.services.chat",
        "todo_chatbot.services.tasks",
        "todo_chatbot.models",
        "todo_chatbot.infra.db",
        "todo_chatbot.parsing.slots",
        "todo_chatbot.infra.events",
        "todo_chatbot.infra.clock",
    } <= names


@pytest.mark.parametrize("path", lower_modules(), ids=lambda p: module_name(p))
def test_lower_layers_never_import_agents_routes_or_the_mcp_server(path):
    wrong = sorted(m for m in imported(path) if within(m, UPPER))
    assert wrong == [], f"{module_name(path)} imports {wrong}"


def test_the_check_sees_relative_and_nested_imports():
    """The check itself: a service importing an agent, relatively and inside a function, is caught."""
    nested = "    from ..agent.tools import use_tool\n    from ..interfaces.mcp import server\n    import todo_chatbot.interfaces.http\n"
    source = "def f():\n" + nested
    found = imported(PACKAGE / "services" / "chat.py", source)
    assert {"todo_chatbot.agent.tools", "todo_chatbot.interfaces.mcp.server", "todo_chatbot.interfaces.http"} <= found
    assert [m for m in found if within(m, UPPER)]
    assert "todo_chatbot.services.tasks" in imported(PACKAGE / "services" / "chat.py", "from . import tasks\n")


def test_an_offline_backend_starts_without_the_agents_sdk(tmp_path: Path) -> None:
    """The Agents SDK and the ChatKit SDK are loaded only when a model answers or a /chatkit
    request comes, the iCalendar writer when a feed is read, Apprise when a notification address
    is checked or a reminder sent: an offline backend stays smaller and starts sooner."""
    code = (
        "import sys\n"
        "from todo_chatbot.main import create_app\n"
        "from todo_chatbot.settings import Settings\n"
        f"create_app(Settings(llm_provider='offline', database_url='sqlite+aiosqlite:///{tmp_path}/t.db'))\n"
        "print(sorted(m for m in ('agents', 'openai', 'chatkit', 'icalendar', 'apprise') if m in sys.modules))\n"
    )
    env = {**os.environ, "BETTER_AUTH_SECRET": "s" * 40}
    env.pop("OPENAI_API_KEY", None)
    env.pop("GROQ_API_KEY", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
