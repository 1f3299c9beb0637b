"""The services speak the language being written when they are called, not the one of
when they were imported: a message built at raise time, a deletion's question, a
retrospective written in the client's language (`i18n.speaking`).

A small French catalogue stands in for the compiled one, so that these tests say what
the services ask the catalogue for (whole sentences, counted with the plural forms),
whatever the translations of the day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from relay_tui import i18n
from relay_tui.db import Store
from relay_tui.errors import Conflict, NotFound
from relay_tui.services import removal, undo
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture, edit_contact
from relay_tui.services.projects import add_project
from relay_tui.services.retro import facts_lines, retro_facts
from relay_tui.services.validations import REOPEN_IN_APP, locked_reason
from tests.conftest import FIXED_NOW

FRENCH = {
    "contact": "échange",
    "project": "projet",
    "{label} #{id}": "{label} #{id}",
    "{label} #{id} “{title}”": "{label} #{id} « {title} »",
    "Delete {record}? With it go {along}. You can take it back afterwards with {undo}.": (
        "Supprimer {record} ? Cela supprime aussi {along}. Vous pourrez revenir en "
        "arrière avec {undo}."
    ),
    "{items} and {last}": "{items} et {last}",
    "{record} deleted, with {along}": "suppression : {record}, avec {along}",
    "nothing to undo": "rien à défaire",
    "this {label} was changed by {who} since you opened it; it has been reloaded, make "
    "your change again": "cet élément ({label}) a été modifié par {who} depuis que vous "
    "l'avez ouvert ; il a été rechargé, refaites votre modification",
    "validated on {date}: it is locked; to change it, {reopen} with a reason first": (
        "validé le {date} : il est verrouillé ; pour le changer, {reopen}, avec un motif"
    ),
    "press o to reopen it": "appuyez d'abord sur o pour le rouvrir",
    "Chases: {count}": "Relances : {count}",
    "\x04".join(("month, short", "Nov")): "nov.",
}
FRENCH_FORMS = {
    "{n} contact": ["{n} échange", "{n} échanges"],
    "{n} alarm bell": ["{n} sonnette d'alarme", "{n} sonnettes d'alarme"],
    "{n} commitment": ["{n} engagement", "{n} engagements"],
    "{n} risk": ["{n} risque", "{n} risques"],
}


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalogue = i18n.Catalogue("fr")
    for msgid, text in FRENCH.items():
        catalogue.add(msgid, text)
    for msgid, forms in FRENCH_FORMS.items():
        catalogue.add(msgid, *forms)
    monkeypatch.setitem(i18n._catalogues, "fr", catalogue)
    yield


@pytest.fixture
def project_id(store: Store) -> int:
    add_client(store, {"name": "Marie"})
    project = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


def _contact(store: Store, project_id: int) -> int:
    data = {"project": project_id, "summary": "Called about the menu", "channel": "email"}
    contact, _ = capture(store, data, now=FIXED_NOW)
    assert contact.id is not None
    return contact.id


def test_a_deletion_question_is_asked_in_the_language_of_the_moment(
    store: Store, project_id: int, french: None
) -> None:
    _contact(store, project_id)
    _contact(store, project_id)
    english = removal.preview(store, "project", project_id)
    assert english.question() == (
        "Delete project #1 “Bakery”? With it go 10 commitments and 2 contacts. You can take "
        "it back afterwards with relay undo."
    )
    with i18n.speaking("fr"):
        asked = removal.preview(store, "project", project_id).question()
        assert asked.startswith(
            "Supprimer projet #1 « Bakery » ? Cela supprime aussi 10 engagements et 2 échanges."
        )
        assert asked.endswith("Vous pourrez revenir en arrière avec relay undo.")
        # The same preview, read again in French: its name and counts are said anew.
        assert english.name == "projet #1 « Bakery »"


def test_the_counted_parts_take_the_plural_form_of_the_language(
    store: Store, project_id: int, french: None
) -> None:
    _contact(store, project_id)
    with i18n.speaking("fr"):
        gone = removal.delete_record(store, "project", project_id)
    assert "1 échange" in gone.along
    assert gone.step().startswith("project #1 “Bakery” deleted, with ")  # English again
    # The undo step was written in the language of the deletion.
    step = undo.steps(store)[0]
    assert step.summary == "suppression : projet #1 « Bakery », avec 10 engagements et 1 échange"


def test_errors_are_worded_when_raised(store: Store, project_id: int, french: None) -> None:
    contact_id = _contact(store, project_id)
    edit_contact(store, contact_id, {"summary": "Called twice", "version": 1})
    with i18n.speaking("fr"), pytest.raises(Conflict) as refused:
        edit_contact(store, contact_id, {"summary": "Again", "version": 1})
    assert refused.value.message.startswith("cet élément (échange) a été modifié par ")
    with pytest.raises(Conflict) as again:
        edit_contact(store, contact_id, {"summary": "Again", "version": 1})
    assert again.value.message.startswith("this contact was changed by ")
    while undo.steps(store):
        undo.undo_last(store)
    with i18n.speaking("fr"), pytest.raises(NotFound, match=r"^undo: rien à défaire$"):
        undo.undo_last(store)


def test_why_a_validated_deliverable_is_locked_names_the_way_to_reopen_it(french: None) -> None:
    day = date(2026, 11, 12)
    assert locked_reason(day, "edit") == (
        "validated on 12 Nov 2026: it is locked; to edit it, reopen it with a reason first"
    )
    with i18n.speaking("fr"):
        assert locked_reason(day, "change", REOPEN_IN_APP) == (
            "validé le 12 nov. 2026 : il est verrouillé ; pour le changer, appuyez d'abord "
            "sur o pour le rouvrir, avec un motif"
        )


def test_retrospective_facts_are_written_in_the_documents_language(
    store: Store, project_id: int, french: None
) -> None:
    facts = retro_facts(store, project_id)
    assert "Chases: 0" in facts_lines(facts)
    with i18n.speaking("fr"):
        assert "Relances : 0" in facts_lines(facts)
