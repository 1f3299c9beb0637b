"""A desktop notification: through the freedesktop notification service (`notify-send`)
when it is there and answers, else the terminal's own notification escape sequences.

The terminal's: OSC 777 (foot, urxvt, Ghostty, WezTerm) and OSC 9 (iTerm2, WezTerm,
Windows Terminal, kitty's fallback), written to the controlling terminal; inside tmux they
are wrapped to pass through (tmux then needs `set -g allow-passthrough on`). A terminal
that knows neither ignores them.
"""

from __future__ import annotations

import os
import shutil
import subprocess

#: What `send` used: the notification service, or the terminal.
SERVICE, TERMINAL = "notify-send", "terminal"
#: A notification hangs longer than this: given up (the service is not answering).
TIMEOUT_SECONDS = 5


def send(title: str, body: str, environ: dict[str, str] | None = None) -> str | None:
    """Show one notification; returns how (`SERVICE` or `TERMINAL`), or None when there
    is no way to show it here."""
    env = dict(os.environ if environ is None else environ)
    program = shutil.which("notify-send", path=env.get("PATH"))
    if program is not None:
        try:
            done = subprocess.run(
                [program, "--app-name=relay", "--", title, body],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0:
            return SERVICE
    return TERMINAL if _to_terminal(title, body, env) else None


def sequence(title: str, body: str, in_tmux: bool = False) -> str:
    """The escape sequences that ask the terminal for a notification (control characters
    and the separators taken out of the texts)."""
    title, body = _clean(title), _clean(body.replace("\n", " · "))
    text = f"\x1b]777;notify;{title.replace(';', ',')};{body}\x07\x1b]9;{title}: {body}\x07"
    if not in_tmux:
        return text
    # tmux passes a sequence through when wrapped, its escapes doubled.
    return "".join(
        f"\x1bPtmux;{part.replace(chr(27), chr(27) * 2)}\x1b\\"
        for part in (text[: text.index("\x07") + 1], text[text.index("\x07") + 1 :])
    )


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable()).strip()


def _to_terminal(title: str, body: str, env: dict[str, str]) -> bool:
    if env.get("TERM", "dumb") in ("", "dumb"):
        return False  # no terminal that draws escape sequences (a timer, a dumb one)
    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return False  # no controlling terminal (a timer, a cron job)
    try:
        os.write(fd, sequence(title, body, in_tmux=bool(env.get("TMUX"))).encode("utf-8"))
    except OSError:
        return False
    finally:
        os.close(fd)
    return True
