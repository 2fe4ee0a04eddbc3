"""Shared fixtures: a fresh claim set per test, and a service over it filled with the built-in claim set. The
built-in set is ingested once per session into a template that each test copies: a SQLite file, or a PostgreSQL
database on a throwaway server (postgres_server.py) that runs for the session.

The store-facing fixtures run on SQLite by default; a module (or test) marked `both_stores` runs on both stores,
SQLite and PostgreSQL, through `store_kind`. CROSSCHECK_SKIP_POSTGRES=1 skips the PostgreSQL runs explicitly;
without it, a missing PostgreSQL fails them (`make test` installs it)."""
import itertools
import os
import shutil

import pytest

from crosscheck.service import Crosscheck
from crosscheck.claims.store import open_store
from crosscheck.claims.store_sqlite import SQLiteStore
from postgres_server import SKIP_ENV as PG_SKIP_ENV, PostgresServer, server_binaries

STORE_KINDS = ("sqlite", "postgres")
BUILTIN_DB = "crosscheck_builtin"
_databases = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line("markers", "both_stores: run on the SQLite and on the PostgreSQL store (store_kind)")


def pytest_generate_tests(metafunc):
    if "store_kind" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_stores"):
        metafunc.parametrize("store_kind", STORE_KINDS, indirect=True)


@pytest.fixture
def store_kind(request) -> str:
    """"sqlite" or "postgres": which store this test's claim sets are in."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of its own for the session, on 127.0.0.1, stopped and removed at the end."""
    if os.environ.get(PG_SKIP_ENV) == "1":
        pytest.skip(f"{PG_SKIP_ENV}=1: PostgreSQL tests skipped on request")
    binaries = server_binaries()
    if binaries is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs it (apt-get install postgresql); set "
                    f"{PG_SKIP_ENV}=1 to skip the PostgreSQL tests explicitly", pytrace=False)
    server = PostgresServer(binaries).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def builtin_db_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("builtin") / "claims.sqlite"
    store = SQLiteStore(path)
    Crosscheck(store).ensure_builtin()
    store.close()             # the last connection checkpoints the WAL: one self-contained file to copy
    return path


@pytest.fixture(scope="session")
def builtin_pg_template(postgres_server) -> str:
    """The name of a PostgreSQL database holding the built-in claim set (nobody stays connected: it is copied)."""
    store = open_store(postgres_server.create_database(BUILTIN_DB))
    Crosscheck(store).ensure_builtin()
    store.close()
    return BUILTIN_DB


class ClaimSets:
    """Fresh claim sets of one kind for one test: new() gives where one is (a SQLite path or a PostgreSQL URL),
    empty or with the built-in claim set; the test's PostgreSQL databases are dropped at its end."""

    def __init__(self, request, kind: str, tmp_path):
        self.request, self.kind, self.tmp_path = request, kind, tmp_path
        self.databases: list[str] = []

    def new(self, name: str = "claims", *, builtin: bool = True) -> str:
        if self.kind == "sqlite":
            path = self.tmp_path / f"{name}.sqlite"
            if builtin:
                shutil.copyfile(self.request.getfixturevalue("builtin_db_template"), path)
            return str(path)
        server = self.request.getfixturevalue("postgres_server")
        template = self.request.getfixturevalue("builtin_pg_template") if builtin else None
        db = f"test_{next(_databases)}_{name}"
        self.databases.append(db)
        return server.create_database(db, template)

    def drop(self) -> None:
        if self.databases:
            server = self.request.getfixturevalue("postgres_server")
            for db in self.databases:
                server.drop_database(db)


@pytest.fixture
def claim_sets(request, store_kind, tmp_path):
    sets = ClaimSets(request, store_kind, tmp_path)
    yield sets
    sets.drop()


@pytest.fixture
def db_path(tmp_path):
    """A path for a fresh, empty claim set file."""
    return tmp_path / "claims.sqlite"


@pytest.fixture
def store(claim_sets):
    """A real store (SQLite in tmp_path, or a PostgreSQL database for both_stores tests), filled with the
    built-in claim set."""
    s = open_store(claim_sets.new())
    yield s
    s.close()


@pytest.fixture
def service(store):
    """The Crosscheck service over `store` (built-in claim set in place)."""
    svc = Crosscheck(store)
    assert svc.ensure_builtin() == 0 and store.counts()["sources"] == 5
    return svc


@pytest.fixture(scope="module")
def chromium():
    """The Chromium the browser tests drive (browser_helpers.require_browser: skips or fails clearly without it)."""
    from browser_helpers import require_browser
    return require_browser()


@pytest.fixture
def server(tmp_path, builtin_db_template):
    """The real server, started on loopback over a copy of the built-in claim set (modules that need another
    server define their own `server`)."""
    from browser_helpers import SKIP_ENV, start_server
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1")
    srv = start_server(tmp_path, builtin_db_template)
    yield srv
    srv.stop()
