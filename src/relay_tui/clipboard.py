"""Copying text to the system clipboard, and knowing whether it worked.

A clipboard program is tried first, in this order, when it is installed and its display
is there: `wl-copy` (Wayland), `xclip`, then `xsel` (X11), `pbcopy` (macOS). It takes the
text on its standard input and exits 0 once the clipboard holds it: relay then says
"Copied". When none is there or none succeeds, the app falls back on the terminal's own
clipboard escape (OSC 52), which relay cannot check: it says so instead of "Copied".

No Textual here: the app runs `copy_with_program` in a worker thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

#: (program, its arguments, the environment variable its display needs, or None).
PROGRAMS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", (), "WAYLAND_DISPLAY"),
    ("xclip", ("-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", (), None),
)
#: How long a clipboard program may take before the next one is tried, in seconds.
TIMEOUT = 3.0


def copy_with_program(text: str, env: Mapping[str, str] | None = None) -> str | None:
    """Copy `text` with the first clipboard program that takes it; its name, or None
    when none is installed, none has its display, or none succeeded."""
    env = os.environ if env is None else env
    for name, arguments, display in PROGRAMS:
        if display is not None and not env.get(display):
            continue
        program = shutil.which(name, path=env.get("PATH"))
        if program is None:
            continue
        try:
            done = subprocess.run(
                [program, *arguments],
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,  # the program may stay to serve the clipboard:
                stderr=subprocess.DEVNULL,  # no pipe of ours must keep it waited for
                timeout=TIMEOUT,
                env=dict(env),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return name
    return None
