"""The self-assessment (why take this project) and the personality profiles of the
client and of the provider (the provider's default, overridden per project)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.compatibility import PROFILE_FIELDS, ProfileValues
from relay_tui.errors import InvalidInput
from relay_tui.i18n import N_, tr
from relay_tui.models import Profile, SelfAssessment
from relay_tui.schemas import AssessmentInput, ProfileInput, validate
from relay_tui.services.common import check_version, get_project, now_utc, validate_edit
from relay_tui.vocab import Party


def profile_values(profile: Profile | None, problems: list[str] | None = None) -> ProfileValues:
    """A stored profile; an axis out of range counts as the nearest valid value and is
    named in `problems` (`domain.stored`)."""
    if profile is None:
        return ProfileValues()
    values = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    for name, value in values.items():
        if name != "channel" and value is not None:
            values[name], problem = stored.scale(name, value)
            if problem and problems is not None:
                if profile.party == Party.client:
                    problems.append(tr("client profile: {problem}", problem=problem))
                else:
                    problems.append(tr("provider profile: {problem}", problem=problem))
    return ProfileValues(**values)


def find_profile(session: Session, project_id: int | None, party: str) -> Profile | None:
    query = select(Profile).where(Profile.party == party)
    if project_id is None:
        query = query.where(col(Profile.project_id).is_(None))
    else:
        query = query.where(Profile.project_id == project_id)
    return session.exec(query).first()


def save_assessment(store: Store, project_id: int, data: dict[str, Any]) -> SelfAssessment:
    clean, version = validate_edit(AssessmentInput, data)
    with store.write() as session:
        get_project(session, project_id)
        found = session.get(SelfAssessment, project_id)
        if found is not None:
            check_version(found, version, N_("self-assessment"))
        row = found or SelfAssessment(project_id=project_id)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        return row


def save_profile(store: Store, project_id: int | None, party: str, data: dict[str, Any]) -> Profile:
    """The client's profile of a project, or the provider's (project None: my default)."""
    if party not in ("client", "provider"):
        raise InvalidInput(tr("{party} is not client or provider", party=repr(party)), "party")
    if party == "client" and project_id is None:
        raise InvalidInput(tr("a client profile belongs to a project"), "project")
    clean = validate(ProfileInput, data)
    values = clean.model_dump()
    if party == "provider":
        for trait in ("experience", "feedback", "temper"):
            values[trait] = None
    with store.write() as session:
        if project_id is not None:
            get_project(session, project_id)
        row = find_profile(session, project_id, party) or Profile(
            project_id=project_id, party=Party(party)
        )
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        session.flush()
        return row


def drop_provider_override(store: Store, project_id: int) -> bool:
    with store.write() as session:
        row = find_profile(session, project_id, Party.provider)
        if row is None:
            return False
        session.delete(row)
        return True


def provider_default(store: Store) -> ProfileValues:
    with store.read() as session:
        return profile_values(find_profile(session, None, Party.provider))


@dataclass(frozen=True)
class AssessmentView:
    """Why am I taking this project: the answers, None where not given."""

    version: int
    reward: str | None
    paid: bool | None
    stance: str | None
    balance: str | None
    ready_for_failure: bool | None
    notes: str
