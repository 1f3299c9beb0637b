"""Alembic migrations, shipped inside the package and applied on open."""

#: Tables that exist in the store but not in the models (SQLite full-text search).
UNMODELLED_PREFIXES = ("contact_fts",)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: leave out the full-text search tables."""
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_PREFIXES))
