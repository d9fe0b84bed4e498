#!/usr/bin/env python3
"""Writes the parameter table of helm/todo-chatbot/README.md from the `## @param`
lines of values.yaml (between the PARAMETERS markers). --check only compares."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

CHART = Path(__file__).resolve().parents[1] / "helm" / "todo-chatbot"
START, END = "<!-- PARAMETERS:START -->", "<!-- PARAMETERS:END -->"


def table() -> str:
    text = (CHART / "values.yaml").read_text()
    values = yaml.safe_load(text)
    rows = ["| key | meaning | default |", "|---|---|---|"]
    for key, meaning in re.findall(r"^\s*## @param (\S+) (.*)$", text, flags=re.M):
        value = values
        for part in key.split("."):
            value = value[part]
        if isinstance(value, (dict, list)):
            shown = yaml.safe_dump(value, default_flow_style=True, width=1000).strip() if value else str(value)
        else:
            shown = "null" if value is None else ('""' if value == "" else str(value))
        rows.append(f"| `{key}` | {meaning} | `{shown.replace('|', '¦')}` |")
    return "\n".join(rows)


def main() -> int:
    readme = CHART / "README.md"
    text = readme.read_text()
    before, rest = text.split(START)
    _, after = rest.split(END)
    updated = f"{before}{START}\n{table()}\n{END}{after}"
    if "--check" in sys.argv:
        if updated != text:
            print("helm/todo-chatbot/README.md's parameter table is stale: run scripts/chart-params.py", file=sys.stderr)
            return 1
        return 0
    readme.write_text(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
