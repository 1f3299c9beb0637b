"""The board's alarm bells (`domain.board_alarms.AlarmLines`) and chase list
(`domain.chase_state.ChaseLines`): in the order of the rules they stand for, each line
built only when read, and the same line as the rule builds."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from relay_tui.domain import chase as chasing
from relay_tui.domain import chase_state
from relay_tui.domain.board_alarms import AlarmLines
from relay_tui.domain.deadline_views import deadline_views
from relay_tui.domain.freeze import CycleError, Step, slips
from relay_tui.domain.schedule import RINGING

TODAY = date(2026, 12, 7)  # a Monday


def bell(
    ident: int,
    project: int,
    due: str,
    *,
    owner: str = "provider",
    margin: object = 3,
    after: int | None = None,
    done: str | None = None,
    kind: str = "delivery",
    title: str | None = None,
) -> tuple[object, ...]:
    """A deadline row as `sqltext.alarm_bells` gives it on SQLite (dates as text)."""
    return (
        ident,
        project,
        title or f"Step {ident}",
        kind,
        owner,
        due,
        None,
        margin,
        after,
        done,
        1,
    )


NAMES = {1: "Bakery", 2: "Alder", 3: "Festival"}


def the_rule(rows: list[tuple[object, ...]], names: dict[int, str]) -> list[tuple[str, object]]:
    """What the board listed before its lines were lazy: the views, late first, then by
    the day due (moved by a slip), then by project."""
    views = deadline_views(rows, TODAY, alarms_only=True)
    return sorted(
        ((names.get(d.project_id, "?"), d) for d in views),
        key=lambda pair: (pair[1].status != "late", pair[1].effective_due, pair[0]),
    )


def test_the_alarm_bells_are_those_of_the_views_in_the_board_s_order() -> None:
    rows = [
        bell(1, 1, "2026-12-09"),  # in its margin
        bell(2, 2, "2026-12-01", owner="client"),  # late
        bell(3, 3, "2026-12-20"),  # not yet in its margin
        bell(4, 3, "2026-12-04", after=5),  # moved by the late client step 5, in margin
        bell(5, 3, "2026-12-02", owner="client"),  # late
        bell(6, 1, "2026-11-30", done="2026-11-30"),  # done: a predecessor only
        bell(7, 9, "2026-12-08"),  # a project the board does not list
        bell(8, 2, "2026-12-09", margin=10**9),  # a margin out of range
    ]
    lines = AlarmLines(rows, TODAY, NAMES)
    expected = the_rule(rows, NAMES)
    assert lines == expected and list(lines) == expected
    # Late first, then by the day due (4 moved to the 9th), then by project.
    assert [d.id for _name, d in lines] == [2, 5, 7, 8, 1, 4]
    assert lines.project_ids == [d.project_id for _name, d in expected]
    assert lines[2][0] == "?"
    assert lines[5][1].slip is not None and lines[5][1].slip.days == 5
    assert all(d.status in RINGING for _name, d in lines)
    assert lines.late_for_client == {2: [date(2026, 12, 1)], 3: [date(2026, 12, 2)]}


def test_ties_keep_the_views_order_whatever_order_the_rows_come_in() -> None:
    rows = [bell(i, 1 + i % 3, "2026-12-01", owner="client") for i in range(1, 40)]
    rows += [bell(i, 1 + i % 3, "2026-12-09") for i in range(40, 80)]
    expected = the_rule(rows, NAMES)
    for seed in range(5):
        random.Random(seed).shuffle(rows)
        assert AlarmLines(rows, TODAY, NAMES) == expected


def test_an_alarm_line_is_built_when_read_and_only_flagged_lines_for_their_problems() -> None:
    rows = [
        bell(1, 1, "2026-12-09"),
        bell(2, 1, "2026-12-08", kind="a word relay never wrote"),
        bell(3, 2, "2026-12-09", after=4),  # 3 and 4 loop: a hand edit
        bell(4, 2, "2026-12-08", after=3),
        bell(5, 3, "2026-12-07", margin=-4),
    ]
    lines = AlarmLines(rows, TODAY, NAMES)
    assert lines._built == [None] * len(lines)  # nothing built by ordering
    first = lines[0]
    assert first[1].id == 5 and lines[0] is first
    assert sum(line is not None for line in lines._built) == 1
    flagged = lines.with_problems()
    assert sorted(d.id for _name, d in flagged) == [2, 3, 5]
    assert all(d.problems for _name, d in flagged)
    built = {line[1].id for line in lines._built if line is not None}
    assert built == {2, 3, 5}  # the first line read (5) and the flagged: not 1 nor 4
    assert [d.problems for _name, d in flagged] == [
        d.problems for _name, d in the_rule(rows, NAMES) if d.problems
    ]


def test_no_alarm_bell() -> None:
    lines = AlarmLines([bell(1, 1, "2027-03-01")], TODAY, NAMES)
    assert not lines and len(lines) == 0 and lines == [] and lines.project_ids == []
    assert lines.with_problems() == [] and lines.late_for_client == {}


def test_slips_of_steps_already_freed_of_loops_are_the_same_without_looking_again() -> None:
    steps = [
        Step(1, "Brief", "client", date(2026, 11, 20), None, None),
        Step(2, "Mock-up", "provider", date(2026, 12, 10), None, 1),
        Step(3, "Site", "provider", date(2026, 12, 20), None, 2),
    ]
    assert slips(steps, TODAY, looped=False) == slips(steps, TODAY)
    looping = [*steps[:2], Step(3, "Site", "provider", date(2026, 12, 20), None, 3)]
    try:
        slips(looping, TODAY)
    except CycleError as error:
        assert error.path == [3, 3]
    else:
        raise AssertionError("a loop must be refused when the steps may hold one")


# --- the chase list ---------------------------------------------------------------------


def fact(ident: int, at: datetime, summary: str = "", chase: bool = False) -> chasing.ContactFact:
    return chasing.ContactFact(ident, at, "out", True, summary or f"Request {ident}", chase)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def chase_rule(projects: list[tuple[int, str, object]], facts: dict) -> list[chasing.ChaseItem]:
    """What the board listed before its chase lines were lazy: every project's line."""
    chases = {pid: sum(f.is_chase for f in pending) for pid, pending in facts.items()}
    return chasing.chase_list(
        chasing.chase_item(pid, name, facts[pid], delay, TODAY, chases=chases[pid])
        for pid, name, delay in projects
        if pid in facts
    )


def test_the_chase_lines_are_the_rule_s_in_its_order_and_built_when_read() -> None:
    projects = [(1, "Bakery", 3), (2, "Alder", 3), (3, "Festival", 5), (4, "Zinc", 3)]
    facts = {
        1: [fact(10, at(20)), fact(11, at(25), chase=True)],
        2: [fact(20, at(20)), fact(21, at(25, 8))],  # the same day as Bakery's, earlier
        3: [fact(30, datetime(2026, 12, 3, 9, tzinfo=UTC))],  # too recent for 5 days
        4: [fact(40, at(2)), fact(41, at(1), chase=True)],
    }
    chases = {pid: sum(f.is_chase for f in pending) for pid, pending in facts.items()}
    ripe = chase_state.ripe(projects, facts, TODAY, None)
    state = chase_state.state(ripe, chases, facts, TODAY, None)
    lines = state.items
    assert lines._built == [None] * 3
    assert lines.project_ids == [4, 2, 1]  # longest wait, then the earlier instant
    expected = chase_rule(projects, facts)
    assert lines == expected and [c.project_id for c in expected] == [4, 2, 1]
    assert lines[0] is lines[0] and lines[0].chases == 1
    # The oldest request of every project waiting, chased or not, ripe or not.
    assert state.oldest_request == {
        1: at(20),
        2: at(20),
        3: datetime(2026, 12, 3, 9, tzinfo=UTC),
        4: at(2),
    }


def test_the_oldest_request_is_the_oldest_that_is_not_a_chase_else_the_oldest_chase() -> None:
    pending = [fact(1, at(5), chase=True), fact(2, at(9)), fact(3, at(7))]
    assert chase_state.oldest_at(pending) == at(7) == chasing.oldest_request(pending).at
    only_chases = [fact(1, at(5), chase=True), fact(2, at(3), chase=True)]
    assert chase_state.oldest_at(only_chases) == at(3) == chasing.oldest_request(only_chases).at


def test_only_chase_lines_that_may_have_a_problem_are_built_for_it() -> None:
    projects = [(1, "Sound", 3), (2, "Delay in words", "soon"), (3, "Long request", 3)]
    facts = {
        1: [fact(10, at(2))],
        2: [fact(20, at(2))],
        3: [fact(30, at(2), summary="x" * 5000)],
    }
    state = chase_state.state(
        chase_state.ripe(projects, facts, TODAY, None), {}, facts, TODAY, None
    )
    flagged = state.items.with_problems()
    assert sorted(c.project for c in flagged) == ["Delay in words", "Long request"]
    assert all(c.problems for c in flagged)
    assert sum(line is not None for line in state.items._built) == 2


def test_many_projects_in_random_order_give_the_rule_s_list() -> None:
    rng = random.Random(7)
    projects = [(pid, f"P{rng.randrange(20):02d}", rng.choice([1, 3, 5])) for pid in range(1, 200)]
    facts: dict[int, list[chasing.ContactFact]] = {}
    for pid, _name, _delay in projects:
        for n in range(rng.randrange(4)):
            moment = at(1) + timedelta(hours=rng.randrange(24 * 36))
            facts.setdefault(pid, []).append(fact(pid * 10 + n, moment, chase=rng.random() < 0.3))
    chases = {pid: sum(f.is_chase for f in pending) for pid, pending in facts.items()}
    state = chase_state.state(
        chase_state.ripe(projects, facts, TODAY, None), chases, facts, TODAY, None
    )
    assert state.items == chase_rule(projects, facts)
    assert len(state.items) > 20
