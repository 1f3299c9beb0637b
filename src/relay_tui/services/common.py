"""Helpers shared by the services: the clock, ids and name resolution, and the steps
every write takes (a new record of a project, the row a form changes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, col, select

from relay_tui import project_lookup
from relay_tui.domain.rules import ProjectRef, is_digits, parse_id, resolve_project
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.i18n import tr
from relay_tui.models import Client, Lesson, Project
from relay_tui.schemas import validate

V = TypeVar("V")
R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)


def now_utc(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def local_today(now: datetime | None = None) -> date:
    return now_utc(now).astimezone().date()


def context(now: datetime | None = None, today: date | None = None) -> dict[str, Any]:
    moment = now_utc(now)
    return {"now": moment, "today": today or moment.astimezone().date()}


def project_refs(session: Session, ref: str | None) -> list[ProjectRef]:
    """The projects `ref` may name, among which `resolve_project` chooses: only the
    matching rows, through the folded-name index, with the statement the fast capture
    runs (`relay_tui.project_lookup`)."""
    if session.autoflush:
        session.flush()  # as a query of the ORM would: a project just added is seen
    connection = session.connection()
    sql, params = project_lookup.statement(ref, server=connection.dialect.name != "sqlite")
    return project_lookup.refs(connection.exec_driver_sql(sql, params).all())


def get_project(session: Session, ref: str | int | None) -> Project:
    """A project by id or unambiguous name prefix (or the only active one)."""
    if isinstance(ref, int):
        project = session.get(Project, ref)
        if project is None:
            raise NotFound(tr("no project with id {id}", id=ref), "project")
        return project
    chosen = resolve_project(ref, project_refs(session, ref))
    project = session.get(Project, chosen.id)
    assert project is not None
    return project


def get_client(session: Session, ref: str | int) -> Client:
    """A client by id, exact name or unambiguous case-insensitive name prefix."""
    if isinstance(ref, int) or (isinstance(ref, str) and is_digits(ref.strip())):
        client_id = parse_id(ref, "client")
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(tr("no client with id {id}", id=client_id), "client")
        return client
    wanted = ref.strip().casefold()
    if not wanted:
        raise InvalidInput(tr("must not be empty"), "client")
    clients = session.exec(select(Client).order_by(col(Client.name))).all()
    exact = [c for c in clients if c.name.casefold() == wanted]
    if exact:
        return exact[0]
    matches = [c for c in clients if c.name.casefold().startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(c.name for c in matches[:6])
        raise InvalidInput(
            tr("{name} matches several clients: {names}", name=repr(ref.strip()), names=names),
            "client",
        )
    raise NotFound(
        tr(
            "no client named {name} (add it with: relay client add NAME)",
            name=repr(ref.strip()),
        ),
        "client",
    )


def same_name(a: str, b: str) -> bool:
    """The one comparison of names: case-insensitive for every script (`str.casefold`).

    SQLite's `lower()` folds ASCII letters only, so the comparison is made here, the
    same way name resolution (`rules.resolve_project`, `get_client`) matches names.
    """
    return a.casefold() == b.casefold()


def check_name_free(
    session: Session,
    model: type[Any],
    name: str,
    label: str,
    *,
    but: int | None = None,
    rows: Sequence[tuple[int, str]] | None = None,
) -> None:
    """Refuse `name` (field `name`) when a row of `model` already bears it (`same_name`),
    other than row `but` (the one being renamed). `rows`: the (id, name) rows that may
    bear it, when the caller can read fewer than all of them."""
    if rows is None:
        rows = session.exec(select(model.id, model.name)).all()
    for row_id, existing in rows:
        if row_id != but and same_name(existing, name):
            raise Conflict(
                tr(
                    "a {label} named {name} already exists (#{id})",
                    label=tr(label),
                    name=repr(name),
                    id=row_id,
                ),
                "name",
            )


def take_version(data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """Split the version a form read (`data["version"]`, if any) from the fields."""
    rest = dict(data)
    version = rest.pop("version", None)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise InvalidInput(tr("must be a whole number"), "version")
    return rest, version


def validate_edit(
    schema: type[M], data: dict[str, Any], now: datetime | None = None
) -> tuple[M, int | None]:
    """What an edit form sent: its fields validated by `schema`, and the version of the
    record it was read from (`take_version`), for `check_version`."""
    fields, version = take_version(data)
    return validate(schema, fields, context(now)), version


def edited(row: Any, schema: type[M], fields: dict[str, Any], ctx: dict[str, Any]) -> M:
    """An edit of `row`: its stored values, with the `fields` given over them, validated by
    `schema` as a whole. The command line gives only what changes; a form gives all."""
    current = {name: getattr(row, name) for name in schema.model_fields if hasattr(row, name)}
    return validate(schema, {**current, **fields}, ctx)


def apply(row: R, clean: BaseModel) -> R:
    """Set the validated values on the row (the write that follows `edited`)."""
    for key, value in clean.model_dump().items():
        setattr(row, key, value)
    return row


def edit_movable(
    store: Any,
    model: type[R],
    schema: type[BaseModel],
    label: str,
    row_id: int,
    data: dict[str, Any],
    now: datetime | None = None,
) -> R:
    """Correct a record of a project that may move to another one (`data["project"]`, an
    id or a name prefix): the fields given change; refused if someone changed it since
    `data["version"]` was read."""
    fields, version = take_version(data)
    with store.write() as session:
        missing = tr("no {label} with id {id}", label=tr(label), id=row_id)
        row = row_to_change(session, model, row_id, version, label, missing=missing)
        if "project" in fields:
            fields["project_id"] = get_project(session, fields.pop("project")).id
        return apply(row, edited(row, schema, fields, context(now)))


def check_version(row: Any, expected: int | None, label: str) -> None:
    """Refuse to save over a change made by someone else since `expected` was read."""
    if expected is not None and row.version != expected:
        who = getattr(row, "updated_by", "")
        if who:
            message = tr(
                "this {label} was changed by {who} since you opened it; it has been "
                "reloaded, make your change again",
                label=tr(label),
                who=who,
            )
        else:
            message = tr(
                "this {label} was changed since you opened it; it has been reloaded, "
                "make your change again",
                label=tr(label),
            )
        raise Conflict(message, "version")


def row_to_change(
    session: Session,
    model: type[R],
    row_id: int,
    version: int | None,
    label: str,
    *,
    project_id: int | None = None,
    missing: str = "",
) -> R:
    """The row `row_id` of `model` that a form or a command changes: `NotFound` (field
    `id`, saying `missing`, by default "no <label> #<id>") when there is none, or, given
    `project_id`, none in that project; `Conflict` when someone changed it since
    `version` was read (`check_version`)."""
    row = session.get(model, row_id)
    if row is None or (project_id is not None and row.project_id != project_id):  # type: ignore[attr-defined]
        if not missing:
            fields = {"label": tr(label), "id": row_id}
            if project_id is None:
                missing = tr("no {label} #{id}", **fields)
            else:
                missing = tr("no {label} #{id} in this project", **fields)
        raise NotFound(missing, "id")
    check_version(row, version, label)
    return row


def new_in_project(
    session: Session, schema: type[M], data: dict[str, Any], now: datetime | None = None
) -> tuple[Project, M]:
    """The project `data["project"]` names (`get_project`: an id, a name prefix, or none
    for the only active one) and the rest of `data` validated by `schema` as a new record
    of that project."""
    fields = dict(data)
    project = get_project(session, fields.pop("project", None))
    return project, validate(schema, {**fields, "project_id": project.id}, context(now))


def lesson_for(session: Session, lesson_id: int, project_id: int) -> Lesson:
    """A lesson of an earlier retrospective, to be turned into a record of project
    `project_id`: `NotFound` when the lesson or the project is gone."""
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFound(tr("no lesson #{id}", id=lesson_id), "lesson")
    get_project(session, project_id)
    return lesson


def add_new(session: Session, row: R) -> R:
    """Add a new row and flush, so that it has its id."""
    session.add(row)
    session.flush()
    return row


def upsert_in_project(
    session: Session,
    model: type[Any],
    project_id: int,
    row_id: int | None,
    values: dict[str, Any],
    label: str,
    expected_version: int | None = None,
) -> Any:
    """Create a row of `model` in the project, or update row `row_id`, which must belong to
    it (and still be at `expected_version` when given). One rule for every "new or edit"
    form of a project's records."""
    if session.get(Project, project_id) is None:
        raise NotFound(tr("no project with id {id}", id=project_id), "project")
    if row_id is None:
        row = model(**{**values, "project_id": project_id})
    else:
        row = row_to_change(session, model, row_id, expected_version, label, project_id=project_id)
        for key, value in values.items():
            setattr(row, key, value)
    session.add(row)
    session.flush()
    return row


def view_of(view: type[V], row: object) -> V:
    """The view object `view` (a dataclass) of a stored row: each of its fields read from
    the row's attribute of the same name, while the session is open. Screens get these,
    never the rows."""
    return view(**{spec.name: getattr(row, spec.name) for spec in fields(view)})  # type: ignore[arg-type]
