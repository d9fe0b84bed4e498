#!/usr/bin/env python3
"""Proves that a code-only change to the backend ships a small layer, not the dependencies again.

Builds the backend image from a copy of its build context, changes one line of one
.py file in the copy, builds again, and measures the layers the second image has and
the first has not (their uncompressed sizes, from `docker save`). They must total
under 3 MB (the application's own files, its sources and their bytecode: 2.05 MB at
33744a7, against 232 MB of dependencies), and the dependency layer must be shared.
Leaves no image behind.

Usage: check-image-layers.py [--limit-mb 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKER = os.environ.get("DOCKER", "/usr/bin/docker")
# What the backend image's build reads (docker/backend/Dockerfile.dockerignore lets in no more).
CONTEXT = [
    "backend/requirements.lock",
    "backend/pyproject.toml",
    "backend/README.md",
    "backend/todo_chatbot",
    "docker/backend/Dockerfile",
    "docker/backend/Dockerfile.dockerignore",
]


def docker(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([DOCKER, *args], check=True, text=True, capture_output=True, **kwargs)


def build(context: Path, tag: str) -> list[str]:
    """Builds the image; returns its layers' diff ids, base first."""
    subprocess.run(
        [DOCKER, "build", "-q", "-f", "docker/backend/Dockerfile", "-t", tag, "."],
        cwd=context,
        check=True,
        env={**os.environ, "DOCKER_BUILDKIT": "1"},
        stdout=subprocess.DEVNULL,
    )
    return json.loads(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", tag).stdout)


def layer_sizes(tag: str) -> dict[str, int]:
    """diff id -> uncompressed size of each layer of the image, read from `docker save` as it streams."""
    blobs: dict[str, int] = {}
    manifest: list[dict] = []
    with subprocess.Popen([DOCKER, "save", tag], stdout=subprocess.PIPE) as save, tarfile.open(fileobj=save.stdout, mode="r|") as archive:
        for member in archive:
            if member.name == "manifest.json":
                manifest = json.load(archive.extractfile(member))
            elif member.isfile():
                blobs[member.name] = member.size
    if save.returncode != 0 or not manifest:
        raise SystemExit(f"docker save {tag} failed")
    [image] = manifest
    ids = json.loads(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", tag).stdout)
    return {diff_id: blobs[path] for diff_id, path in zip(ids, image["Layers"], strict=True)}


def base_image() -> str:
    """The runtime stage's base: the default of the Dockerfile's PYTHON_IMAGE argument."""
    for line in (ROOT / "docker" / "backend" / "Dockerfile").read_text().splitlines():
        if line.startswith("ARG PYTHON_IMAGE="):
            return line.split("=", 1)[1].strip()
    raise SystemExit("no ARG PYTHON_IMAGE in docker/backend/Dockerfile")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit-mb", type=float, default=3.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="layers-"))
    tags = [f"todo-backend:layers-{os.getpid()}-{n}" for n in ("before", "after")]
    try:
        for item in CONTEXT:
            source, target = ROOT / item, work / item
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target)
        print(f"==> building {tags[0]}", flush=True)
        before = build(work, tags[0])
        changed = work / "backend" / "todo_chatbot" / "cli.py"
        changed.write_text(changed.read_text() + "\n# a code-only change\n")
        print(f"==> changed {changed.relative_to(work)}; building {tags[1]}", flush=True)
        after = build(work, tags[1])
        sizes = layer_sizes(tags[1])
        new = [layer for layer in after if layer not in before]
        shared = [layer for layer in after if layer in before]
        shipped = sum(sizes[layer] for layer in new)
        base = set(json.loads(docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", base_image()).stdout))
        dependencies = max((layer for layer in after if layer not in base), key=sizes.get)  # the image's own biggest
        print(
            f"    {len(after)} layers, {len(new)} new: {shipped / 1e6:.2f} MB to ship (the image: "
            f"{sum(sizes.values()) / 1e6:.1f} MB; its dependency layer, {sizes[dependencies] / 1e6:.1f} MB, "
            f"{'shared' if dependencies in shared else 'NEW'})"
        )
        if not new:
            raise SystemExit("the change made no new layer: was the code copied at all?")
        if dependencies not in shared:
            raise SystemExit("the dependency layer was rebuilt for a code-only change")
        if shipped >= args.limit_mb * 1e6:
            raise SystemExit(f"a code-only change ships {shipped / 1e6:.2f} MB (limit {args.limit_mb} MB)")
        print(f"==> a code-only change ships {shipped / 1e6:.2f} MB (under {args.limit_mb} MB)")
        return 0
    finally:
        subprocess.run([DOCKER, "rmi", "-f", *tags], check=False, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
