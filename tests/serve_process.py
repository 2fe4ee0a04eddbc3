"""The real server as the tests start it: `python -m crosscheck serve --port P --db DB [args]` on loopback, ready
once /healthz answers, stopped (or killed) at the end; with `token`, started with that access token, which its
requests carry. One helper for the browser, load, privacy, worker and
fault tests, so that starting, waiting and stopping a server is written once."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """The server's output goes to `log` (a pipe nobody reads would fill up); `argv` replaces the command before
    `--port` (a wrapper that runs it under a debugger, say); `new_session` puts it and its workers in their own
    process group, for tests that kill the group; `wait=False` leaves the readiness check to the caller."""

    def __init__(self, db: Path, log: Path | None = None, *, args: tuple = (), extra_env: dict | None = None,
                 argv: list[str] | None = None, new_session: bool = False, wait: bool = True,
                 token: str | None = None):
        self.port = free_port()
        self.base = self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.log_file = open(log, "w", encoding="utf-8") if log else None
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        env.pop("CROSSCHECK_DB", None)
        env.pop("CROSSCHECK_TOKEN", None)
        if token:                 # (in the environment, as a team would: not in the process list)
            env["CROSSCHECK_TOKEN"] = token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        cmd = argv or [sys.executable, "-m", "crosscheck", "serve"]
        self.proc = subprocess.Popen([*cmd, "--port", str(self.port), "--db", str(db), *map(str, args)], cwd=ROOT,
                                     env=env, stdout=self.log_file or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                     start_new_session=new_session)
        if wait:
            self.wait_ready()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log else ""

    def wait_ready(self, timeout: float = 30, ready=None) -> None:
        """Until /healthz answers (and `ready()` holds, when given); raises when the server exits first."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("crosscheck serve exited: " + self.output())
            try:
                if self.get("/healthz")[0] == 200 and (ready is None or ready()):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"crosscheck serve did not start in {timeout:.0f} s")
            time.sleep(0.05)

    def request(self, method: str, path: str, body: dict | None = None, timeout: float = 60):
        """(status, decoded JSON body, or the raw bytes when the body is not JSON)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={**self.headers, **({"Content-Type": "application/json"} if data else {})})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw

    def get(self, path: str):
        return self.request("GET", path, timeout=5)

    def stop(self, kill: bool = False) -> None:
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log_file:
            self.log_file.close()
