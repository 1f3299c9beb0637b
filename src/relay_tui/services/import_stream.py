"""An export's rows checked as they are read, and handed on a batch at a time.

The events of `relay_tui.services.export_reader` (a file) or of an export already parsed
go through `check_export`: the header (`format`, `version`), the tables (known, each
once, lists), every value of every row (`relay_tui.services.import_checks`), the alarm
bells' chains; each batch of checked rows goes to a `Sink` (the store, or nowhere for a
check alone). Only ids and the bells' chains are kept, never the rows.

A table is handed on once the tables it refers to are: a file whose tables are in
another order than relay writes them (or whose header comes after its tables) is read
again for the tables left over, as many times as it takes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from relay_tui.domain.record_rules import shown
from relay_tui.errors import InvalidInput, shown_path
from relay_tui.i18n import tr
from relay_tui.models import ALL_TABLES
from relay_tui.services.export_reader import Event, dict_events, read_events
from relay_tui.services.import_checks import FORMAT, FORMAT_VERSION, _TableCheck, check_chains

#: The events of an export, read from its start, with which tables' rows are wanted.
Source = Callable[[Callable[[str], bool]], Iterator[Event]]
#: The columns of the alarm bells kept for their chains.
_CHAIN_KEYS = ("id", "project_id", "after_id")


class Sink(Protocol):
    """Where checked rows go, table by table in an order where references come after
    what they refer to."""

    def begin_table(self, name: str) -> None: ...

    def rows(self, name: str, rows: list[tuple[Any, ...]]) -> None: ...

    def end_table(self, name: str) -> None: ...


class _Nowhere:
    def begin_table(self, name: str) -> None:
        pass

    def rows(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        pass

    def end_table(self, name: str) -> None:
        pass


def file_source(path: Path) -> Source:
    return lambda wanted: read_events(path, wanted)


def data_source(data: Any) -> Source:
    return lambda wanted: dict_events(data, wanted)


def check_export(
    source: Source, *, sqlite: bool, sink: Sink | None = None, where: str = "export"
) -> dict[str, int]:
    """Check the export `source` gives (read from `where`, a file's name), handing its
    rows to `sink`; the rows per table. InvalidInput naming `file` (and for a bad value
    its table, row and field) at the first problem: what the sink was given is then to
    be let go (rolled back)."""
    return _Check(sqlite, sink or _Nowhere(), where).run(source)


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, "file")


class _Check:
    def __init__(self, sqlite: bool, sink: Sink, where: str) -> None:
        self.sqlite = sqlite
        self.sink = sink
        self.where = where
        self.in_any_order = False  # set when a pass hands on no table: a loop of tables
        tables = {model.__table__.name: model.__table__ for model in ALL_TABLES}  # type: ignore[attr-defined]
        self.models = {model.__table__.name: model for model in ALL_TABLES}  # type: ignore[attr-defined]
        self.needs = {
            name: {key.column.table.name for key in table.foreign_keys} - {name}
            for name, table in tables.items()
        }
        self.counts = dict.fromkeys(tables, 0)
        self.done: set[str] = set()
        self.present: set[str] | None = None  # the tables of the file, once read through
        self.header: dict[str, Any] = {}
        self.header_checked = False
        self.has_tables = False

    def run(self, source: Source) -> dict[str, int]:
        while True:
            done = len(self.done)
            checked = self.header_checked
            left = self._pass(source)
            if not left:
                return self.counts
            if checked and len(self.done) == done:
                self.in_any_order = True

    def _pass(self, source: Source) -> list[str]:
        """Read the export through once; the tables left for another pass."""
        seen: set[str] = set()
        unknown: list[str] = []
        left: list[str] = []
        chosen = {"": False}
        check: _TableCheck | None = None
        chains: list[list[Any]] = []

        def wanted(name: str) -> bool:
            return chosen.get(name, False)

        for event in source(wanted):
            kind = event[0]
            if kind == "rows":  # the most frequent: first
                _, name, start, rows = event
                assert check is not None
                values = check.rows(rows, start)
                if chains:
                    for column, key in zip(chains, _CHAIN_KEYS, strict=True):
                        column.extend(check.column(values, key))
                self.sink.rows(name, values)
                self.counts[name] += len(values)
                # Let go of this batch before the reader builds the next: one at a time.
                del event, rows, values
            elif kind == "table":
                _, name, is_list = event
                chosen = {name: self._wanted(name, is_list, seen, unknown, left)}
                if chosen[name]:
                    check = _TableCheck(self.models[name], sqlite=self.sqlite)
                    chains = [[] for _ in _CHAIN_KEYS] if name == "deadline" else []
                    self.sink.begin_table(name)
            elif kind == "end":
                name = event[1]
                if chains:
                    check_chains(name, *chains)
                    chains = []
                self.sink.end_table(name)
                self.done.add(name)
            elif kind == "header":
                self.header[event[1]] = event[2]
            elif kind == "tables":
                self.has_tables = event[1]
                if self.has_tables and {"format", "version"} <= set(self.header):
                    self._check_header()
            else:  # "other": no object
                raise _bad(tr("{path} is not a relay export", path=self.where))
        if not self.header_checked:
            self._check_header()
            left = [name for name in seen if name not in self.done]
        if unknown:
            names = ", ".join(sorted(map(shown_path, unknown)))
            raise _bad(tr("unknown tables in the export: {names}", names=names))
        self.present = seen
        return left

    def _wanted(
        self, name: str, is_list: bool, seen: set[str], unknown: list[str], left: list[str]
    ) -> bool:
        """Whether this pass checks and hands on the rows of table `name`."""
        if name not in self.models:
            unknown.append(name)
            return False
        if name in seen:
            raise _bad(tr("table {table} appears twice in the export", table=name))
        seen.add(name)
        if not self.header_checked or unknown or name in self.done:
            return False  # a header yet to come, or a file refused at its end
        if not is_list:
            raise _bad(tr("table {table} is not a list", table=name))
        present, done = self.present, self.done
        if self.in_any_order or all(
            n in done or (present is not None and n not in present) for n in self.needs[name]
        ):
            return True
        left.append(name)
        return False

    def _check_header(self) -> None:
        header = self.header
        if header.get("format") != FORMAT:
            raise _bad(tr("{path} is not a relay export", path=self.where))
        if header.get("version") != FORMAT_VERSION:
            version = shown(header.get("version"))
            raise _bad(tr("unsupported export version {version}", version=version))
        if not self.has_tables:
            raise _bad(tr("the export has no tables"))
        self.header_checked = True
