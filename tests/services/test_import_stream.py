"""Issue 18: `relay import json` reads its file as it comes, never whole, in any layout.

A generated export of several megabytes imports with a traced memory peak well below the
file's size; the same export re-indented (`jq .`-like), with its keys sorted (the header
after the tables, the tables out of their dependency order) or read a few characters at
a time imports the very same rows; the refusals name the same line, table and row as a
whole-file parse would.
"""

from __future__ import annotations

import copy
import json
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relay_tui.db import Store, location_for_path, open_store
from relay_tui.errors import InvalidInput
from relay_tui.services import export_reader
from relay_tui.services.transfer import check_export_file, export_data, import_data, import_json
from tests.conftest import FIXED_NOW, table_counts
from tests.reliability.export_sample import base_export

pytestmark = pytest.mark.sqlite_only  # stores made from the SQLite template


@pytest.fixture
def fresh(tmp_path: Path, template_db: Path) -> Iterator[Any]:
    """A factory of new, empty, migrated SQLite stores."""
    opened: list[Store] = []

    def make() -> Store:
        path = tmp_path / f"store-{len(opened)}.db"
        shutil.copyfile(template_db, path)
        opened.append(open_store(location_for_path(path)))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


_NOTES = "the printer wants the files by Friday, in CMYK, with bleed; " * 5


def _large_export(contacts: int) -> dict[str, Any]:
    """The sample export with `contacts` contacts (and as many deadlines, every other one
    after the previous one; the first after the last, which comes later in the file)."""
    data = base_export()
    tables = data["tables"]
    [contact] = tables["contact"][:1]
    tables["contact"] = [
        {**contact, "id": n, "summary": f"Called about the proofs, take {n} — é ü {_NOTES}"}
        for n in range(1, contacts + 1)
    ]
    tables["contact"][-1]["summary"] += " 🧪"  # a character beyond the first 65,536
    deadline = {**tables["deadline"][0], "done_on": None}
    bells = [
        {**deadline, "id": n, "title": f"Proofs {n}", "after_id": n - 1 if n % 2 == 0 else None}
        for n in range(1, contacts // 10 + 1)
    ]
    bells[0]["after_id"] = bells[-1]["id"]
    tables["deadline"] = bells
    for table in ("commitment", "validation", "incident"):  # may refer to the old bells
        for row in tables.get(table, []):
            for key in ("deadline_id",):
                if key in row and row[key] is not None:
                    row[key] = 2
    return data


def _write(path: Path, data: Any, **layout: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, **layout), encoding="utf-8")
    return path


def _rows(store: Store) -> dict[str, Any]:
    return export_data(store, now=FIXED_NOW)["tables"]


def test_a_large_export_imports_with_memory_well_below_its_size(fresh: Any, tmp_path: Path) -> None:
    data = _large_export(30_000)
    expected = fresh()
    import_data(expected, copy.deepcopy(data))
    path = _write(tmp_path / "large.json", data, separators=(",", ":"))
    size = path.stat().st_size
    assert size > 15_000_000
    del data
    store = fresh()
    tracemalloc.start()
    try:
        counts = import_json(store, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert counts["contact"] == 30_000 and counts["deadline"] == 3_000
    # Parsed whole, the file took about five times its size; read as it comes, a batch
    # of rows (and the bells' ids) at a time.
    assert peak < size / 2, (peak, size)
    assert _rows(store) == _rows(expected)


@pytest.mark.parametrize(
    "layout",
    [
        {"indent": 2},  # as `jq .` writes it
        {"indent": "\t", "separators": (" ,", " :  ")},
        {"sort_keys": True, "indent": 1},  # header after the tables, tables out of order
        {"separators": (",", ":")},  # one line
    ],
)
def test_any_layout_of_the_same_export_imports_the_same_rows(
    fresh: Any, tmp_path: Path, layout: dict[str, Any]
) -> None:
    data = _large_export(300)
    expected = fresh()
    import_data(expected, copy.deepcopy(data))
    store = fresh()
    counts = import_json(store, _write(tmp_path / "export.json", data, **layout))
    assert counts == {name: len(rows) for name, rows in _rows(expected).items()}
    assert _rows(store) == _rows(expected)


def test_values_cut_by_the_end_of_what_was_read_are_read_whole(
    fresh: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read seven characters at a time, every number, word and string is cut somewhere."""
    monkeypatch.setattr(export_reader, "CHUNK_CHARS", 7)
    data = _large_export(40)
    data["tables"]["contact"][3]["project_id"] = 2  # a number cut after its first digit
    expected = fresh()
    import_data(expected, copy.deepcopy(data))
    store = fresh()
    import_json(store, _write(tmp_path / "export.json", data, indent=3))
    assert _rows(store) == _rows(expected)


def test_a_file_cut_short_is_not_json_at_the_line_json_names(
    fresh: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_reader, "CHUNK_CHARS", 64)
    text = json.dumps(_large_export(50), indent=2)
    for cut in (len(text) // 2, len(text) - 3):
        broken = text[:cut] + "\n\n, oops"
        with pytest.raises(json.JSONDecodeError) as parsed:
            json.loads(broken)
        path = tmp_path / "broken.json"
        path.write_text(broken, encoding="utf-8")
        store = fresh()
        with pytest.raises(InvalidInput) as caught:
            import_json(store, path)
        assert caught.value.field == "file"
        assert f"is not JSON (line {parsed.value.lineno})" in caught.value.message
        assert _path_counts(store) == {}


def _path_counts(store: Store) -> dict[str, int]:
    assert store.location.path is not None
    counts = table_counts(store.location.path)
    return {name: n for name, n in counts.items() if n and name != "alembic_version"}


def test_a_bad_row_deep_in_a_file_is_named_by_its_place_in_its_table(
    fresh: Any, tmp_path: Path
) -> None:
    data = _large_export(5_000)
    data["tables"]["contact"][4_321]["channel"] = "fax"
    path = _write(tmp_path / "bad.json", data, indent=2)
    store = fresh()
    with pytest.raises(InvalidInput, match=r"contact\[4321\]\.channel has a bad value 'fax'"):
        import_json(store, path)
    assert _path_counts(store) == {}  # the rows before it were let go
    with pytest.raises(InvalidInput, match=r"contact\[4321\]\.channel"):
        check_export_file(path, sqlite=True)


def test_a_loop_of_bells_across_batches_is_refused(fresh: Any, tmp_path: Path) -> None:
    data = _large_export(30_000)  # 3,000 bells: two batches
    bells = data["tables"]["deadline"]
    bells[2_500]["after_id"] = bells[2_501]["id"]
    bells[2_501]["after_id"] = bells[2_500]["id"]
    store = fresh()
    with pytest.raises(InvalidInput, match=r"deadline\[250[01]\]\.after_id"):
        import_json(store, _write(tmp_path / "loop.json", data))
    assert _path_counts(store) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format":"relay-export","version":1,"tables":{"client":[],"client":[]}}', "twice"),
        ('{"tables":{},"format":"relay-export","version":2}', "unsupported export version 2"),
        ('{"tables":{"password":[]},"format":"relay-export","version":1}', "unknown tables"),
        ('{"format":"relay-export","version":1,"tables":{}} {}', "not JSON (line 1)"),
        ('\ufeff{"format":"relay-export","version":1,"tables":{}}', "not JSON (line 1)"),
        ('{"format":"relay-export","version":1,"tables":{"risk":[NaN]}}', "not strict JSON"),
        ('\n\n{"format":"relay-export","version":1,"tables":{"risk":[1 2]}}', "(line 3)"),
    ],
)
def test_odd_files_are_refused_naming_the_file(
    fresh: Any, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    store = fresh()
    with pytest.raises(InvalidInput) as caught:
        import_json(store, path)
    assert caught.value.field == "file"
    assert message in caught.value.message
    assert _path_counts(store) == {}


def test_the_header_after_the_tables_is_read_before_any_row(fresh: Any, tmp_path: Path) -> None:
    """A row is checked only once the file is known to be an export of this version."""
    data = _large_export(10)
    data["tables"]["contact"][0]["channel"] = "fax"
    tables = data.pop("tables")
    path = _write(tmp_path / "late.json", {"tables": tables, **data, "version": 7})
    with pytest.raises(InvalidInput, match="unsupported export version 7"):
        import_json(fresh(), path)
