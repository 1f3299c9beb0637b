"""The craft card as a Markdown page to send to a client."""

from __future__ import annotations

SECTIONS: tuple[tuple[str, str], ...] = (
    ("training", "Training"),
    ("practices", "How I work"),
    ("strengths", "What I do best"),
    ("weaknesses", "Where I call for help"),
    ("portfolio", "Portfolio"),
)


def craft_markdown(card: dict[str, str]) -> str:
    """Markdown with the filled sections only; portfolio lines become a list of links."""
    name = (card.get("name") or "").strip()
    lines = [f"# {name}: my trade" if name else "# My trade", ""]
    filled = False
    for key, title in SECTIONS:
        text = (card.get(key) or "").strip()
        if not text:
            continue
        filled = True
        lines += [f"## {title}", ""]
        if key == "portfolio":
            lines += [f"- {item.strip()}" for item in text.splitlines() if item.strip()]
        else:
            lines.append(text)
        lines.append("")
    if not filled:
        lines += ["_Nothing written yet._", ""]
    return "\n".join(lines).rstrip() + "\n"
