"""The framing's documents for the client (the commitments for the contract's appendix and
the kick-off summary), the lessons planned at framing, and whether they were kept."""

from __future__ import annotations

from datetime import date

from relay_tui.domain.after import planned_section
from relay_tui.domain.kickoff import (
    Bell,
    Frame,
    KickoffData,
    PlannedLesson,
    Promise,
    commitments_markdown,
    keep_known,
    kickoff_markdown,
    planned_ids,
    replan,
)
from relay_tui.i18n import speaking

TODAY = date(2026, 11, 23)

PROMISES = [
    Promise("provider", "Warn early of any problem"),
    Promise("client", "Send the photos", date(2026, 12, 1)),
    Promise("client", "Validate each step within 48 h"),
]


# --- the lessons planned ----------------------------------------------------------------


def test_planned_ids_read_the_stored_list_and_skip_what_is_not_an_id() -> None:
    assert planned_ids("") == []
    assert planned_ids("3,1, 7,,x,3") == [3, 1, 7]


def test_replan_adds_at_the_end_and_takes_out() -> None:
    assert replan("", 4, True) == "4"
    assert replan("4", 2, True) == "4,2"
    assert replan("4,2", 4, True) == "2,4"  # planned again: once, at the end
    assert replan("4,2", 4, False) == "2"
    assert replan("2", 9, False) == "2"


def test_a_deleted_lesson_drops_out() -> None:
    assert keep_known([5, 3, 8], known=[8, 5]) == [5, 8]


# --- the commitments for the contract ---------------------------------------------------


def test_the_commitments_appendix_lists_both_sides_with_their_dates() -> None:
    text = commitments_markdown("Bakery website", "Marie Lambert", TODAY, PROMISES)
    assert text == (
        "# Bakery website: mutual commitments\n"
        "\n"
        "Appendix to the contract with Marie Lambert, Monday 23 November 2026.\n"
        "\n"
        "## The client commits to\n"
        "\n"
        "- Send the photos (by Tuesday 1 December 2026)\n"
        "- Validate each step within 48 h\n"
        "\n"
        "## The provider commits to\n"
        "\n"
        "- Warn early of any problem\n"
    )


def test_the_commitments_appendix_says_when_a_side_has_none() -> None:
    text = commitments_markdown("Site", "Ann", TODAY, [])
    assert text.count("- None written down.") == 2


def test_the_commitments_appendix_in_french() -> None:
    with speaking("fr"):
        text = commitments_markdown("Site", "Ann", TODAY, PROMISES).replace("\xa0", " ")
    assert "lundi 23 novembre 2026" in text
    assert "mardi 1er décembre 2026" in text
    assert "# Site : engagements réciproques" in text  # once the catalogue has it


# --- the kick-off summary ---------------------------------------------------------------


def full() -> KickoffData:
    return KickoffData(
        project="Bakery website",
        client="Marie Lambert",
        today=TODAY,
        frame=Frame(
            working_method="Short cycles, a demo at the end of each",
            cycle_days=14,
            report_every_days=7,
            written_validations=True,
            progress_point=True,
            single_contact=False,
            changes_in_writing=True,
        ),
        start_on=date(2026, 11, 30),
        delivery_on=date(2027, 1, 15),
        cycle_end=date(2026, 12, 14),
        bells=[
            Bell("Mock-ups", date(2026, 12, 10)),
            Bell("Photos from Marie", date(2026, 12, 2), client_side=True),
        ],
        commitments=PROMISES,
        lessons=[
            PlannedLesson("Ask for the photos in the contract."),
            PlannedLesson("Late validations slip the launch", action="A 48 h validation delay"),
            PlannedLesson("Demo every week", commitment=True),
        ],
    )


def test_the_kickoff_summary_of_a_framed_project() -> None:
    assert kickoff_markdown(full()) == (
        "# Bakery website: kick-off\n"
        "\n"
        "For Marie Lambert, Monday 23 November 2026.\n"
        "\n"
        "## How we work\n"
        "\n"
        "Short cycles, a demo at the end of each\n"
        "\n"
        "We work in cycles of 14 days: at the end of each one we look together at what is "
        "done and plan the next.\n"
        "\n"
        "What we agree on:\n"
        "\n"
        "- Each step is validated in writing before the next one starts.\n"
        "- A progress point every 7 days.\n"
        "- Any change to what was agreed is settled in writing.\n"
        "\n"
        "## Key dates\n"
        "\n"
        "- Monday 30 November 2026: start of the project\n"
        "- Wednesday 2 December 2026: Photos from Marie (on your side)\n"
        "- Thursday 10 December 2026: Mock-ups\n"
        "- Monday 14 December 2026: end of the current cycle\n"
        "- Friday 15 January 2027: delivery\n"
        "\n"
        "## You commit to\n"
        "\n"
        "- Send the photos (by Tuesday 1 December 2026)\n"
        "- Validate each step within 48 h\n"
        "\n"
        "## I commit to\n"
        "\n"
        "- Warn early of any problem\n"
        "\n"
        "## What we learnt from past projects and what we do about it\n"
        "\n"
        "- Ask for the photos in the contract.\n"
        "- Late validations slip the launch: A 48 h validation delay\n"
        "- Demo every week: it is one of my commitments above.\n"
    )


def test_the_kickoff_summary_of_a_bare_project_says_what_is_still_to_agree() -> None:
    text = kickoff_markdown(KickoffData("Site", "Ann", TODAY))
    assert "The way we work is still to be agreed together." in text
    assert "- The dates are still to be set." in text
    assert text.count("- None written down.") == 2
    assert "What we learnt" not in text  # no lesson planned: no section
    assert "What we agree on" not in text  # nothing ticked


def test_the_kickoff_summary_shows_only_the_rigour_ticked() -> None:
    frame = Frame(single_contact=True, progress_point=True)
    text = kickoff_markdown(KickoffData("Site", "Ann", TODAY, frame=frame))
    assert "- One contact person on your side, who takes the decisions." in text
    assert "- A regular progress point." in text
    assert "validated in writing" not in text and "settled in writing" not in text


def test_the_kickoff_summary_in_french() -> None:
    with speaking("fr"):
        text = kickoff_markdown(full()).replace("\xa0", " ")
    assert "lundi 30 novembre 2026" in text
    assert "vendredi 15 janvier 2027" in text
    assert "# Bakery website : lancement" in text  # once the catalogue has it


# --- kept or not in the retrospective ---------------------------------------------------


def test_the_retrospective_says_which_planned_lessons_were_kept() -> None:
    assert planned_section([]) == []
    assert planned_section([("Photos first.", True), ("Weekly demo", False)]) == [
        "## Lessons planned at framing",
        "",
        "- Photos first: kept",
        "- Weekly demo: not kept",
        "",
    ]
