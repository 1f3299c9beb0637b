"""The craft card as a Markdown page to send to a client."""

from __future__ import annotations

from relay_tui.i18n import N_, tr

#: The sections of the card: (key, title; translated where shown).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("training", N_("Training")),
    ("practices", N_("How I work")),
    ("strengths", N_("What I do best")),
    ("weaknesses", N_("Where I call for help")),
    ("portfolio", N_("Portfolio")),
)


def craft_markdown(card: dict[str, str]) -> str:
    """Markdown with the filled sections only; portfolio lines become a list of links.
    Written in the current language."""
    name = (card.get("name") or "").strip()
    lines = [tr("# {name}: my trade", name=name) if name else tr("# My trade"), ""]
    filled = False
    for key, title in SECTIONS:
        text = (card.get(key) or "").strip()
        if not text:
            continue
        filled = True
        lines += [f"## {tr(title)}", ""]
        if key == "portfolio":
            lines += [f"- {item.strip()}" for item in text.splitlines() if item.strip()]
        else:
            lines.append(text)
        lines.append("")
    if not filled:
        lines += [tr("_Nothing written yet._"), ""]
    return "\n".join(lines).rstrip() + "\n"
