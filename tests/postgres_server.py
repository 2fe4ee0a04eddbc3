"""A throwaway PostgreSQL server for the tests and the benchmarks: initdb into a temporary folder, postgres on
127.0.0.1 on a free port with its unix socket in that folder, stopped and removed at the end. Debian's server
binaries are in /usr/lib/postgresql/<version>/bin, not on PATH; `make test` installs the package when they are
missing. initdb refuses to run as root: as root, the cluster is made and run as `nobody`, in a folder it owns.
Trust authentication on loopback: the cluster holds test data only and lives as long as the test session."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SKIP_ENV = "CROSSCHECK_SKIP_POSTGRES"
RUN_AS = "nobody"
# a throwaway cluster need not survive a crash: no fsync, and room for several servers' pools at once
SETTINGS = {"listen_addresses": "127.0.0.1", "fsync": "off", "synchronous_commit": "off",
            "full_page_writes": "off", "max_connections": "300"}


def server_binaries() -> Path | None:
    """The folder of initdb, pg_ctl and postgres: on PATH (through a symlink to the real folder), else the
    newest of Debian's versions."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        folder = Path(found).resolve().parent
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """start() -> the server is up; url(db) for a database on it; stop() removes everything."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.dir: Path | None = None
        self.port = 0
        self._as_user: list[str] = []

    def _run(self, *argv: str, timeout: float = 120) -> None:
        proc = subprocess.run([*self._as_user, *argv], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=timeout, cwd=self.dir)
        if proc.returncode:
            log = self.dir / "server.log" if self.dir else None
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{Path(argv[0]).name} failed ({proc.returncode}): {proc.stdout.strip()}\n{tail}")

    def start(self) -> "PostgresServer":
        self.dir = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam(RUN_AS)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", RUN_AS, "--"]
        data = self.dir / "data"
        try:
            self._run(str(self.binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--no-locale", "--no-sync")
            self.port = free_port()
            options = " ".join(f"-c {k}={v}" for k, v in {**SETTINGS, "port": self.port,
                                                          "unix_socket_directories": self.dir}.items())
            self._run(str(self.binaries / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"), "-w",
                      "-t", "60", "-o", options, "start")
        except BaseException:
            self.stop()
            raise
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template`'s, which nobody may be connected to); its URL."""
        copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        self.admin(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.dir is None:
            return
        data = self.dir / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run(str(self.binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", timeout=60)
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
