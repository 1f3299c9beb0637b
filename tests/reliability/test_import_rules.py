"""Issue 12: `relay import json` holds every row to the rules of the stored records.

An export that breaks any rule the services apply to a write (a risk's probability of 9,
an alarm bell after itself, a date in the year 9999, negative minutes, a 1 MB summary, an
inbound contact awaiting a reply...) is refused with exit status 2 naming the record and
the field, and nothing is written; any malformed JSON is refused naming `file`. The
rules are declared once (`relay_tui.domain.record_rules`); the input models take their
limits from there, which a test checks here field by field.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from relay_tui import schemas
from relay_tui.cli import main
from relay_tui.db import Store, open_store, resolve_location
from relay_tui.demo import seed_demo
from relay_tui.domain.parsing import FIRST_YEAR, LAST_YEAR
from relay_tui.domain.record_rules import (
    FIELDS,
    ROW_RULES,
    Choice,
    IdList,
    Rule,
    Text,
    Whole,
)
from relay_tui.errors import InvalidInput
from relay_tui.models import ALL_TABLES
from relay_tui.services.transfer import export_data, import_data
from tests.conftest import FIXED_NOW, table_counts
from tests.reliability.export_sample import base_export

BOTH = pytest.mark.parametrize("db_path", ["sqlite", "postgres"], indirect=True)


def _is_dated(table: str, column: str) -> bool:
    import sqlalchemy as sa

    from relay_tui.dbtypes import UTCDateTime

    model = next(m for m in ALL_TABLES if m.__table__.name == table)  # type: ignore[attr-defined]
    kind = model.__table__.c[column].type  # type: ignore[attr-defined]
    return isinstance(kind, UTCDateTime | sa.Date)


DATED = sorted(
    (model.__table__.name, column.key)  # type: ignore[attr-defined]
    for model in ALL_TABLES
    for column in model.__table__.columns  # type: ignore[attr-defined]
    if _is_dated(model.__table__.name, column.key)  # type: ignore[attr-defined]
)
FIELD_RULES = sorted(
    (table, field, rule) for table, rules in FIELDS.items() for field, rule in rules.items()
)


@pytest.fixture
def empty(db_path: Path) -> Iterator[Store]:
    store = open_store(resolve_location(str(db_path)))
    yield store
    store.close()


def _refused(store: Store, db_path: Path, data: dict[str, Any], where: str) -> InvalidInput:
    before = table_counts(db_path)
    with pytest.raises(InvalidInput) as caught:
        import_data(store, data)
    assert caught.value.field == "file"
    assert where in caught.value.message, caught.value.message
    assert table_counts(db_path) == before
    assert not any(before.values())
    return caught.value


@BOTH
def test_the_base_export_is_valid_and_imports_as_it_is(empty: Store, db_path: Path) -> None:
    counts = import_data(empty, base_export())
    assert all(counts.values()), counts
    again = export_data(empty, now=FIXED_NOW)["tables"]
    assert {name: len(rows) for name, rows in again.items()} == counts


def test_the_demo_store_round_trips_through_export_and_import(empty: Store, tmp_path: Path) -> None:
    """What relay itself writes (its sample data included) passes its own rules."""
    source = open_store(resolve_location(str(tmp_path / "demo.db")))
    try:
        seed_demo(source, now=FIXED_NOW)
        data = export_data(source, now=FIXED_NOW)
    finally:
        source.close()
    counts = import_data(empty, data)
    assert counts == {name: len(rows) for name, rows in data["tables"].items()}


# --- one value just outside one rule ------------------------------------------------------


def _outside(rule: Rule) -> st.SearchStrategy[Any]:
    """Values just outside `rule` (still of the column's type, when one exists)."""
    if isinstance(rule, Whole):
        below = st.integers(rule.low - 3, rule.low - 1)
        above = st.integers(rule.high + 1, rule.high + 3)
        return st.one_of(below, above)
    if isinstance(rule, Text):
        longer = st.integers(1, 3).map(lambda extra: "é" * (rule.max_len + extra))
        spoiled = st.sampled_from(["a\x00b", "a\ud800b", "\udfff"])
        blank = st.sampled_from(["", "  "]) if rule.required else st.nothing()
        email = st.sampled_from(["jo", "@acme", "jo @acme.test"]) if rule.email else st.nothing()
        return st.one_of(longer, spoiled, blank, email)
    if isinstance(rule, Choice):
        return st.sampled_from(["unknown", "", "Both", "partner "])
    assert isinstance(rule, IdList)
    return st.sampled_from(["1,x", "1,,2", "#1", " 1", "1;2", "¹"])


@BOTH
@pytest.mark.parametrize(("table", "field", "rule"), FIELD_RULES, ids=lambda v: str(v)[:30])
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_value_outside_a_field_rule_is_refused_and_nothing_written(
    empty: Store, db_path: Path, table: str, field: str, rule: Rule, data: st.DataObject
) -> None:
    export = base_export()
    rows = export["tables"][table]
    index = data.draw(st.integers(0, len(rows) - 1), label="row")
    rows[index][field] = data.draw(_outside(rule), label="value")
    error = _refused(empty, db_path, export, f"{table}[{index}].{field}")
    assert error.message.startswith(f"{table}[{index}].{field} "), error.message


@BOTH
@pytest.mark.parametrize(("table", "field"), DATED)
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_date_outside_the_years_is_refused_and_nothing_written(
    empty: Store, db_path: Path, table: str, field: str, data: st.DataObject
) -> None:
    export = base_export()
    rows = export["tables"][table]
    index = data.draw(st.integers(0, len(rows) - 1), label="row")
    year = data.draw(st.sampled_from([FIRST_YEAR - 1, LAST_YEAR + 1, 9999, 1]), label="year")
    instant = field.endswith("_at") or field == "at"
    rows[index][field] = f"{year:04d}-06-15" + ("T12:00:00+00:00" if instant else "")
    error = _refused(empty, db_path, export, f"{table}[{index}].{field}")
    assert f"{FIRST_YEAR} to {LAST_YEAR}" in error.message


#: How to break each rule across the fields of a row: (table, row, changes, field named).
ROW_BREAKS: dict[str, tuple[str, int, dict[str, Any], str]] = {
    "project:delivery_on": ("project", 0, {"delivery_on": "2026-10-31"}, "delivery_on"),
    "profile:project_id": ("profile", 1, {"project_id": None}, "project_id"),
    "profile:experience": ("profile", 0, {"temper": 3}, "experience"),
    "contact:awaiting_reply": ("contact", 1, {"awaiting_reply": True}, "awaiting_reply"),
    "validation:validated_by": ("validation", 1, {"validated_by": "Jo"}, "validated_by"),
    "validation:validated_on": ("validation", 0, {"validated_on": "2026-11-01"}, "validated_on"),
    "change_request:previous_validated_by": (
        "change_request",
        0,
        {"previous_validated_on": None},
        "previous_validated_by",
    ),
    "incident:told_how": ("incident", 0, {"told_on": None}, "told_how"),
}


def test_every_row_rule_has_a_way_to_break_it() -> None:
    declared = {f"{table}:{rule.field}" for table, rules in ROW_RULES.items() for rule in rules}
    assert declared == set(ROW_BREAKS)


@BOTH
@pytest.mark.parametrize("name", sorted(ROW_BREAKS))
def test_a_row_breaking_a_rule_across_its_fields_is_refused(
    empty: Store, db_path: Path, name: str
) -> None:
    table, index, changes, field = ROW_BREAKS[name]
    export = base_export()
    export["tables"][table][index].update(changes)
    error = _refused(empty, db_path, export, f"{table}[{index}].{field}")
    assert error.message.startswith(f"{table}[{index}].{field} "), error.message


@BOTH
@pytest.mark.parametrize(
    ("afters", "index", "what"),
    [
        ((None, 2), 1, "own id"),  # bell #2 after itself
        ((2, 1), 0, "loop"),  # #1 after #2 after #1
        ((None, 3), 1, "another project"),
    ],
)
def test_the_chains_of_alarm_bells_are_checked(
    empty: Store, db_path: Path, afters: tuple[int | None, int | None], index: int, what: str
) -> None:
    export = base_export()
    bells = export["tables"]["deadline"]
    bells.append({**bells[1], "id": 3, "project_id": 2, "after_id": None})
    for bell, after in zip(bells, afters, strict=False):
        bell["after_id"] = after
    error = _refused(empty, db_path, export, f"deadline[{index}].after_id")
    assert what in error.message


# --- the faults of the reliability run, through the command line -----------------------


@pytest.fixture
def run_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[[str | bytes], tuple[int, str]]:
    """`relay --db NEW import json FILE` in-process, FILE holding the text given: the
    exit status and stderr; the new store must not have been created."""
    numbers = count()

    def run(content: str | bytes) -> tuple[int, str]:
        number = next(numbers)
        source = tmp_path / f"export-{number}.json"
        if isinstance(content, bytes):
            source.write_bytes(content)
        else:
            source.write_text(content, encoding="utf-8")
        target = tmp_path / f"new-{number}.db"
        status = main(["--db", str(target), "import", "json", str(source)])
        out, err = capsys.readouterr()
        assert out == ""
        assert not target.exists(), "a refused import created the store"
        return status, err  # type: ignore[return-value]

    return run


def _spoiled(table: str, index: int, **changes: Any) -> str:
    export = base_export()
    export["tables"][table][index].update(changes)
    return json.dumps(export)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            _spoiled("risk", 0, probability=9),
            "relay: error: file: risk[0].probability must be from 1 to 5 (got 9)\n",
        ),
        (_spoiled("deadline", 1, after_id=2), "file: deadline[1].after_id is the bell's own id"),
        (_spoiled("deadline", 0, after_id=2), "file: deadline[0].after_id makes a loop"),
        (_spoiled("deadline", 1, due_on="9999-12-31"), "file: deadline[1].due_on must be in"),
        (_spoiled("time_entry", 0, minutes=-30), "file: time_entry[0].minutes must be from 1"),
        (
            _spoiled("contact", 0, summary="x" * 1_000_000),
            "file: contact[0].summary is too long (1000000 characters, at most 4000)\n",
        ),
        (_spoiled("contact", 1, awaiting_reply=True), "file: contact[1].awaiting_reply is true"),
        (_spoiled("client", 0, notes="\ud800"), "file: client[0].notes contains a lone surrogate"),
    ],
    ids=["probability", "self", "loop", "year 9999", "minutes", "1 MB", "inbound", "surrogate"],
)
def test_each_fault_of_the_reliability_run_is_refused_naming_record_and_field(
    run_import: Callable[[str], tuple[int, str]], content: str, expected: str
) -> None:
    status, err = run_import(content)
    assert status == 2
    assert expected in err
    assert err.count("\n") == 1 and err.startswith("relay: error: file: ")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "content",
    [
        '{"format": "relay-export", "version": 1, "schema": "\\ud800", "tables": {}, "x": '
        + _nested(100_000)
        + "}",
        _nested(100_000),
        '{"format": "relay-export", "version": 1, "tables": {"risk": [{"probability": NaN}]}}',
        '{"format": "relay-export", "version": Infinity, "tables": {}}',
        '{"format": "relay-export", "version": 1, "tables": {"risk": [{"id": -Infinity}]}}',
        '{"format": "relay-export", "version": 1, "tables": {}, "n": ' + "7" * 5000 + "}",
        b'{"format": "relay-export", "version": 1, "tables": {"client": [{"name": "\xe9"}]}}',
        b"\xef\xbb\xbf" + json.dumps(base_export()).encode(),  # a byte order mark
        json.dumps(base_export())[:-20],  # cut short
    ],
    ids=[
        "deep",
        "deep top",
        "NaN",
        "Infinity",
        "-Infinity",
        "5000 digits",
        "latin-1",
        "BOM",
        "cut",
    ],
)
def test_malformed_json_is_refused_naming_the_file(
    run_import: Callable[[str | bytes], tuple[int, str]], content: str | bytes
) -> None:
    status, err = run_import(content)
    assert status == 2, err
    assert err.startswith("relay: error: file: ") and err.count("\n") == 1, err


def test_a_lone_surrogate_in_the_json_text_is_refused_naming_record_and_field(
    run_import: Callable[[str], tuple[int, str]],
) -> None:
    text = json.dumps(base_export()).replace('"Acme SA"', '"Acme \\ud800 SA"')
    assert "\\ud800" in text
    status, err = run_import(text)
    assert status == 2
    assert err.startswith("relay: error: file: client[0].organisation contains a lone surrogate")


def test_the_store_of_a_refused_import_is_left_empty(
    tmp_path: Path, template_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Into an existing empty store: refused after its file was read, nothing written."""
    target = tmp_path / "relay.db"
    shutil.copyfile(template_db, target)
    source = tmp_path / "bad.json"
    source.write_text(_spoiled("time_entry", 1, minutes=1441), encoding="utf-8")
    before = table_counts(target)
    assert main(["--db", str(target), "import", "json", str(source)]) == 2
    assert "time_entry[1].minutes must be from 1 to 1440 (got 1441)" in capsys.readouterr().err
    assert table_counts(target) == before and not any(before.values())


# --- the input models take their limits from the declarations ----------------------------


#: Every field of an input model that fills a stored column: (model, field, table, column).
SCHEMA_FIELDS: list[tuple[type[BaseModel], str, str, str]] = [
    *[(schemas.ClientInput, f, "client", f) for f in ("name", "organisation", "email")],
    *[(schemas.ClientInput, f, "client", f) for f in ("phone", "notes", "language")],
    (schemas.ProjectInput, "name", "project", "name"),
    (schemas.ProjectInput, "client", "client", "name"),
    (schemas.ProjectInput, "budget_minutes", "project", "budget_minutes"),
    (schemas.ProjectInput, "chase_delay_days", "project", "chase_delay_days"),
    (schemas.ContactInput, "summary", "contact", "summary"),
    (schemas.DeadlineInput, "title", "deadline", "title"),
    (schemas.DeadlineInput, "margin_days", "deadline", "margin_days"),
    *[
        (schemas.RiskInput, f, "risk", f)
        for f in ("title", "probability", "impact", "mitigation", "owner")
    ],
    (schemas.TimeInput, "minutes", "time_entry", "minutes"),
    (schemas.TimeInput, "note", "time_entry", "note"),
    *[
        (schemas.AssessmentInput, f, "self_assessment", f)
        for f in ("reward", "stance", "balance", "notes")
    ],
    *[
        (schemas.ProfileInput, f, "profile", f)
        for f in ("structure", "precision", "energy", "scope", "experience", "feedback", "temper")
    ],
    *[
        (schemas.StakeholderInput, f, "stakeholder", f)
        for f in ("name", "influence", "interest", "reach", "notes")
    ],
    *[(schemas.CommitmentInput, f, "commitment", f) for f in ("text", "note")],
    *[
        (schemas.FrameInput, f, "project", f)
        for f in (
            "working_method",
            "cycle_days",
            "budget_minutes",
            "chase_delay_days",
            "report_every_days",
        )
    ],
    *[
        (schemas.CraftCardInput, f, "craft_card", f)
        for f in ("name", "training", "practices", "strengths", "weaknesses", "portfolio")
    ],
    (schemas.ValidationRequestInput, "deliverable", "validation", "deliverable"),
    (schemas.ValidationDoneInput, "validated_by", "validation", "validated_by"),
    (schemas.ReopenInput, "reason", "change_request", "reason"),
    *[
        (schemas.IncidentInput, f, "incident", f)
        for f in (
            "title",
            "facts",
            "contract_says",
            "next_step",
            "for_client",
            "for_me",
            "proposal",
        )
    ],
    (schemas.CloseInput, "override_reason", "project", "close_reason"),
    *[
        (schemas.RetroStepInput, f, "retrospective", f)
        for f in ("step", "worked", "not_worked", "improve", "lessons_draft", "satisfaction")
    ],
    (schemas.RetroStepInput, "applied_lessons", "retrospective", "applied_lessons"),
    (schemas.LessonInput, "text", "lesson", "text"),
    (schemas.LessonInput, "tags", "lesson", "tags"),
    (schemas.TellInput, "summary", "contact", "summary"),
]
#: Fields that may be left empty where their column may not: the service fills them
#: (what was told defaults to a summary of the incident).
FILLED_WHEN_EMPTY = {(schemas.TellInput, "summary")}
#: Fields named like a ruled column that fill another one (a deadline's owner is a party).
OTHER_FIELDS = {(schemas.DeadlineInput, "owner")}


def _accepts(model: type[BaseModel], field: str, value: Any) -> bool:
    errors = schemas.field_errors(model, {field: value}, {"now": FIXED_NOW})
    return field not in errors


@pytest.mark.parametrize(
    ("model", "field", "table", "column"),
    SCHEMA_FIELDS,
    ids=[f"{m.__name__}.{f}" for m, f, _, _ in SCHEMA_FIELDS],
)
def test_every_field_limit_of_the_input_models_is_the_declared_one(
    model: type[BaseModel], field: str, table: str, column: str
) -> None:
    rule = FIELDS[table][column]
    if isinstance(rule, Whole):
        assert _accepts(model, field, rule.low) and _accepts(model, field, rule.high)
        assert not _accepts(model, field, rule.low - 1)
        assert not _accepts(model, field, rule.high + 1)
    elif isinstance(rule, Text):
        domain = "@a.io" if rule.email else ""
        longest = "x" * (rule.max_len - len(domain)) + domain
        assert _accepts(model, field, longest)
        assert not _accepts(model, field, "x" + longest)
        assert (
            _accepts(model, field, "") != rule.required
            or field == "validated_by"
            or (model, field) in FILLED_WHEN_EMPTY
        )
        if rule.email:
            assert not _accepts(model, field, "jo")
    elif isinstance(rule, Choice):
        assert all(_accepts(model, field, word) for word in rule.allowed)
        assert not _accepts(model, field, "nonsense")
    else:
        assert isinstance(rule, IdList)
        assert _accepts(model, field, "1,2") and not _accepts(model, field, "1,x")


def test_every_ranged_or_text_field_of_the_input_models_is_compared() -> None:
    """A new field of an input model filling a ruled column joins SCHEMA_FIELDS."""
    compared = {(model, field) for model, field, _, _ in SCHEMA_FIELDS}
    ruled = {column for rules in FIELDS.values() for column in rules}
    for model in vars(schemas).values():
        if not (isinstance(model, type) and issubclass(model, schemas.Input)):
            continue
        for field in model.model_fields:
            if field in ruled and (model, field) not in OTHER_FIELDS:
                assert (model, field) in compared or (model.__base__, field) in compared, (
                    f"{model.__name__}.{field}"
                )


def test_every_text_column_has_a_text_rule_or_a_vocabulary() -> None:
    import sqlalchemy as sa

    from relay_tui.services.import_checks import _enum_columns

    for model in ALL_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        vocabulary = _enum_columns(model)
        for column in table.columns:
            if isinstance(column.type, sa.String | sa.Text) and column.key not in vocabulary:
                assert column.key in FIELDS[table.name], f"{table.name}.{column.key}"


def test_an_export_of_old_data_is_not_held_to_the_rules_of_typing() -> None:
    """A review date long past, a contact and a time entry dated after the export: what is
    relative to today only applies to what is typed."""
    export = base_export()
    tables = copy.deepcopy(export["tables"])
    assert tables["risk"][0]["review_on"] < FIXED_NOW.date().isoformat()
    tables["contact"][0]["at"] = "2999-01-01T00:00:00+00:00"
    tables["time_entry"][0]["spent_on"] = "2999-12-31"
    from relay_tui.services.import_checks import prepare_import

    prepared = prepare_import({**export, "tables": tables}, sqlite=True)
    assert len(prepared.tables["contact"]) == 2
