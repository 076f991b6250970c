"""Kept-alive connections are shared evenly by the web processes (handlers/gunicorn_worker.py):
the real gunicorn with handlers/gunicorn_conf.py, ten connections held open at once."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handlers import gunicorn_worker
from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(120)


def test_slots_are_claimed_released_and_taken_over_from_dead_workers():
    me = os.getpid()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    first = gunicorn_worker.claim_slot(int(dead))            # a worker that has since died
    try:
        gunicorn_worker._CONNS[first] = 0
        assert gunicorn_worker.fewest_elsewhere(-1) is None    # a dead worker is not counted
        mine = gunicorn_worker.claim_slot(me)
        assert mine == first and gunicorn_worker._CONNS[mine] == 0     # taken over, reset
        gunicorn_worker._CONNS[mine] = 7
        assert gunicorn_worker.fewest_elsewhere(-1) == 7               # a live one is
        assert gunicorn_worker.fewest_elsewhere(mine) is None          # but not by itself
        assert gunicorn_worker.claim_slot(me) == mine                  # idempotent
    finally:
        gunicorn_worker.release_slot(first, me)
    assert gunicorn_worker._OWNERS[first] == 0


def _established(port: int) -> dict[str, int]:
    """Inode of each established TCP connection to `port` -> 1 (from /proc/net/tcp*)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                found[fields[9]] = 1
    return found


def _connections_by_worker(master: int, port: int) -> list[int]:
    inodes = _established(port)
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    counts = []
    for pid in children:
        held = 0
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held += 1
        counts.append(held)
    return sorted(counts)


def test_ten_kept_alive_connections_are_split_evenly_between_two_processes(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "2",
           "WEB_THREADS": "4"}
    log = open(tmp_path / "gunicorn.log", "wb")
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c",
                               str(ROOT / "handlers/gunicorn_conf.py"), "scripts.bare_app:app"],
                              cwd=ROOT, env=env, stdout=log, stderr=log)
    clients: list[socket.socket] = []
    try:
        deadline = time.time() + 30
        while len(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()) < 2 \
                or not _try_connect(port):
            assert time.time() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.1)
        time.sleep(0.5)                                     # both workers polling
        request = (f"POST /webhooks/twilio HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Content-Length: 0\r\n\r\n").encode()
        for _ in range(10):                                  # a burst, as a pool opens them
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(request)
            clients.append(client)
        for client in clients:                               # each answered, kept open
            assert client.recv(4096).startswith(b"HTTP/1.1 200")
        counts = _connections_by_worker(server.pid, port)
        assert sum(counts) == 10 and counts[0] >= 4, counts
    finally:
        for client in clients:
            client.close()
        server.terminate()
        server.wait(15)


def _try_connect(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def test_the_access_log_names_no_client_and_keeps_no_query_string(tmp_path):
    """With ACCESS_LOG set, each request is one line without the client's address (a web
    chat whistleblower's IP is personal data) or the query string."""
    port = free_port()
    access = tmp_path / "access.log"
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1",
           "WEB_THREADS": "2", "ACCESS_LOG": str(access)}
    log = open(tmp_path / "gunicorn.log", "wb")
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c",
                               str(ROOT / "handlers/gunicorn_conf.py"), "scripts.bare_app:app"],
                              cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.time() + 30
        while not _try_connect(port):
            assert time.time() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.1)
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall((f"POST /webhooks/twilio?session=s3cr3t-token HTTP/1.1\r\n"
                        f"Host: 127.0.0.1:{port}\r\nContent-Length: 0\r\n"
                        "Connection: close\r\n\r\n").encode())
        assert client.recv(4096).startswith(b"HTTP/1.1 200")
        client.close()
        while "/webhooks/twilio" not in (access.read_text() if access.exists() else ""):
            assert time.time() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(15)
    line = access.read_text().strip()
    assert '"POST /webhooks/twilio HTTP/1.1" 200' in line
    assert "127.0.0.1" not in line and "s3cr3t" not in line and "session=" not in line
