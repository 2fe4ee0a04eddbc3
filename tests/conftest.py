"""Shared fixtures: a fresh SQLite claim set per test (in tmp_path), and a service over it filled with the
built-in claim set. The built-in set is ingested once per session into a template file that each test copies."""
import os
import shutil

import pytest

from crosscheck.service import Crosscheck
from crosscheck.claims.store_sqlite import SQLiteStore


@pytest.fixture(scope="session")
def builtin_db_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("builtin") / "claims.sqlite"
    store = SQLiteStore(path)
    Crosscheck(store).ensure_builtin()
    store.close()             # the last connection checkpoints the WAL: one self-contained file to copy
    return path


@pytest.fixture
def db_path(tmp_path):
    """A path for a fresh, empty claim set file."""
    return tmp_path / "claims.sqlite"


@pytest.fixture
def store(tmp_path, builtin_db_template):
    """A real SQLite store in tmp_path, filled with the built-in claim set."""
    path = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, path)
    s = SQLiteStore(path)
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
