"""A small valid export with a row in every table (two where rules span rows), written
by hand so that each rule of `relay_tui.domain.record_rules` can be broken in one value."""

from __future__ import annotations

from typing import Any

_AUDIT = {"created_by": "me", "updated_by": "me", "version": 1}
_AT = "2026-11-20T10:00:00+00:00"


def _rows(*rows: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**_AUDIT, **row} for row in rows]


def base_export() -> dict[str, Any]:
    """A valid export with a row in every table (two where rules span rows)."""
    tables: dict[str, list[dict[str, Any]]] = {
        "client": _rows(
            {"id": 1, "name": "Acme", "organisation": "Acme SA", "email": "jo@acme.test"}
            | {"phone": "+33 1", "channel": "email", "notes": "", "created_at": _AT}
        ),
        "project": _rows(
            {"id": 1, "name": "Site", "client_id": 1, "kind": "corporate", "phase": "during"}
            | {"status": "active", "start_on": "2026-11-01", "delivery_on": "2026-12-15"}
            | {"budget_minutes": 2400, "chase_delay_days": 2, "client_accountable": True}
            | {"event_bound": None, "partial_delivery_ok": False, "working_method": "Sprints"}
            | {"cycle_days": 14, "contract_signed_on": "2026-10-30", "closed_at": None}
            | {"close_reason": "", "created_at": _AT, "report_every_days": 7}
            | {"rigour_written_validations": True, "rigour_progress_point": False}
            | {"rigour_single_contact": True, "rigour_changes_in_writing": False}
            | {"lessons_planned": "1"},
            {"id": 2, "name": "Poster", "client_id": 1, "kind": "artistic", "phase": "after"}
            | {"status": "closed", "start_on": None, "delivery_on": None}
            | {"budget_minutes": None, "chase_delay_days": 3, "client_accountable": None}
            | {"event_bound": None, "partial_delivery_ok": None, "working_method": ""}
            | {"cycle_days": None, "contract_signed_on": None, "closed_at": _AT}
            | {"close_reason": "Delivered", "created_at": _AT},
        ),
        "self_assessment": _rows(
            {"project_id": 1, "reward": "both", "paid": True, "stance": "partner"}
            | {"balance": "balance", "ready_for_failure": None, "notes": "", "updated_at": _AT}
        ),
        "profile": _rows(
            {"id": 1, "project_id": None, "party": "provider", "structure": 2, "precision": 4}
            | {"energy": 3, "scope": 5, "channel": None, "experience": None, "feedback": None}
            | {"temper": None, "updated_at": _AT},
            {"id": 2, "project_id": 1, "party": "client", "structure": 1, "precision": None}
            | {"energy": 3, "scope": 5, "channel": "phone", "experience": 2, "feedback": 5}
            | {"temper": 4, "updated_at": _AT},
        ),
        "craft_card": _rows(
            {"id": 1, "name": "Jo", "training": "School", "practices": "", "strengths": ""}
            | {"weaknesses": "", "portfolio": "", "updated_at": _AT}
        ),
        "stakeholder": _rows(
            {"id": 1, "project_id": 1, "name": "Jo", "role": "sponsor", "influence": 5}
            | {"interest": 1, "reach": "jo@acme.test", "notes": "", "created_at": _AT}
        ),
        "commitment": _rows(
            {"id": 1, "project_id": 1, "party": "client", "text": "Send the texts"}
            | {"status": "kept", "due_on": "2026-11-10", "note": "", "position": 0}
            | {"created_at": _AT}
        ),
        "risk": _rows(
            {"id": 1, "project_id": 1, "title": "Late texts", "category": "schedule"}
            | {"probability": 1, "impact": 5, "mitigation": "Ask early", "owner": "Jo"}
            | {"status": "open", "review_on": "2020-01-01", "created_at": _AT}
        ),
        "deadline": _rows(
            {"id": 1, "project_id": 1, "title": "Texts", "kind": "documents", "owner": "client"}
            | {"due_on": "2026-11-25", "due_time": "14:30:00", "margin_days": 0}
            | {"after_id": None, "done_on": "2026-11-24", "created_at": _AT},
            {"id": 2, "project_id": 1, "title": "Launch", "kind": "delivery"}
            | {"owner": "provider", "due_on": "2026-12-15", "due_time": None}
            | {"margin_days": 365, "after_id": 1, "done_on": None, "created_at": _AT},
        ),
        "contact": _rows(
            {"id": 1, "project_id": 1, "at": _AT, "channel": "email", "direction": "out"}
            | {"summary": "Sent the quote", "awaiting_reply": True, "is_chase": False}
            | {"created_at": _AT},
            {"id": 2, "project_id": 1, "at": _AT, "channel": "phone", "direction": "in"}
            | {"summary": "Called back", "awaiting_reply": False, "is_chase": False}
            | {"created_at": _AT},
        ),
        "validation": _rows(
            {"id": 1, "project_id": 1, "deliverable": "Mock-ups", "requested_on": "2026-11-02"}
            | {"validated_on": "2026-11-05", "validated_by": "Jo", "created_at": _AT},
            {"id": 2, "project_id": 1, "deliverable": "Texts", "requested_on": "2026-11-03"}
            | {"validated_on": None, "validated_by": "", "created_at": _AT},
        ),
        "change_request": _rows(
            {"id": 1, "validation_id": 2, "reason": "New logo"}
            | {"previous_validated_on": "2026-11-04", "previous_validated_by": "Jo"}
            | {"created_at": _AT}
        ),
        "time_entry": _rows(
            {"id": 1, "project_id": 1, "spent_on": "2026-11-20", "minutes": 1}
            | {"category": "work", "note": "", "created_at": _AT},
            {"id": 2, "project_id": 1, "spent_on": "2026-11-21", "minutes": 1440}
            | {"category": "rework", "note": "Long day", "created_at": _AT},
        ),
        "incident": _rows(
            {"id": 1, "project_id": 1, "occurred_on": "2026-11-12", "title": "Outage"}
            | {"facts": "Down 2 h", "contract_says": "", "next_step": "", "status": "open"}
            | {"created_at": _AT, "for_client": "A day late", "for_me": "", "proposal": "Call"}
            | {"told_on": "2026-11-13", "told_how": "phone", "blamed": True}
        ),
        "retrospective": _rows(
            {"project_id": 2, "step": 6, "format": "worked_not_improve", "worked": "Demos"}
            | {"not_worked": "", "improve": "", "applied_lessons": "1,2"}
            | {"lessons_draft": "Ask early #texts", "satisfaction": 5, "completed_at": _AT}
            | {"updated_at": _AT}
        ),
        "lesson": _rows(
            {"id": 1, "project_id": 2, "text": "Ask early", "tags": "texts", "created_at": _AT}
        ),
        "handover": _rows(
            {"project_id": 2, "access_handed_over": True, "invoice_sent_on": "2026-11-30"}
            | {"client_thanked": False, "updated_at": _AT}
        ),
        "sent_report": _rows(
            {"id": 1, "project_id": 1, "sent_on": "2026-11-19", "period": "Mock-ups"}
            | {"body": "# Site", "created_at": _AT}
        ),
        "dismissed_card": _rows(
            {"id": 1, "project_id": 1, "card": "warn", "dismissed_on": "2026-11-19"}
        ),
    }
    return {"format": "relay-export", "version": 1, "schema": "x", "tables": tables}
