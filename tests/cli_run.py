"""The real command line in a subprocess, as a reader runs it: one helper for the CLI tests."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, columns: int = 80, check: bool = True) -> subprocess.CompletedProcess:
    """`python -m crosscheck ARGS` from the checkout, in a terminal this wide, without the caller's
    $CROSSCHECK_DB; with check, a non-zero exit fails the test with the command's stderr."""
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("CROSSCHECK_DB", None)
    proc = subprocess.run([sys.executable, "-m", "crosscheck", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc
