"""Runs mesh-test-server as a child process and waits for its ready line."""

from __future__ import annotations

import collections
import json
import os
import queue
import subprocess
import threading
from dataclasses import dataclass
from typing import Deque, Mapping, Optional, Sequence

from .secret import protect, shown_command

READY_KEYS = ("url", "apiUrl", "graphqlUrl", "port", "pid")
STDERR_TAIL_LINES = 40


class MeshServerStartError(RuntimeError):
    """The server exited or stayed silent before printing its ready line."""


@dataclass(frozen=True)
class ReadyLine:
    url: str
    api_url: str
    graphql_url: str
    port: int
    pid: int


class MeshServerProcess:
    """One mesh-test-server child. Both pipes are drained by threads so a chatty server never blocks."""

    def __init__(self, command: Sequence[str], env: Optional[Mapping[str, str]] = None) -> None:
        """`env` is added to this process's environment for the child (the secrets, never in argv)."""
        self.command = protect(command)
        self._stderr_tail: Deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
        self._lines: "queue.Queue[Optional[str]]" = queue.Queue()
        try:
            self._proc = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                # Built inline, so no frame that can reach a traceback holds the whole environment.
                env={**os.environ, **env} if env else None,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError as error:
            # `from None`: Popen's frames hold the child's environment (with its secrets) as locals.
            raise MeshServerStartError(f"cannot run {self._shown_command()}: {error}") from None
        self._threads = [
            _daemon(self._read_stdout, "mesh-server-stdout"),
            _daemon(self._read_stderr, "mesh-server-stderr"),
        ]

    @property
    def pid(self) -> int:
        return self._proc.pid

    def wait_ready(self, timeout: float) -> ReadyLine:
        """Blocks until the ready line arrives, the process exits, or `timeout` seconds pass."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise MeshServerStartError(self._failure(f"printed no ready line within {timeout:g} s")) from None
        if line is None:
            raise MeshServerStartError(self._failure("exited before it was ready"))
        try:
            data = json.loads(line)
            return ReadyLine(data["url"], data["apiUrl"], data["graphqlUrl"], int(data["port"]), int(data["pid"]))
        except (ValueError, KeyError, TypeError):
            self.stop()
            raise MeshServerStartError(
                self._failure(f"printed {line.strip()!r} instead of a JSON ready line with {', '.join(READY_KEYS)}")
            ) from None

    def stop(self, timeout: float = 10.0) -> Optional[int]:
        """Closes stdin, sends SIGTERM, waits; kills only if it will not stop. Returns the exit code."""
        if self._proc.poll() is None:
            _close_quietly(self._proc.stdin)
            self._proc.terminate()
            try:
                self._proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        _close_quietly(self._proc.stdin)
        for thread in self._threads:
            thread.join(timeout=2)
        return self._proc.returncode

    def stderr_tail(self) -> list[str]:
        return list(self._stderr_tail)

    def _read_stdout(self) -> None:
        assert self._proc.stdout is not None
        first = True
        for line in self._proc.stdout:
            if first:
                self._lines.put(line)
                first = False
        if first:
            self._lines.put(None)

    def _read_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr_tail.append(line.rstrip("\n"))

    def _failure(self, what: str) -> str:
        try:
            code = self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        # The stderr reader may still hold the last lines; it ends right after the process does.
        self._threads[1].join(timeout=2)
        tail = "\n".join(f"    {line}" for line in self.stderr_tail()) or "    (nothing)"
        status = "still running" if code is None else f"exit code {code}"
        return f"mesh-test-server {what} ({status}).\n  command: {self._shown_command()}\n  last stderr lines:\n{tail}"

    def _shown_command(self) -> str:
        return shown_command(self.command)


def _daemon(target, name: str) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread


def _close_quietly(stream) -> None:
    try:
        if stream is not None:
            stream.close()
    except OSError:
        pass
