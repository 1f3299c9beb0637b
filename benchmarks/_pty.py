"""Run a terminal app in a real pseudo-terminal and time what it paints.

`Terminal(argv, columns, lines)` spawns the program on a new pseudo-terminal of that size
(TIOCSWINSZ before the spawn, TERM=xterm-256color), reads everything it writes into a
`_screen.Screen`, and `wait_for(check)` returns the seconds since the spawn at which
`check(screen)` first held: the moment the text was on the user's screen. `press(keys)`
types keys; `peak_mb()` reads the child's VmHWM from /proc before it quits.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from _screen import Screen

#: Keys as a terminal sends them. "escape" as a terminal that speaks the kitty keyboard
#: protocol (which Textual turns on) sends it: a sequence of its own. "lone-escape" as
#: tmux, xterm or a VTE terminal send it: one ESC byte, which Textual can tell from the
#: start of a sequence only once its input loop wakes again (up to 100 ms later, in
#: textual.drivers.linux_driver, whatever ESCDELAY says).
KEYS = {
    "enter": "\r",
    "escape": "\x1b[27u",
    "lone-escape": "\x1b",
    "down": "\x1b[B",
    "up": "\x1b[A",
    "tab": "\t",
}


class Timeout(Exception):
    """What was awaited never showed; the message holds the screen as it was."""


class Terminal:
    def __init__(
        self,
        argv: Sequence[str],
        columns: int,
        lines: int,
        env: dict[str, str],
        cwd: Path | None = None,
    ) -> None:
        self.screen = Screen(columns, lines)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.fd = master
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.closed = False

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def read(self, timeout: float) -> bool:
        """Read what the program wrote within `timeout` seconds; False when it is gone."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        if not data:
            self.closed = True
            return False
        self.screen.feed(self._decoder.decode(data))
        return True

    def wait_for(self, check: Callable[[Screen], bool], what: str, timeout: float) -> float:
        """Seconds since the spawn when `check` first held on the painted screen."""
        deadline = time.perf_counter() + timeout
        while not check(self.screen):
            left = deadline - time.perf_counter()
            if left <= 0 or self.closed:
                state = "quit" if self.closed else f"still running after {timeout:.0f} s"
                screen = self.screen.text()
                raise Timeout(f"{what}: never on screen ({state}); the screen:\n{screen}")
            self.read(min(left, 0.05))
        return self.elapsed()

    def settle(self, quiet: float = 0.3, longest: float = 10.0) -> None:
        """Read until the program has painted nothing for `quiet` seconds."""
        deadline = time.perf_counter() + longest
        while time.perf_counter() < deadline and not self.closed:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            self.read(0)

    def press(self, *keys: str) -> float:
        """Type the keys (names of KEYS, or text); the moment, since the spawn, it was done."""
        for key in keys:
            os.write(self.fd, KEYS.get(key, key).encode())
        return self.elapsed()

    def peak_mb(self) -> float | None:
        """The child's peak resident memory (VmHWM), in MB, while it still runs."""
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def close(self) -> None:
        """End the program (its own process group only) and release the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _controlling_terminal() -> None:
    # The new session (start_new_session) takes the pseudo-terminal as its own, as a
    # terminal emulator's shell does.
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
