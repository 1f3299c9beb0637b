"""Handlers of `relay team setup` and `relay team add-member` (a shared PostgreSQL store)."""

from __future__ import annotations

from relay_tui.i18n import tr

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
    if report.created:
        said = tr(
            "Team role {role}: created (database {database})",
            role=report.role,
            database=report.database,
        )
    else:
        said = tr(
            "Team role {role}: already there (database {database})",
            role=report.role,
            database=report.database,
        )
    lines = [said]
    if report.members:
        members = ", ".join(report.members)
        if report.added:
            lines.append(
                tr(
                    "Members of {role}: {members} (just added: {added})",
                    role=report.role,
                    members=members,
                    added=", ".join(report.added),
                )
            )
        else:
            lines.append(tr("Members of {role}: {members}", role=report.role, members=members))
    else:
        from relay_tui.team_role import DEFAULT_ROLE

        option = "" if report.role == DEFAULT_ROLE else f" --role {report.role}"
        lines.append(
            tr(
                "No members yet: add each person's login with "
                "`relay team add-member URL LOGIN{option}`",
                option=option,
            )
        )
    if report.schema_was is not None:
        lines.append(
            tr(
                "Schema {schema}: now owned by {role} (was {owner})",
                schema=report.schema,
                role=report.role,
                owner=report.schema_was,
            )
        )
    if report.handed:
        lines.append(
            tr(
                "Handed {count} existing tables and other objects to {role}",
                count=report.handed,
                role=report.role,
            )
        )
    if report.schema_was is not None or report.handed:
        lines.append(
            tr("Every member can now open the store; relay creates and upgrades it as the team")
        )
    for member in report.no_inherit:
        lines.append(
            tr(
                "Note: {member} does not inherit roles (NOINHERIT): ALTER ROLE {member} INHERIT, "
                "or it cannot use the tables",
                member=member,
            )
        )
    return lines
