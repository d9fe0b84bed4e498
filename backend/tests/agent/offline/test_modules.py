"""The offline assistant stays a set of small stages: no module of it is over 400 lines (issue #20)."""

from pathlib import Path

import pytest

import todo_chatbot.agent.offline as offline

pytestmark = pytest.mark.nodb
MOST_LINES = 400


def test_no_module_of_the_assistant_is_over_400_lines():
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in Path(offline.__file__).parent.glob("*.py")}
    assert len(sizes) > 10 and {name: n for name, n in sizes.items() if n > MOST_LINES} == {}
