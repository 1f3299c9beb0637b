"""The French half of the suite (tests/french), in its own pytest process.

The app's language is fixed before its screens are imported (their keys are translated
then), so the French screens cannot be tested in the process that imported them in
English. This test runs them in a child pytest, French from its first import, and fails
with that run's report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_french_suite_passes() -> None:
    env = {**os.environ, "RELAY_LANG": "fr"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-o",
            "addopts=",
            "-q",
            "-p",
            "no:cacheprovider",
            "--no-header",
            "-rfE",
            "tests/french",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    report = (done.stdout + done.stderr)[-30_000:]
    assert done.returncode == 0, report
