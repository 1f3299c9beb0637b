"""Handlers of `relay team setup` and `relay team add-member` (a shared PostgreSQL store)."""

from __future__ import annotations

TYPE_CHECKING = False  # no typing import on the command paths
if TYPE_CHECKING:
    import argparse

    from relay_tui.services.team import TeamReport


def setup(args: argparse.Namespace) -> int:
    from relay_tui.services.team import setup_team

    report = setup_team(args.url, role=args.role, members=args.member or [])
    for line in report_lines(report):
        print(line)
    return 0


def add_member(args: argparse.Namespace) -> int:
    from relay_tui.services.team import add_members

    report = add_members(args.url, [args.name], role=args.role)
    for line in report_lines(report):
        print(line)
    return 0


def report_lines(report: TeamReport) -> list[str]:
    """A few lines: the role, its members, what it owns."""
    state = "created" if report.created else "already there"
    lines = [f"Team role {report.role}: {state} (database {report.database})"]
    if report.members:
        added = f" (just added: {', '.join(report.added)})" if report.added else ""
        lines.append(f"Members of {report.role}: {', '.join(report.members)}{added}")
    else:
        from relay_tui.team_role import DEFAULT_ROLE

        option = "" if report.role == DEFAULT_ROLE else f" --role {report.role}"
        lines.append(
            f"No members yet: add each person's login with "
            f"`relay team add-member URL LOGIN{option}`"
        )
    if report.schema_was is not None:
        lines.append(
            f"Schema {report.schema}: now owned by {report.role} (was {report.schema_was})"
        )
    if report.handed:
        lines.append(f"Handed {report.handed} existing tables and other objects to {report.role}")
    if report.schema_was is not None or report.handed:
        lines.append(
            "Every member can now open the store; relay creates and upgrades it as the team"
        )
    for member in report.no_inherit:
        lines.append(
            f"Note: {member} does not inherit roles (NOINHERIT): ALTER ROLE {member} INHERIT, "
            "or it cannot use the tables"
        )
    return lines
