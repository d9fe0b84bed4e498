"""scripts/deploy-minikube.sh against stand-ins for minikube, kubectl, helm, docker and curl that
record their arguments (no cluster can run here): the calls it makes, in order, that it never
waits on a tunnel, that rebuilt images roll out, and that it keeps to what macOS's bash 3.2 runs."""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "deploy-minikube.sh"

# Each stand-in appends "NAME ARGS..." (and the DOCKER_HOST it ran under) to $FAKE/calls.
FAKES = {
    "minikube": r"""
case "$1" in
  status) [ -f "$FAKE/running" ] && echo Running || exit 7 ;;
  start) touch "$FAKE/running" ;;
  version) echo v1.36.0 ;;
  docker-env) echo 'export DOCKER_HOST="tcp://192.0.2.10:2376"' ;;
  ip) echo 192.0.2.10 ;;
  image)
    case "$2" in
      ls) cat "$FAKE/images" 2>/dev/null || true ;;
      load) echo "docker.io/library/$3" >>"$FAKE/images" ;;
    esac ;;
  service) sleep 3600 ;;  # as on the docker driver under Windows and macOS: a tunnel until Ctrl-C
esac
""",
    "kubectl": r"""
case "$1 $2" in
  "get namespace") [ "$3" = default ] || exit 1 ;;
  "create namespace"|"get pods") ;;
  "get service")
    case "$*" in
      *items*) echo todo-chatbot-frontend ;;
      *nodePort*) echo 31234 ;;
      *port*) echo 80 ;;
    esac ;;
  port-forward*)
    if [ -f "$FAKE/port-taken" ]; then echo "unable to listen on port ${LOCAL_PORT:-8080}: address already in use" >&2; exit 1; fi
    echo "Forwarding from 127.0.0.1:${LOCAL_PORT:-8080} -> 8080"
    trap 'kill $! 2>/dev/null; exit 0' TERM
    sleep 3600 & wait ;;
esac
""",
    "helm": r"""
case "$1" in
  version) echo v3.17.3 ;;
  template)
    case "$*" in
      *--reset-then-reuse-values*) echo 'Error: unknown flag: --reset-then-reuse-values' >&2; exit 1 ;;
      *databaseUrl=*) printf 'kind: Deployment\nspec:\n  image: "todo-backend:1.0.0"\n' ;;
      *) printf 'kind: Deployment\n        image: "todo-backend:1.0.0"\n---\nkind: StatefulSet\n        image: "postgres:16"\n' ;;
    esac
    public=http://localhost:8080  # the chart's default, unless set
    case "$*" in *config.publicUrl=*) public="$(printf '%s' "$*" | sed 's/.*config.publicUrl=\([^ ]*\).*/\1/')" ;; esac
    printf -- '---\nkind: ConfigMap\ndata:\n  PUBLIC_URL: "%s"\n' "$public" ;;
  upgrade) touch "$FAKE/installed" ;;
esac
""",
    "docker": r"""
case "$1" in
  --version) echo "Docker version 28.2.2" ;;
  build) image="$(printf '%s' "$*" | sed 's/.*-t \([^ ]*\).*/\1/')"
         echo x >>"$FAKE/built-$image" ;;
  image) image="$5"; [ -f "$FAKE/built-$image" ] || exit 1
         echo "sha256:$(wc -l <"$FAKE/built-$image" | tr -d ' ')$image" ;;
esac
""",
    # the NodePort answers with nodeport-reachable; with nodeport-after-install, only once installed
    "curl": r"""[ -f "$FAKE/nodeport-reachable" ] || { [ -f "$FAKE/nodeport-after-install" ] && [ -f "$FAKE/installed" ]; } || exit 28""",
}


@pytest.fixture
def fake(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        script = bin_dir / name
        script.write_text(f'#!/bin/bash\necho "{name} $* [DOCKER_HOST=${{DOCKER_HOST:-}}]" >>"$FAKE/calls"\n{body}')
        script.chmod(0o755)
    return tmp_path


def deploy(fake: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Runs the script with the stand-ins first on PATH; it must end on its own within 60 s."""
    (fake / "calls").write_text("")
    environment = {"PATH": f"{fake / 'bin'}:/usr/bin:/bin", "HOME": str(fake), "TMPDIR": str(fake), "FAKE": str(fake), **env}
    started = time.monotonic()
    result = subprocess.run(["bash", str(SCRIPT), *args], env=environment, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 30, "the script waited on something"
    return result, (fake / "calls").read_text().splitlines()


def index(calls: list[str], prefix: str) -> int:
    return next(i for i, call in enumerate(calls) if call.startswith(prefix))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/cmdline").exists() and "port-forward" in Path(f"/proc/{pid}/cmdline").read_text()


@pytest.fixture
def forwards():
    """The port-forward pids the script leaves running; stopped after the test."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGTERM)


def forward_pid(stdout: str) -> int:
    return int(re.search(r"stop it with: kill (\d+)", stdout).group(1))


def annotation(calls: list[str], image: str) -> str:
    [upgrade] = [c for c in calls if c.startswith("helm upgrade --install")]
    return re.search(rf"--set-string {image}\.podAnnotations\.todo-chatbot/image-id=(\S+)", upgrade).group(1)


def test_a_first_deploy_where_minikube_needs_a_tunnel_never_waits_on_one(fake, forwards):
    result, calls = deploy(fake)
    assert result.returncode == 0, result.stderr
    assert not [c for c in calls if c.startswith("minikube service")]
    # Minikube started, the images built inside it, then the database's image loaded before the install
    assert calls[index(calls, "minikube start")].startswith("minikube start --driver=docker --cpus=2 --memory=4096")
    builds = [c for c in calls if c.startswith("docker build")]
    assert len(builds) == 2 and all("DOCKER_HOST=tcp://192.0.2.10:2376" in c for c in builds)
    assert index(calls, "minikube image load postgres:16") < index(calls, "helm upgrade --install")
    assert "loading postgres:16 into Minikube" in result.stdout
    upgrade = calls[index(calls, "helm upgrade --install")]
    assert "todo-chatbot " in upgrade and "--wait" in upgrade and "--namespace default" in upgrade
    assert annotation(calls, "backend").startswith("sha256:") and annotation(calls, "frontend").startswith("sha256:")
    assert index(calls, "helm upgrade") < index(calls, "helm test todo-chatbot")
    # the NodePort does not answer from here: a port-forward in the background, left running
    assert "kubectl port-forward -n default svc/todo-chatbot-frontend 8080:80" in calls[-1]
    pid = forward_pid(result.stdout)
    forwards.append(pid)
    assert alive(pid)
    assert "The chatbot is at: \x1b[1mhttp://localhost:8080" in result.stdout
    # PUBLIC_URL is that address (remote MCP's issuer and resource), set with the install, once
    assert "--set-string config.publicUrl=http://localhost:8080" in upgrade
    assert len([c for c in calls if c.startswith("helm upgrade")]) == 1
    assert "connect to: http://localhost:8080/mcp" in result.stdout


def test_a_second_run_rolls_the_rebuilt_images_and_replaces_its_port_forward(fake, forwards):
    first, calls = deploy(fake)
    assert first.returncode == 0, first.stderr
    before = annotation(calls, "backend"), annotation(calls, "frontend")
    forwards.append(forward_pid(first.stdout))
    second, calls = deploy(fake)
    assert second.returncode == 0, second.stderr
    forwards.append(forward_pid(second.stdout))
    # a rebuilt image has a new id: the pod template changes, so the Deployment rolls
    assert (annotation(calls, "backend"), annotation(calls, "frontend")) != before
    assert not [c for c in calls if c.startswith("minikube image load")]  # postgres:16 is there already
    assert "postgres:16 is in Minikube already" in second.stdout
    assert "stopping the port-forward of an earlier run" in second.stdout
    deadline = time.monotonic() + 5
    while alive(forwards[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(forwards[0]) and alive(forwards[1])
    # --skip-build keeps the current ids: nothing rolls for nothing
    third, calls = deploy(fake, "--skip-build")
    forwards.append(forward_pid(third.stdout))
    assert not [c for c in calls if c.startswith("docker build")]
    assert annotation(calls, "backend") == re.search(r"todo-backend:1.0.0 is (\S+)", second.stdout).group(1)


def test_where_the_node_port_answers_its_url_is_printed_and_nothing_is_forwarded(fake):
    (fake / "nodeport-reachable").touch()
    result, calls = deploy(fake)
    assert result.returncode == 0, result.stderr
    assert not [c for c in calls if c.startswith("kubectl port-forward") or c.startswith("minikube service")]
    assert "The chatbot is at: \x1b[1mhttp://192.0.2.10:31234" in result.stdout
    # known before the install (an earlier run's NodePort answers): PUBLIC_URL is set with it, once
    [upgrade] = [c for c in calls if c.startswith("helm upgrade")]
    assert "--set-string config.publicUrl=http://192.0.2.10:31234" in upgrade


def test_a_node_port_that_answers_only_once_installed_becomes_public_url_after(fake):
    (fake / "nodeport-after-install").touch()
    result, calls = deploy(fake, LOCAL_PORT="8181")
    assert result.returncode == 0, result.stderr
    install, correction = [c for c in calls if c.startswith("helm upgrade")]
    assert "--install" in install and "--set-string config.publicUrl=http://localhost:8181" in install
    assert "--reset-then-reuse-values" in correction and "--set-string config.publicUrl=http://192.0.2.10:31234" in correction
    assert index(calls, "helm test") < calls.index(correction)
    assert "setting PUBLIC_URL to http://192.0.2.10:31234" in result.stdout


def test_a_public_url_given_is_left_alone(fake):
    result, calls = deploy(fake, "--no-forward", "--", "--set", "config.publicUrl=https://todo.example.com")
    assert result.returncode == 0, result.stderr
    [upgrade] = [c for c in calls if c.startswith("helm upgrade")]
    assert "--set config.publicUrl=https://todo.example.com" in upgrade and "--set-string config.publicUrl" not in upgrade


def test_no_forward_prints_the_command_for_a_second_terminal(fake):
    result, calls = deploy(fake, "--no-forward", "--namespace", "todo", "--release", "mine")
    assert result.returncode == 0, result.stderr
    assert not [c for c in calls if c.startswith("kubectl port-forward")]
    assert "In a second terminal, run" in result.stdout
    assert "kubectl port-forward -n todo svc/todo-chatbot-frontend 8080:80" in result.stdout
    assert calls[index(calls, "helm upgrade")].startswith("helm upgrade --install mine ")
    assert "kubectl create namespace todo" in "\n".join(calls)


def test_helm_arguments_pass_through_and_an_external_database_needs_no_image(fake):
    (fake / "running").touch()
    neon = "secrets.databaseUrl=postgresql://u:p@ep-x.neon.tech/db?sslmode=require"
    result, calls = deploy(fake, "--load", "--no-forward", "--", "--set", neon, "--set", "secrets.groqApiKey=gsk_x")
    assert result.returncode == 0, result.stderr
    assert not [c for c in calls if c.startswith("minikube start")]
    assert "none: the release uses an external database" in result.stdout
    # --load: built by the host's engine, then loaded
    assert all("DOCKER_HOST=]" in c for c in calls if c.startswith("docker build"))
    loads = [c.split(" [")[0] for c in calls if c.startswith("minikube image load")]
    assert loads == ["minikube image load todo-backend:1.0.0", "minikube image load todo-frontend:1.0.0"]
    upgrade = calls[index(calls, "helm upgrade")]
    assert f"--set {neon} --set secrets.groqApiKey=gsk_x" in upgrade


def test_an_upgrade_only_helm_option_skips_the_image_check_and_reaches_the_install(fake):
    (fake / "nodeport-reachable").touch()
    result, calls = deploy(fake, "--", "--reset-then-reuse-values")
    assert result.returncode == 0, result.stderr
    assert "skipped: helm template did not render" in result.stdout and "unknown flag" in result.stdout
    assert "--reset-then-reuse-values" in calls[index(calls, "helm upgrade --install")]


def test_a_failed_install_says_where_to_look_and_leaves_nothing_running(fake):
    (fake / "bin" / "helm").write_text((fake / "bin" / "helm").read_text() + '\n[ "$1" = upgrade ] && exit 1\nexit 0\n')
    result, calls = deploy(fake)
    assert result.returncode == 1
    assert "the release did not become ready" in result.stderr
    assert not [c for c in calls if c.startswith("kubectl port-forward")]


def test_a_port_forward_that_cannot_start_is_reported(fake):
    (fake / "port-taken").touch()
    result, _ = deploy(fake, **{"LOCAL_PORT": "8181"})
    assert result.returncode == 1
    assert "address already in use" in result.stderr and "is port 8181 taken? set LOCAL_PORT" in result.stderr
    assert not list(fake.glob("todo-chatbot-port-forward-*.pid"))


def test_unknown_option_values_are_refused(fake):
    result, _ = deploy(fake, "--namespace")
    assert result.returncode == 1 and "--namespace needs a value" in result.stderr


# Constructs bash 3.2 (macOS's /bin/bash) does not have, or treats differently.
BASH4_ONLY = {
    r"\bmapfile\b|\breadarray\b": "mapfile/readarray",
    r"\bdeclare -[aA]*A|\blocal -A|\btypeset -A": "associative arrays",
    r"\$\{[A-Za-z_][A-Za-z_0-9]*(\[[^]]*\])?(,,?|\^\^?)": "case conversion ${x,,} ${x^^}",
    r"\$\{[A-Za-z_][A-Za-z_0-9]*@[QEPAa]\}": "${x@Q} transformations",
    r"\bdeclare -n\b|\blocal -n\b": "namerefs",
    r"\|&|&>>": "|& and &>>",
    r"\bcoproc\b": "coproc",
    r";;&|;&": "case fall-through",
    r"\$EPOCH(SECONDS|REALTIME)|\$BASHPID": "bash 4+/5 variables",
    r"\bwait -n\b": "wait -n",
    r"\[\[ -v |\btest -v ": "-v tests",
}


def test_the_script_keeps_to_bash_3_2():
    text = SCRIPT.read_text()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for pattern, what in BASH4_ONLY.items():
        assert not re.search(pattern, code), f"{what} (bash 4 or newer) in {SCRIPT.name}"
    # under set -u, bash before 4.4 calls "${a[@]}" of an empty array unset: every expansion is guarded
    for expansion in re.findall(r'.?"\$\{[A-Za-z_]+\[@\]\}"', code):
        assert expansion.startswith("+"), f"unguarded array expansion {expansion[1:]}"
    assert "set -euo pipefail" in text
    # the script's own syntax, as bash checks it
    assert subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, check=False).returncode == 0
