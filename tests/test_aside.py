"""Work run aside (relay_tui.aside): in a thread of its own, of low priority where the
system allows it; its result or its error comes back to the caller."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from relay_tui.aside import NICE, run_aside


def test_the_result_comes_back() -> None:
    assert run_aside(lambda: 6 * 7) == 42


def test_an_error_comes_back_to_the_caller() -> None:
    def fails() -> None:
        raise ValueError("damaged")

    with pytest.raises(ValueError, match="damaged"):
        run_aside(fails)


def test_it_runs_in_another_thread_and_leaves_the_caller_s_priority() -> None:
    caller = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, caller)
    ran_in = run_aside(threading.get_native_id)
    assert ran_in != caller
    assert os.getpriority(os.PRIO_PROCESS, caller) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's nice value: Linux")
def test_on_linux_the_thread_runs_at_the_lowest_priority() -> None:
    assert run_aside(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())) == NICE
