"""The benchmarks' figures and their verdicts, as one table.

A benchmark's JSON result holds `figures`, a list of objects:
  figure        what is measured, as the table names it;
  value, unit   the median (None when it could not be measured: FAILED if it has a target);
  target        an upper bound on the value (`strict`: the value must be below it);
  baseline, ratio, target_ratio   the floor measured in the same run, value / baseline and
                its upper bound;
  offenders     a list that must be empty (capture's heavy imports, a round trip's
                differences): ok when empty.
A figure without any target is shown for information.
"""

from __future__ import annotations

from typing import Any


def verdict(fig: dict[str, Any]) -> str:
    checks = []
    if "offenders" in fig:
        checks.append(not fig["offenders"])
    target, ratio_target = fig.get("target"), fig.get("target_ratio")
    if target is None and ratio_target is None and not checks:
        return ""
    if fig.get("value") is None and (target is not None or ratio_target is not None):
        return "FAILED"
    if target is not None:
        checks.append(fig["value"] < target if fig.get("strict") else fig["value"] <= target)
    if ratio_target is not None:
        if fig.get("ratio") is None:
            return "FAILED"
        checks.append(fig["ratio"] <= ratio_target)
    return "ok" if all(checks) else "OVER"


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    return str(int(value))


def target_text(fig: dict[str, Any]) -> str:
    parts = []
    if fig.get("target_ratio") is not None:
        parts.append(f"<= {number(fig['target_ratio'])}x")
    if fig.get("target") is not None:
        sign = "<" if fig.get("strict") else "<="
        parts.append(f"{sign} {number(fig['target'])} {fig.get('unit', '')}".rstrip())
    if "offenders" in fig:
        parts.append("none")
    return " and ".join(parts)


def rows(figures: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """(figure, value, target, ratio, verdict) of each figure."""
    out = []
    for fig in figures:
        if "offenders" in fig and fig.get("value") is None:
            value = ", ".join(fig["offenders"]) or "none"
        else:
            value = f"{number(fig.get('value'))} {fig.get('unit', '')}".rstrip()
        ratio = ""
        if fig.get("ratio") is not None:
            ratio = f"{number(fig['ratio'])}x"
            if fig.get("baseline") is not None:
                ratio += f" of {number(fig['baseline'])} {fig.get('unit', '')}".rstrip()
        out.append((fig["figure"], value, target_text(fig), ratio, verdict(fig)))
    return out


def render(table: list[tuple[str, str, str, str, str]]) -> str:
    header = ("figure", "value", "target", "ratio", "")
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(4)]
    lines = [
        f"{header[0]:<{widths[0]}}  {header[1]:>{widths[1]}}  {header[2]:<{widths[2]}}  "
        f"{header[3]:<{widths[3]}}  verdict",
        "-" * (sum(widths) + 16),
    ]
    for figure, value, target, ratio, mark in table:
        lines.append(
            f"{figure:<{widths[0]}}  {value:>{widths[1]}}  {target:<{widths[2]}}  "
            f"{ratio:<{widths[3]}}  {mark}"
        )
    return "\n".join(lines)


def print_figures(result: dict[str, Any]) -> None:
    """One benchmark's result, as a table and its notes."""
    rows_ = result.get("store_rows")
    if rows_:
        print(
            f"store {result.get('store')}: {rows_['project']} projects, {rows_['contact']} "
            f"contacts, {rows_['deadline']} alarm bells; medians of {result.get('runs')} runs"
        )
    print(render(rows(result["figures"])))
    for note in result.get("notes", []):
        print(f"note: {note}")
    for error in result.get("errors", []):
        print(f"error: {error}")


def report(result: dict[str, Any], as_json: bool) -> int:
    """A benchmark's result on stdout: one JSON line (`--json`, what run_all.py reads),
    or the table; the script's exit status."""
    if as_json:
        import json

        print(json.dumps(result))
    else:
        print_figures(result)
    return 0
