"""Several server processes on one listening socket (`crosscheck serve --workers N`).

Reading a page is pure Python, so one process uses one core. Each worker is a forked copy of the server with
its own SQLite connection (WAL lets them read at once; writes take turns); the kernel hands a new connection
to a worker waiting in accept(), so an idle worker takes it while another is busy reading a page. The parent
only watches: it restarts a worker that dies, stops them all on SIGINT/SIGTERM, and the workers die with it
even when it is killed outright (PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import time
from typing import Callable

RESTARTS = 5           # workers restarted within RESTART_WINDOW seconds before the server gives up
RESTART_WINDOW = 30.0
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    return sock


class _Stop(Exception):
    pass


def _raise_stop(signum, _frame):
    raise _Stop(signum)


def _die_with_parent(parent: int) -> None:
    """SIGTERM this process when the parent goes away, however it goes (Linux); elsewhere a worker notices
    on its next accept that nobody restarts it, which is good enough for a local server."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)          # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:                 # the parent died before prctl took effect
        os._exit(0)


def run(sock: socket.socket, workers: int, serve: Callable[[socket.socket], None], log=print) -> int:
    """Fork `workers` processes that each call serve(sock) (which runs until SIGINT/SIGTERM) and watch them.
    Returns the exit status for the command."""
    parent = os.getpid()
    children: dict[int, int] = {}          # pid -> worker number
    restarts: list[float] = []

    def worker(number: int, mask) -> None:
        """The forked child: serve until stopped, then leave (never returns)."""
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            _die_with_parent(parent)
            serve(sock)
        except BaseException as exc:   # noqa: BLE001 - report and leave; the parent decides what next
            if not isinstance(exc, (KeyboardInterrupt, SystemExit)):
                print(f"crosscheck serve: worker {number} failed: {exc!r}", file=sys.stderr, flush=True)
                code = 1
        finally:
            os._exit(code)

    def spawn(number: int) -> None:
        # Stop signals are held back while forking: one landing in fork's after-fork hooks (logging's) had its
        # exception printed and dropped there, and the parent then waited for its workers forever.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            pid = os.fork()
            if pid == 0:
                worker(number, mask)
            children[pid] = number
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)     # a stop held back is raised here

    old = {s: signal.signal(s, _raise_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    status = 0
    try:
        for number in range(workers):
            spawn(number)
        while children:
            pid, wstatus = os.wait()
            number = children.pop(pid, None)
            if number is None:
                continue
            now = time.monotonic()
            restarts[:] = [t for t in restarts if now - t < RESTART_WINDOW] + [now]
            code = os.waitstatus_to_exitcode(wstatus)
            if len(restarts) > RESTARTS:
                log(f"crosscheck serve: workers keep exiting (last: {code}); stopping")
                status = 1
                break
            log(f"crosscheck serve: worker {number} exited ({code}); starting it again")
            spawn(number)
    except _Stop:
        pass
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while children and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                children.pop(pid, None)
            else:
                time.sleep(0.05)
        for pid in children:               # still there after 10 s
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        sock.close()
    return status
