"""Renders the chart with real helm binaries (HELM_BINARIES, or the ones
scripts/ci/get-helm.sh fetched) for the chart tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "todo-chatbot"


def helm_binaries() -> list[Path]:
    listed = os.environ.get("HELM_BINARIES", "").split()
    found = [Path(p) for p in listed] or sorted((ROOT / ".cache" / "helm").glob("v*/helm"))
    if not found:
        pytest.exit("no helm binary: run scripts/ci/get-helm.sh or set HELM_BINARIES", returncode=2)
    return found


def helm_version(helm: Path) -> str:
    return subprocess.run([str(helm), "version", "--short"], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(params=helm_binaries(), ids=lambda p: p.parent.name)
def helm(request) -> Path:
    return request.param


def render(helm: Path, *args: str, namespace: str = "default", release: str = "todo-chatbot") -> list[dict]:
    """helm template ... -> the rendered documents (tests included)."""
    out = subprocess.run(
        [str(helm), "template", release, str(CHART), "--namespace", namespace, *args],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RenderError(out.stderr)
    return [d for d in yaml.safe_load_all(out.stdout) if d]


class RenderError(Exception):
    pass


def by_kind(docs: list[dict], kind: str) -> list[dict]:
    return [d for d in docs if d["kind"] == kind]


def one(docs: list[dict], kind: str, name: str) -> dict:
    [doc] = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    return doc


def pod_specs(docs: list[dict]) -> list[tuple[str, dict]]:
    specs = []
    for d in docs:
        if d["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
            specs.append((f"{d['kind']}/{d['metadata']['name']}", d["spec"]["template"]["spec"]))
        elif d["kind"] == "Pod":
            specs.append((f"Pod/{d['metadata']['name']}", d["spec"]))
    return specs


NEON = "postgresql://neondb_owner:npg_secret@ep-cool-name-123456.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"

# The scenarios every check runs on: name -> helm arguments.
SCENARIOS = {
    "defaults": [],
    "plan-neon-groq": ["--set", f"secrets.databaseUrl={NEON}", "--set", "secrets.groqApiKey=gsk_test_key"],
    "everything-on": [
        "--set",
        "ingress.enabled=true",
        "--set",
        "networkPolicy.enabled=true",
        "--set",
        "backend.autoscaling.enabled=true",
        "--set",
        "frontend.autoscaling.enabled=true",
        "--set",
        "backend.pdb.enabled=true",
        "--set",
        "frontend.pdb.enabled=true",
        "--set",
        "backend.replicaCount=2",
        "--set",
        "frontend.service.nodePort=30080",
        "--set",
        "secrets.openaiApiKey=sk-test",
        "--set",
        "config.llmProvider=openai",
        "--set",
        "notifications.egress.enabled=true",
        "--set",
        "networkPolicy.extraBackendEgress[0].ports[0].port=4317",
    ],
    "existing-secret": ["--set", "existingSecret=my-todo-secrets"],
}


def scenario_docs(helm: Path, name: str) -> list[dict]:
    return render(helm, *SCENARIOS[name])


def dump(docs: list[dict]) -> str:
    return yaml.safe_dump_all(docs, sort_keys=False)
