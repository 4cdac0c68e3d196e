"""`wirewatch serve` for real: it serves, prints the token it made, stops on Ctrl-C,
and refuses a busy port or a missing store with a coded error."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from wirewatch.store import open_store

WIREWATCH = Path(sys.executable).with_name("wirewatch")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}


def test_serve_answers_prints_its_token_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).close()
    port = free_port()
    child = subprocess.Popen(
        [str(WIREWATCH), "serve", "--db", url, "--port", str(port)],
        stderr=subprocess.PIPE,
        env=clean_env(),
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert child.poll() is None, "serve stopped"
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        assert answer.status_code == 200
        assert "The store holds no articles yet" in answer.text
    finally:
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=20)
    text = stderr.decode()
    assert child.returncode == 0, text
    assert f"serving on http://127.0.0.1:{port}/" in text
    assert "web token for following (sign in with it): " in text
    assert "Traceback" not in text


def test_busy_port_and_missing_store_are_coded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run(
            [str(WIREWATCH), "serve", "--db", url, "--port", str(port)],
            capture_output=True,
            env=clean_env(),
            timeout=60,
        )
    assert run.returncode == 2
    assert b"WW800" in run.stderr and b"the port is in use" in run.stderr
    missing = subprocess.run(
        [str(WIREWATCH), "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        env=clean_env(),
        timeout=60,
    )
    assert missing.returncode == 2
    assert b"WW503" in missing.stderr
