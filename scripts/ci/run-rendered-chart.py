#!/usr/bin/env python3
"""Runs the chart's rendered workloads on Docker, wired as its Services name them.

No Kubernetes can run here, so this is the next best proof: `helm template`
the chart, then take everything from the rendered manifests - images,
commands, environment (ConfigMap and Secret values), projected secret files,
emptyDirs and volume claims, users and groups, read-only root file systems,
dropped capabilities, memory and CPU limits, ports and probes - and run it:

  - each Service becomes a small TCP forwarder container answering on the
    Service's port under its names (short and cluster FQDN), forwarding to the
    selected pod's target port (so port 80 -> 8080 works as in the cluster);
  - StatefulSets and Deployments start in that order, as many pods as their
    `replicas` (two backend pods by default), each with its init containers
    first and to completion, as the kubelet does; a Service spreads connections
    over the pods it selects;
  - every rendered probe (startup, then liveness and readiness; HTTP from a
    probe container on the network, exec inside the container) must pass;
  - the `helm test` pod runs and must exit 0;
  - the web app's Service is published on 127.0.0.1:PORT (its NodePort stand-in)
    and scripts/verify-chatbot.sh runs against it;
  - with two backend pods, scripts/ci/check-replicas.py runs beside them: a change
    through one reaches an event stream held on the other, and reminders due in
    the same second reach both streams once each; the delivery log holds one row
    per reminder, and the pods' logs say which fired how many;
  - the pods stop as the kubelet stops them: preStop hook, then SIGTERM, within
    the grace period.

Usage: run-rendered-chart.py HELM [--port PORT] [-- HELM_TEMPLATE_ARGS...]
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER = os.environ.get("DOCKER", "/usr/bin/docker")
RUN = f"r{os.getpid()}"
NAMESPACE = "default"
CLUSTER_DOMAIN = "cluster.local"
# A Service: listens on PORT and pipes each connection to the next of TARGET_HOSTS (round robin) on TARGET_PORT.
FORWARDER = """
import asyncio, itertools, os
hosts = itertools.cycle(os.environ["TARGET_HOSTS"].split(","))
async def pipe(r, w):
    try:
        while data := await r.read(65536):
            w.write(data); await w.drain()
    finally:
        w.close()
async def handle(r, w):
    try:
        ur, uw = await asyncio.open_connection(next(hosts), int(os.environ["TARGET_PORT"]))
    except OSError:
        w.close(); return
    await asyncio.gather(pipe(r, uw), pipe(ur, w), return_exceptions=True)
async def main():
    server = await asyncio.start_server(handle, "0.0.0.0", int(os.environ["PORT"]))
    await server.serve_forever()
asyncio.run(main())
"""
PROBE_HTTP = """
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])) as r:
        sys.exit(0 if 200 <= r.status < 400 else 1)
except urllib.error.HTTPError as e:
    sys.exit(0 if 200 <= e.code < 400 else 1)
except Exception:
    sys.exit(1)
"""


def docker(*args: str, check: bool = True, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([DOCKER, *args], check=check, text=True, capture_output=capture)


def docker_size(quantity: str | None) -> str | None:
    """A Kubernetes quantity (64Mi, 1Gi) as Docker writes it (64m, 1g)."""
    return quantity.replace("Ki", "k").replace("Mi", "m").replace("Gi", "g") if quantity else None


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


class Cluster:
    def __init__(self, docs: list[dict], work: Path) -> None:
        self.docs = docs
        self.work = work
        self.network = f"{RUN}-net"
        self.config = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}
        self.secrets = {
            d["metadata"]["name"]: {k: base64.b64decode(v).decode() for k, v in (d.get("data") or {}).items()}
            for d in docs
            if d["kind"] == "Secret"
        }
        self.containers: list[str] = []
        self.volumes: list[str] = []

    # ------------------------------------------------------------ pods
    def env_args(self, container: dict) -> list[str]:
        env: dict[str, str] = {}
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                env.update(self.config[source["configMapRef"]["name"]])
            if "secretRef" in source:
                env.update(self.secrets[source["secretRef"]["name"]])
        for item in container.get("env", []):
            if "value" in item:
                env[item["name"]] = str(item["value"])
            elif "secretKeyRef" in item.get("valueFrom", {}):
                ref = item["valueFrom"]["secretKeyRef"]
                value = self.secrets.get(ref["name"], {}).get(ref["key"])
                if value is None and not ref.get("optional"):
                    raise SystemExit(f"missing secret {ref['name']}/{ref['key']}")
                if value is not None:
                    env[item["name"]] = value
            elif "configMapKeyRef" in item.get("valueFrom", {}):
                ref = item["valueFrom"]["configMapKeyRef"]
                env[item["name"]] = self.config[ref["name"]][ref["key"]]
        args: list[str] = []
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        return args

    def volume_args(self, pod_name: str, spec: dict, container: dict, claims: dict[str, str]) -> list[str]:
        fs_group = spec.get("securityContext", {}).get("fsGroup")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        args: list[str] = []
        for mount in container.get("volumeMounts", []):
            name, path = mount["name"], mount["mountPath"]
            if name in claims:  # like a PersistentVolume: nothing copied in from the image
                args += ["--mount", f"type=volume,source={claims[name]},target={path},volume-nocopy"]
                continue
            volume = volumes[name]
            if "emptyDir" in volume:
                size = docker_size(volume["emptyDir"].get("sizeLimit"))
                if path == "/dev/shm" and volume["emptyDir"].get("medium") == "Memory":
                    args += ["--shm-size", size or "64m"]  # Docker mounts its own /dev/shm there
                else:
                    args += ["--tmpfs", f"{path}:rw,exec,mode=1777" + (f",size={size}" if size else "")]
            elif "secret" in volume or "projected" in volume:
                folder = self.work / f"{pod_name}-{name}"
                if not folder.exists():
                    folder.mkdir(parents=True)
                    self.write_secret_files(volume, folder, fs_group)
                args += ["-v", f"{folder}:{path}:ro"]
            else:
                raise SystemExit(f"volume type of {name} not supported here: {volume}")
        return args

    def write_secret_files(self, volume: dict, folder: Path, fs_group: int | None) -> None:
        if "secret" in volume:
            sources = [{"secret": {"name": volume["secret"]["secretName"], "items": volume["secret"].get("items")}}]
            mode = volume["secret"].get("defaultMode", 0o644)
        else:
            sources = volume["projected"]["sources"]
            mode = volume["projected"].get("defaultMode", 0o644)
        for source in sources:
            secret = self.secrets.get(source["secret"]["name"])
            optional = source["secret"].get("optional", False)
            if secret is None:
                if optional:
                    continue
                raise SystemExit(f"missing Secret {source['secret']['name']}")
            items = source["secret"].get("items") or [{"key": k, "path": k} for k in secret]
            for item in items:
                if item["key"] not in secret:
                    if optional:
                        continue
                    raise SystemExit(f"missing key {item['key']} in Secret {source['secret']['name']}")
                target = folder / item["path"]
                target.write_text(secret[item["key"]])
                os.chmod(target, mode)
                if fs_group is not None:
                    os.chown(target, 0, fs_group)
        os.chmod(folder, 0o755)

    def security_args(self, spec: dict, container: dict) -> list[str]:
        pod = spec.get("securityContext", {})
        sc = container.get("securityContext", {})
        uid = sc.get("runAsUser", pod.get("runAsUser"))
        gid = sc.get("runAsGroup", pod.get("runAsGroup"))
        args: list[str] = []
        if uid is not None:
            args += ["--user", f"{uid}:{gid}" if gid is not None else str(uid)]
        if pod.get("fsGroup") is not None:
            args += ["--group-add", str(pod["fsGroup"])]
        if sc.get("readOnlyRootFilesystem"):
            args.append("--read-only")
        if "ALL" in sc.get("capabilities", {}).get("drop", []):
            args += ["--cap-drop", "ALL"]
        for cap in sc.get("capabilities", {}).get("add", []):
            args += ["--cap-add", cap]
        if sc.get("allowPrivilegeEscalation") is False:
            args += ["--security-opt", "no-new-privileges"]
        limits = container.get("resources", {}).get("limits", {})
        if "memory" in limits:
            args += ["--memory", docker_size(limits["memory"])]
        if "cpu" in limits:
            cpu = limits["cpu"]
            args += ["--cpus", str(int(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu))]
        return args

    def run_container(
        self, name: str, pod_name: str, spec: dict, container: dict, claims: dict[str, str], detach: bool, aliases: list[str] = ()
    ) -> subprocess.CompletedProcess:
        args = ["run", "--name", name, "--network", self.network, "--hostname", pod_name]
        for alias in aliases:
            args += ["--network-alias", alias]
        args += ["-d"] if detach else []
        args += self.env_args(container) + self.volume_args(pod_name, spec, container, claims)
        args += self.security_args(spec, container)
        command = container.get("command")
        if command:
            args += ["--entrypoint", command[0]]
        args += [container["image"]] + (command[1:] if command else []) + container.get("args", [])
        self.containers.append(name)
        return docker(*args, check=False)

    def claims_for(self, workload: dict) -> dict[str, str]:
        """A Docker volume per volumeClaimTemplate, owned by the pod's fsGroup (as a PVC would be)."""
        claims = {}
        spec = workload["spec"]["template"]["spec"]
        fs_group = spec.get("securityContext", {}).get("fsGroup")
        for template in workload["spec"].get("volumeClaimTemplates", []):
            volume = f"{RUN}-{workload['metadata']['name']}-{template['metadata']['name']}"
            docker("volume", "create", volume)
            self.volumes.append(volume)
            if fs_group is not None:
                container = spec["containers"][0]
                [path] = [m["mountPath"] for m in container["volumeMounts"] if m["name"] == template["metadata"]["name"]]
                docker(
                    "run",
                    "--rm",
                    "--user",
                    "0",
                    "--entrypoint",
                    "sh",
                    "--mount",
                    f"type=volume,source={volume},target={path},volume-nocopy",
                    container["image"],
                    "-c",
                    f"chown 0:{fs_group} {path} && chmod 2775 {path}",
                )
            claims[template["metadata"]["name"]] = volume
        return claims

    def start_pod(self, workload: dict, index: int = 0) -> dict[str, str]:
        """Runs one pod of the workload: init containers to completion, then the containers."""
        pod_name = f"{workload['metadata']['name']}-{index}"
        spec = workload["spec"]["template"]["spec"]
        if workload.get("spec", {}).get("volumeClaimTemplates") and index:
            raise SystemExit(f"{workload['metadata']['name']}: one pod with volume claims is supported here")
        claims = self.claims_for(workload)
        for init in spec.get("initContainers", []):
            name = f"{RUN}-{pod_name}-{init['name']}"
            say(f"init container {init['name']} of {workload['metadata']['name']}: {' '.join(init.get('command', []))}")
            result = self.run_container(name, pod_name, spec, init, claims, detach=False)
            if result.returncode != 0:
                raise SystemExit(f"init container {init['name']} failed:\n{result.stdout}\n{result.stderr}")
        started = {}
        for container in spec["containers"]:
            name = f"{RUN}-{pod_name}-{container['name']}"
            result = self.run_container(name, pod_name, spec, container, claims, detach=True)
            if result.returncode != 0:
                raise SystemExit(f"container {container['name']} did not start: {result.stderr}")
            started[container["name"]] = name
        return started

    # ------------------------------------------------------------ services and probes
    def services(self) -> list[dict]:
        return [d for d in self.docs if d["kind"] == "Service"]

    def start_service(self, service: dict, pods: dict[str, tuple[dict, list[str]]], publish: int | None) -> None:
        selector = service["spec"]["selector"]
        targets = [(w, c) for w, c in pods.values() if selector.items() <= w["spec"]["template"]["metadata"]["labels"].items()]
        if len(targets) != 1:
            raise SystemExit(f"Service {service['metadata']['name']} selects {len(targets)} workloads")
        workload, container_names = targets[0]
        name = service["metadata"]["name"]
        aliases = [name, f"{name}.{NAMESPACE}", f"{name}.{NAMESPACE}.svc", f"{name}.{NAMESPACE}.svc.{CLUSTER_DOMAIN}"]
        for port in service["spec"]["ports"]:
            target = port["targetPort"]
            if isinstance(target, str):
                target = self.named_port(workload, target)
            args = [
                "run",
                "-d",
                "--name",
                f"{RUN}-svc-{name}-{port['port']}",
                *self.helper_sandbox(),
                "-e",
                f"PORT={port['port']}",
                "-e",
                f"TARGET_HOSTS={','.join(container_names)}",
                "-e",
                f"TARGET_PORT={target}",
            ]
            for alias in aliases:
                args += ["--network-alias", alias]
            if publish is not None:
                args += ["-p", f"127.0.0.1:{publish}:{port['port']}"]
            args += ["--entrypoint", "python", "todo-backend:1.0.0", "-c", FORWARDER]
            self.containers.append(f"{RUN}-svc-{name}-{port['port']}")
            docker(*args)
            print(
                f"    Service {name}:{port['port']} -> {', '.join(container_names)} port {target}"
                + (f" (published on 127.0.0.1:{publish})" if publish else "")
            )

    def helper_sandbox(self) -> list[str]:
        """How our own helper containers (Service forwarders, probes) run: on the release's
        network, read-only, no capabilities, nobody's uid."""
        return ["--network", self.network, "--read-only", "--cap-drop", "ALL", "--user", "65534:65534"]

    @staticmethod
    def named_port(workload: dict, port_name: str) -> int:
        for container in workload["spec"]["template"]["spec"]["containers"]:
            for port in container.get("ports", []):
                if port.get("name") == port_name:
                    return port["containerPort"]
        raise SystemExit(f"no port named {port_name} in {workload['metadata']['name']}")

    def probe_once(self, workload: dict, container: dict, container_name: str, probe: dict) -> bool:
        timeout = probe.get("timeoutSeconds", 1)
        if "exec" in probe:
            result = docker("exec", container_name, *probe["exec"]["command"], check=False)
            return result.returncode == 0
        get = probe["httpGet"]
        port = get["port"]
        if isinstance(port, str):
            port = self.named_port(workload, port)
        url = f"http://{container_name}:{port}{get.get('path', '/')}"
        result = docker(
            "run",
            "--rm",
            *self.helper_sandbox(),
            "--entrypoint",
            "python",
            "todo-backend:1.0.0",
            "-c",
            PROBE_HTTP,
            url,
            str(timeout),
            check=False,
        )
        return result.returncode == 0

    def pass_probes(self, workload: dict, started: dict[str, str]) -> None:
        for container in workload["spec"]["template"]["spec"]["containers"]:
            name = started[container["name"]]
            startup = container.get("startupProbe")
            if startup:
                budget = startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3)
                deadline = time.monotonic() + budget
                began = time.monotonic()
                while not self.probe_once(workload, container, name, startup):
                    if time.monotonic() > deadline:
                        logs = docker("logs", "--tail", "30", name, check=False)
                        raise SystemExit(f"startup probe of {container['name']} failed for {budget}s\n{logs.stdout}{logs.stderr}")
                    time.sleep(min(startup.get("periodSeconds", 10), 1))
                print(f"    {workload['metadata']['name']}/{container['name']}: startup probe passed after {time.monotonic() - began:.1f}s")
            for kind in ("livenessProbe", "readinessProbe"):
                probe = container.get(kind)
                if not probe:
                    continue
                deadline = time.monotonic() + probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)
                while not self.probe_once(workload, container, name, probe):
                    if time.monotonic() > deadline:
                        raise SystemExit(f"{kind} of {container['name']} failed")
                    time.sleep(1)
                where = probe.get("httpGet", {}).get("path") or " ".join(probe["exec"]["command"][:1])
                print(f"    {workload['metadata']['name']}/{container['name']}: {kind} ({where}) passed")

    def stop_pods(self, pods: dict[str, tuple[dict, list[str]]]) -> None:
        """Stops every pod as the kubelet does: the preStop hook (which must succeed in the
        container as it runs, read-only and unprivileged), then SIGTERM, within the grace period.
        A workload's pods stop together, as a Deployment's do."""
        for workload, names in pods.values():
            with ThreadPoolExecutor(len(names)) as pool:
                for line in pool.map(lambda name, w=workload: self.stop_pod(w, name), names):
                    print(line)

    @staticmethod
    def stop_pod(workload: dict, container_name: str) -> str:
        spec = workload["spec"]["template"]["spec"]
        grace = spec.get("terminationGracePeriodSeconds", 30)
        container = spec["containers"][0]
        hook = container.get("lifecycle", {}).get("preStop", {}).get("exec")
        began = time.monotonic()
        if hook:
            result = docker("exec", container_name, *hook["command"], check=False)
            if result.returncode != 0:
                raise SystemExit(f"preStop hook {hook['command']} of {container_name} failed:\n{result.stderr}")
        docker("stop", "-t", str(max(1, int(grace - (time.monotonic() - began)))), container_name)
        took = time.monotonic() - began
        if took > grace:
            raise SystemExit(f"{workload['metadata']['name']} took {took:.1f}s to stop (grace period {grace}s)")
        return (
            f"    {container_name.removeprefix(RUN + '-')}: "
            + (f"preStop {' '.join(hook['command'])}, then " if hook else "")
            + f"stopped after {took:.1f}s (grace period {grace}s)"
        )

    def cleanup(self) -> None:
        if self.containers:
            docker("rm", "-f", "-v", *self.containers, check=False)
        if self.volumes:
            docker("volume", "rm", "-f", *self.volumes, check=False)
        docker("network", "rm", self.network, check=False)


def check_replicas(cluster: Cluster, backend: tuple[dict, list[str]], pods: dict[str, tuple[dict, list[str]]]) -> None:
    """Two backend pods on one database: scripts/ci/check-replicas.py beside them, then the delivery
    log (one row per reminder) and which pod fired how many (their logs)."""
    workload, (first, second) = backend[0], backend[1][:2]
    port = Cluster.named_port(workload, "http")
    say(f"two backend replicas: {first.removeprefix(RUN + '-')} and {second.removeprefix(RUN + '-')}")
    image = workload["spec"]["template"]["spec"]["containers"][0]["image"]
    mount = f"{ROOT / 'scripts' / 'ci' / 'check-replicas.py'}:/check-replicas.py:ro"
    urls = [f"http://{first}:{port}", f"http://{second}:{port}"]
    command = [DOCKER, "run", "--rm", *cluster.helper_sandbox(), "-v", mount, "--entrypoint", "python", image, "/check-replicas.py", *urls]
    result = subprocess.run(command, text=True, capture_output=True, check=False)
    lines = result.stdout.rstrip().splitlines()
    print("\n".join(line for line in lines if not line.startswith("user ")))
    if result.returncode != 0 or not lines or not lines[-1].startswith("user "):
        raise SystemExit(f"the replica check failed:\n{result.stdout}\n{result.stderr}")
    user = lines[-1].split()[1]
    database = [names[0] for w, names in pods.values() if w["kind"] == "StatefulSet"]
    if database:
        url = urllib.parse.urlsplit(next(s["DATABASE_URL"] for s in cluster.secrets.values() if "DATABASE_URL" in s))
        query = f"SELECT count(*), count(DISTINCT task_id) FROM reminder_deliveries WHERE user_id = '{user}'"
        counted = docker("exec", database[0], "psql", "-U", url.username or "postgres", "-d", url.path.lstrip("/"), "-tAc", query)
        rows, tasks = counted.stdout.strip().split("|")
        if rows != tasks:
            raise SystemExit(f"the delivery log holds {rows} rows for {tasks} reminders")
        print(f"  ok  the delivery log holds one row for each of its {tasks} reminders")
    fired = {}
    for container in (first, second):
        logs = docker("logs", container, check=False)
        fired[container.removeprefix(RUN + "-")] = sum(int(m) for m in re.findall(r"reminders fired: (\d+)", logs.stdout + logs.stderr))
    print("  ..  reminders each pod fired, verify-chatbot.sh's included: " + ", ".join(f"{name} {count}" for name, count in fired.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("helm")
    parser.add_argument("--port", type=int, default=18180, help="host port standing in for the NodePort")
    args, template_args = parser.parse_known_args()  # what follows `--` goes to helm template
    args.template_args = [a for a in template_args if a != "--"]

    rendered = subprocess.run(
        [
            *(args.helm, "template", "todo-chatbot", str(ROOT / "helm" / "todo-chatbot"), "--namespace", NAMESPACE),
            # the address verify-chatbot.sh reaches it at, as scripts/deploy-minikube.sh sets it
            *("--set-string", f"config.publicUrl=http://127.0.0.1:{args.port}", *args.template_args),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    docs = [d for d in yaml.safe_load_all(rendered) if d]
    work = Path(tempfile.mkdtemp(prefix="rendered-"))
    cluster = Cluster(docs, work)
    try:
        docker("network", "create", cluster.network)
        workloads = [d for d in docs if d["kind"] == "StatefulSet"] + [d for d in docs if d["kind"] == "Deployment"]
        pods: dict[str, tuple[dict, list[str]]] = {}
        frontend = next(s for s in cluster.services() if s["spec"]["type"] == "NodePort")
        for workload in workloads:
            replicas = workload["spec"].get("replicas", 1)
            say(f"{workload['kind']} {workload['metadata']['name']} ({replicas} pod{'s' if replicas != 1 else ''})")
            started = [cluster.start_pod(workload, index) for index in range(replicas)]
            pods[workload["metadata"]["name"]] = (workload, [next(iter(s.values())) for s in started])
            # its Services come up with it, so the next workload finds it by name
            for service in cluster.services():
                selects = service["spec"]["selector"].items() <= workload["spec"]["template"]["metadata"]["labels"].items()
                if selects:
                    cluster.start_service(
                        service,
                        {workload["metadata"]["name"]: pods[workload["metadata"]["name"]]},
                        args.port if service is frontend else None,
                    )
            for pod in started:
                cluster.pass_probes(workload, pod)
        for test in (d for d in docs if d["kind"] == "Pod" and d["metadata"].get("annotations", {}).get("helm.sh/hook") == "test"):
            say(f"helm test pod {test['metadata']['name']}")
            spec = test["spec"]
            for container in spec["containers"]:
                result = cluster.run_container(
                    f"{RUN}-{test['metadata']['name']}", test["metadata"]["name"], spec, container, {}, detach=False
                )
                print("    " + result.stdout.strip().replace("\n", "\n    "))
                if result.returncode != 0:
                    raise SystemExit(f"helm test pod failed:\n{result.stderr}")
        say(f"scripts/verify-chatbot.sh http://127.0.0.1:{args.port}")
        verify = subprocess.run(
            [str(ROOT / "scripts" / "verify-chatbot.sh"), f"http://127.0.0.1:{args.port}"], env={**os.environ, "SKIP_KUBECTL": "1"}
        )
        if verify.returncode != 0:
            return verify.returncode
        backend = next((p for p in pods.values() if p[0]["kind"] == "Deployment" and p[0]["metadata"]["name"].endswith("-backend")), None)
        if backend and len(backend[1]) >= 2:
            check_replicas(cluster, backend, pods)
        say("stopping the pods as the kubelet does (preStop hook, then SIGTERM)")
        cluster.stop_pods({k: pods[k] for k in reversed(list(pods))})  # front to back, database last
        say("the rendered workloads run, pass every probe, serve the chatbot and stop cleanly")
        return 0
    finally:
        cluster.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
