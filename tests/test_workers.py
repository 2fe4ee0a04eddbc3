"""`crosscheck serve --workers N`: several real server processes on one loopback port over one SQLite file.

What a reader relies on: every worker answers with the same claim set (a page added through one is seen by all),
a worker that dies is replaced without the port going away, and stopping or killing the server takes every
worker with it (no orphan keeps the port or the database)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from serve_process import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "fixtures" / "pages"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork()")


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(cond, timeout=20.0, what="condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _request(base: str, path: str, body: dict | None = None, method: str | None = None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method or ("POST" if data else "GET"),
                                 headers={"Content-Type": "application/json", "Connection": "close"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, json.loads(resp.read())


class _Server(ServeProcess):
    def __init__(self, db: Path, workers: int):
        super().__init__(db, db.with_name("serve.log"), args=("--workers", workers), wait=False)

    def up(self, workers: int) -> None:
        self.wait_ready(60, ready=lambda: len(_children(self.proc.pid)) == workers)

    def stop(self) -> None:
        super().stop(kill=True)


@pytest.fixture
def server(tmp_path, builtin_db_template):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    s = _Server(db, 2)
    try:
        s.up(2)
        yield s
    finally:
        s.stop()


def test_every_worker_answers_with_the_same_claim_set(server):
    before = {s["url"] for s in _request(server.base, "/v1/sources")[1]}
    html = (PAGES / "courier.html").read_text(encoding="utf-8")
    status, added = _request(server.base, "/v1/sources", {"url": "https://courier.test/quake", "html": html})
    assert status in (200, 201) and added["url"] == "https://courier.test/quake"
    # each request on a new connection: the kernel spreads them over both workers
    with ThreadPoolExecutor(8) as pool:
        lists = list(pool.map(lambda _: _request(server.base, "/v1/sources")[1], range(24)))
    assert all({s["url"] for s in lst} == before | {"https://courier.test/quake"} for lst in lists)
    page = (PAGES / "ajp.html").read_text(encoding="utf-8")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _request(server.base, "/v1/annotate", {"html": page}), range(16)))
    assert {status for status, _ in answers} == {200}
    bodies = {json.dumps(body, sort_keys=True) for _, body in answers}
    assert len(bodies) == 1 and json.loads(bodies.pop())["figures"]


def test_a_worker_that_dies_is_replaced(server):
    first = _children(server.proc.pid)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    _wait(lambda: len(_children(server.proc.pid)) == 2 and victim not in _children(server.proc.pid), 30,
          "a new worker")
    assert _request(server.base, "/healthz")[0] == 200
    assert server.proc.poll() is None


def test_sigterm_stops_every_worker(server):
    workers = _children(server.proc.pid)
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(20) == 0
    _wait(lambda: not any(_alive(p) for p in workers), 20, "the workers to exit")


def test_killing_the_server_takes_its_workers_along(server):
    workers = _children(server.proc.pid)
    server.proc.kill()
    server.proc.wait(10)
    _wait(lambda: not any(_alive(p) for p in workers), 20, "the workers to exit")
    with pytest.raises(OSError):
        _request(server.base, "/healthz")


def test_workers_must_be_positive(tmp_path):
    r = subprocess.run([sys.executable, "-m", "crosscheck", "serve", "--workers", "0", "--db",
                        str(tmp_path / "c.sqlite")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--workers" in r.stderr
