"""The sample store's share of the method in depth (issue 16): problems explained and
told (or not yet), a report kept as sent with a weekly cadence, the rigour each frame
asks for, lessons planned at framing. Together with the rest of the sample, every posture
card holds in at least one project:

* warn early: the intranet's test server incident, not told to Sofia yet;
* let it pass: the festival's printer incident, which Tom puts on me alone;
* recall the frame: the same incident, where the contract says who was late;
* you need each other: the bakery's late mock-ups, the festival's open incident;
* enough is enough: the festival, past its budget;
* promise less, deliver more: the intranet's sprint 3 demo, due within the week with
  no margin left.

Dates are relative to today, like the rest of the sample (`relay_tui.demo`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import select

from relay_tui.db import Store
from relay_tui.models import Deadline, Incident, Lesson, Project, SentReport
from relay_tui.services.incidents import tell_incident

#: Incidents, in the texts' `incidents` order: project, occurred (days ago), told (days
#: ago, None: not yet), how, blamed.
INCIDENTS = (
    ("festival", 2, 1, "phone", True),
    ("intranet", 3, None, None, False),
)
#: Reports sent, in the texts' `reports` order: project, sent (days ago).
REPORTS = (("bakery", 14), ("intranet", 5))
#: The status report cadence of each project (days), and the rigour its frame asks for
#: (written validations, progress point, single contact, changes in writing). The
#: catalogue, being framed, still misses two, and its cycle is too long
#: (`CATALOGUE_CYCLE_DAYS`).
FRAMES: dict[str, tuple[int | None, tuple[bool, bool, bool, bool]]] = {
    "bakery": (7, (True, True, True, True)),
    "festival": (None, (True, True, True, True)),
    "intranet": (14, (True, True, True, True)),
    "catalogue": (14, (True, False, True, False)),
    "wedding": (None, (False, False, False, False)),
    "shop": (7, (True, True, True, True)),
}
#: Beyond three weeks no planning holds: the catalogue's frame is flagged.
CATALOGUE_CYCLE_DAYS = 30
#: The lessons (by their order in the texts' `lessons`) planned at each project's framing.
PLANNED = {"catalogue": (0, 2), "intranet": (1,)}
#: The intranet's sprint 3 demo: due within the week, its margin used up.
NO_MARGIN = "intranet"


def seed_method(
    store: Store, now: datetime, today: date, words: dict[str, Any], ids: dict[str, int]
) -> None:
    with store.write() as session:
        for key, (every, rigour) in FRAMES.items():
            project = session.get(Project, ids[key])
            assert project is not None
            project.report_every_days = every
            (
                project.rigour_written_validations,
                project.rigour_progress_point,
                project.rigour_single_contact,
                project.rigour_changes_in_writing,
            ) = rigour
            session.add(project)
        catalogue = session.get(Project, ids["catalogue"])
        assert catalogue is not None
        catalogue.cycle_days = CATALOGUE_CYCLE_DAYS
        session.add(catalogue)
        shop_lessons = session.exec(
            select(Lesson.id).where(Lesson.project_id == ids["shop"]).order_by(Lesson.id)
        ).all()
        for key, indexes in PLANNED.items():
            project = session.get(Project, ids[key])
            assert project is not None
            project.lessons_planned = ",".join(str(shop_lessons[i]) for i in indexes)
            session.add(project)
        for deadline in session.exec(
            select(Deadline).where(Deadline.project_id == ids[NO_MARGIN], Deadline.margin_days > 0)
        ):
            if deadline.due_on <= today + timedelta(days=7):
                deadline.margin_days = 0
                session.add(deadline)
        told_ones: list[tuple[Incident, int, str]] = []
        for texts, (key, ago, told, how, blamed) in zip(words["incidents"], INCIDENTS, strict=True):
            title, facts, contract, for_client, for_me, proposal, next_step = texts
            incident = Incident(
                project_id=ids[key],
                occurred_on=today - timedelta(days=ago),
                title=title,
                facts=facts,
                contract_says=contract,
                next_step=next_step,
                for_client=for_client,
                for_me=for_me,
                proposal=proposal,
                blamed=blamed,
            )
            session.add(incident)
            if told is not None and how is not None:
                told_ones.append((incident, told, how))
        for (period, body), (key, ago) in zip(words["reports"], REPORTS, strict=True):
            session.add(
                SentReport(
                    project_id=ids[key],
                    sent_on=today - timedelta(days=ago),
                    period=period,
                    body=body,
                )
            )
        session.flush()
        told_ids = [(incident.id, told, how) for incident, told, how in told_ones]
    # Told through the service, as the app does it: the contact is in the log too.
    for incident_id, told, how in told_ids:
        assert incident_id is not None
        tell_incident(store, None, incident_id, today - timedelta(days=told), how, now=now)
