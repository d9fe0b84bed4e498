#!/usr/bin/env python3
"""What hostile clients cost the server: its memory (resident set, sampled every 50 ms) and
whether /health/live keeps answering, while one client after another tries:

- four 100 MB bodies announced to /api/auth/login, and four streamed (chunked) ones;
- a 10 MB JSON array to /api/auth/login;
- 3,000 slow-drip connections ("slowloris"), one header byte per second each, for 15 s;
- a 100 MB header;
- 1,000 GET /mcp.

    .venv/bin/python bench/hostile_bench.py                         # SQLite in a temporary folder
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/hostile_bench.py
    .venv/bin/python bench/hostile_bench.py --backend OTHER/backend # another checkout

Results: stdout and bench/results/hostile_bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from chat_bench import BACKEND, Server, rss_mb, save

MB = 1024 * 1024


class Sampler(threading.Thread):
    """The server's resident memory, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, rss_mb(pid), True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.05)


async def announced_body(host: str, port: int) -> str:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n" + b"x" * 65536
    )
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), 30)
    except TimeoutError:
        line = b"no answer in 30 s (the server waits for the rest of the body)"
    writer.close()
    return line.decode().strip()


async def streamed(url: str, path: str, total: int, chunk: bytes) -> int:
    async def body():
        sent = 0
        while sent < total:
            sent += len(chunk)
            yield chunk

    async with httpx.AsyncClient(timeout=120) as client:
        try:
            response = await client.post(url + path, content=body(), headers={"Content-Type": "application/json"})
            return response.status_code
        except httpx.HTTPError:
            return 0  # cut off while sending: also a refusal


async def huge_header(host: str, port: int) -> str:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Huge: ")
    answer = b""
    try:
        for _ in range(100 * 16):  # 100 MB in 64 KB pieces, unless it is stopped
            writer.write(b"a" * 65536)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    with contextlib.suppress(ConnectionError, OSError, TimeoutError):
        answer = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    return answer.decode(errors="replace").strip() or "closed"


async def slowloris(host: str, port: int, connections: int, seconds: float, url: str) -> dict:
    writers = []
    for _ in range(connections):
        try:
            _, writer = await asyncio.open_connection(host, port)
            writer.write(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
            writers.append(writer)
        except OSError:
            break
    probes: list[tuple[int, float]] = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for writer in writers:
                if not writer.is_closing():
                    writer.write(b"X")  # one more header byte
            started = time.perf_counter()
            try:
                status = (await client.get("/health/live")).status_code
            except httpx.HTTPError:
                status = 0
            probes.append((status, (time.perf_counter() - started) * 1000))
            await asyncio.sleep(1)
    still_open = sum(not w.is_closing() and not w.transport.is_closing() for w in writers)
    for writer in writers:
        writer.close()
    return {
        "connections opened": len(writers),
        "/health/live answers": sorted({s for s, _ in probes}),
        "/health/live p50 ms": round(statistics.median(t for _, t in probes), 1),
        "probes": len(probes),
        "still open at the end (client's view)": still_open,
    }


async def run(url: str, sampler: Sampler, pid: int) -> dict:
    host, port = url.removeprefix("http://").split(":")
    port_n = int(port)
    results: dict = {}

    async def step(name: str, probe) -> None:
        before = rss_mb(pid)
        sampler.peak = before
        outcome = await probe
        await asyncio.sleep(0.5)
        results[name] = {
            "outcome": outcome,
            "rss before MB": round(before, 1),
            "peak +MB": round(sampler.peak - before, 1),
            "after +MB": round(rss_mb(pid) - before, 1),
        }
        print(name, results[name], flush=True)

    await step("4 announced 100 MB bodies", asyncio.gather(*(announced_body(host, port_n) for _ in range(4))))
    await step("4 streamed 100 MB bodies", asyncio.gather(*(streamed(url, "/api/auth/login", 100 * MB, b"x" * 65536) for _ in range(4))))
    await step("10 MB JSON array", streamed(url, "/api/auth/login", 10 * MB, b"1," * 32768))
    await step("3,000 slow-drip connections, 15 s", slowloris(host, port_n, 3000, 15, url))
    await step("100 MB header", huge_header(host, port_n))

    async def mcp_gets() -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            answers = await asyncio.gather(*(client.get("/mcp", headers={"Accept": "text/event-stream"}) for _ in range(1000)))
        return sorted({a.status_code for a in answers})

    await step("1,000 GET /mcp", mcp_gets())
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        results["/health/live afterwards"] = (await client.get("/health/live")).status_code
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", type=Path, default=BACKEND)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 20000), hard))  # for 3,000 sockets each side
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/hostile.db"
    with Server(database_url, backend=args.backend) as server:
        sampler = Sampler(server.proc.pid)
        sampler.start()
        result = {"rss at start MB": round(rss_mb(server.proc.pid), 1)}
        result |= asyncio.run(run(server.url, sampler, server.proc.pid))
        sampler.running = False
    save("hostile_bench", result)


if __name__ == "__main__":
    main()
