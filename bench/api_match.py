"""Throughput and latency of POST /match (one query per request) over real HTTP on loopback.

Starts `clearance serve` with 1 and then 2 workers on a store holding the full bundled lists
(SQLite by default, or `--db postgresql+psycopg://…`), drives it with wrk (a C load generator;
`apt-get install wrk`) and a Lua script that POSTs yente-shaped bodies, and reports requests/s,
p50 and p99 and every non-2xx answer or socket error. The baseline, measured the same way in
the same run, is GET /healthz (the HTTP stack with no matching), so the ratio shows what
matching costs. Without wrk, an asyncio httpx generator in a separate process stands in.
The servers' logs are kept (`--logs DIR`) so that any failure can be traced to its cause.

yente publishes ~4 req/s per vCPU with logic-v2 and ~15 with logic-v1.

    .venv/bin/python bench/api_match.py [--db URL] [--seconds 10] [--connections 8 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

NAMES = [
    "Huawei Technologies Co., Ltd.",
    "Xiaomi Corporation",
    "Rosneft Oil Company",
    "Ivan Petrov",
    "Al-Qaida",
    "Banco Nacional de Cuba",
    "Islamic Revolutionary Guard Corps",
    "Plain Bakery of Lyon",
    "华为技术有限公司",
    "Hikvision Digital Technology",
]
CLI = [sys.executable, "-c", "from clearance.cli import main; main()"]
# Every answer is summarised by wrk's `done` hook as one JSON line that this script reads.
LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\":%d,\\"failures\\":%d,\\"socket_errors\\":%d,"
    .. "\\"p50_ms\\":%.3f,\\"p99_ms\\":%.3f,\\"rps\\":%.2f}\\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
"""
LUA_MATCH = """
local names = {%s}
local key = os.getenv("CLEARANCE_BENCH_KEY")
local i = 0
request = function()
  i = i + 1
  local body = '{"queries":{"q":{"schema":"LegalEntity","properties":{"name":["'
    .. names[(i %% #names) + 1] .. '"]}}}}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["Authorization"] = "ApiKey " .. key}, body)
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wrk_scripts(folder: Path) -> dict[str, Path]:
    names = ", ".join(json.dumps(n, ensure_ascii=False) for n in NAMES)
    scripts = {"/healthz": LUA_DONE, "/match/default": LUA_MATCH % names + LUA_DONE}
    paths = {}
    for path, text in scripts.items():
        target = folder / f"{path.strip('/').replace('/', '_')}.lua"
        target.write_text(text, encoding="utf-8")
        paths[path] = target
    return paths


def run_wrk(
    url: str, path: str, key: str, seconds: float, connections: int, script: Path
) -> dict[str, float]:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "-s",
        str(script),
        url + path,
    ]
    env = {**os.environ, "CLEARANCE_BENCH_KEY": key}
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))  # type: ignore[no-any-return]


async def drive(
    url: str, path: str, key: str, seconds: float, concurrency: int
) -> dict[str, float]:
    """The fallback load generator: asyncio + httpx, `concurrency` requests in flight."""
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"ApiKey {key}"}
    limits = httpx.Limits(max_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal failures
        while time.perf_counter() < deadline:
            name = random.choice(NAMES)
            body = {"queries": {"q": {"schema": "LegalEntity", "properties": {"name": [name]}}}}
            start = time.perf_counter()
            if path == "/healthz":
                resp = await client.get(path)
            else:
                resp = await client.post(path, json=body)
            latencies.append(time.perf_counter() - start)
            failures += resp.status_code != 200

    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=60) as c:
        await asyncio.gather(*(worker(c) for _ in range(concurrency)))
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": failures,
        "socket_errors": 0,
        "rps": len(latencies) / seconds,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
    }


def run_python(url: str, path: str, key: str, seconds: float, connections: int) -> dict[str, float]:
    """Run the fallback generator in its own process, so it does not share the server's GIL."""
    here = str(Path(__file__).parent)
    call = f"b.drive({url!r}, {path!r}, {key!r}, {seconds!r}, {connections!r})"
    code = (
        f"import asyncio, json, sys; sys.path.insert(0, {here!r}); import api_match as b; "
        f"print(json.dumps(asyncio.run({call})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def serve(db: str, workers: int, cache: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "CLEARANCE_CACHE": cache}
    command = [*CLI, "--db", db, "serve", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as sink:
        proc = subprocess.Popen([*command, "--anonymous", "off"], env=env, stderr=sink)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    ready: set[int] = set()
    while time.monotonic() < deadline:
        try:
            # Every worker must be ready, not just the one that answers first: each names its
            # process, and a fresh connection may land on any of them.
            resp = httpx.get(f"{url}/readyz", timeout=2)
            if resp.status_code == 200:
                ready.add(resp.json()["worker"])
                if len(ready) >= workers:
                    return proc, url
                continue
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server did not become ready; see {log}")


def server_errors(log: Path) -> list[str]:
    """The error lines of a server log (one JSON object per line)."""
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        # /readyz answers 503 until the index is loaded: expected, not a failure.
        failed = entry.get("status", 200) >= 500 and entry.get("path") != "/readyz"
        if entry.get("level") in ("error", "critical") or failed:
            found.append(line[:300])
    return found


def report(label: str, r: dict[str, float]) -> str:
    return (
        f"  {label:<22}{r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms"
        f"  non-2xx {r['failures']:.0f}  socket errors {r['socket_errors']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", help="store URL; default: a fresh SQLite store of the bundled lists"
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, nargs="+", default=[4, 8, 16])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--logs", type=Path, help="where to keep the server logs")
    parser.add_argument("--python", action="store_true", help="use the Python load generator")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="clearance-bench-"))
    logs = args.logs or tmp
    logs.mkdir(parents=True, exist_ok=True)
    db = args.db or f"sqlite:///{tmp}/store.sqlite"
    key = subprocess.run(
        [*CLI, "--db", db, "keys", "create", "--role", "screen", "--label", "bench"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    use_wrk = shutil.which("wrk") is not None and not args.python
    scripts = wrk_scripts(tmp) if use_wrk else {}

    def load(url: str, path: str, seconds: float, connections: int) -> dict[str, float]:
        if use_wrk:
            return run_wrk(url, path, key, seconds, connections, scripts[path])
        return run_python(url, path, key, seconds, connections)

    generator = "wrk" if use_wrk else "python httpx"
    print(f"cpus={os.cpu_count()} seconds={args.seconds} generator={generator} db={db}")
    total_failures = 0
    for workers in args.workers:
        log = logs / f"server-{workers}w.log"
        proc, url = serve(db, workers, f"{tmp}/cache", log)
        try:
            version = httpx.get(f"{url}/readyz").json()["data_version"]
            print(f"workers={workers} data={version}")
            load(url, "/match/default", 2.0, 8)  # warm-up
            for connections in args.connections:
                base = load(url, "/healthz", args.seconds, connections)
                match = load(url, "/match/default", args.seconds, connections)
                total_failures += int(match["failures"] + match["socket_errors"])
                total_failures += int(base["failures"] + base["socket_errors"])
                print(f" connections={connections}")
                print(report("/healthz baseline", base))
                print(report("/match one query", match))
                per_worker = match["rps"] / workers
                ratio = match["rps"] / base["rps"] if base["rps"] else float("nan")
                print(
                    f"  match/baseline {ratio:.2f}; per worker "
                    f"{per_worker:.1f} req/s = {per_worker / 4:.0f}x yente logic-v2 (~4/vCPU), "
                    f"{per_worker / 15:.1f}x logic-v1 (~15/vCPU)"
                )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        errors = server_errors(log)
        print(f"  server log {log}: {len(errors)} error lines")
        for line in errors[:5]:
            print(f"    {line}")
    print(f"failed requests in all runs: {total_failures}")


if __name__ == "__main__":
    main()
