"""A board's long lists: lines whose order is known from a few values each, every line
built when first read (a store of 10,000 projects has thousands of lines in a list, and a
screen shows twenty). The time lines, the alarm bells and the chase list are ones."""

from __future__ import annotations

from typing import Generic, TypeVar

TYPE_CHECKING = False  # no collections import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterator

Line = TypeVar("Line")


class LazyLines(Generic[Line]):
    """A sequence of `count` lines in their order, line `index` built by `_build` when
    first read and kept. Equal to a list or tuple of the same lines."""

    __slots__ = ("_built",)

    def __init__(self, count: int) -> None:
        self._built: list[Line | None] = [None] * count

    def _build(self, index: int) -> Line:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._built)

    def __getitem__(self, index: int) -> Line:
        line = self._built[index]
        if line is None:
            line = self._built[index] = self._build(index)
        return line

    def __iter__(self) -> Iterator[Line]:
        for index in range(len(self._built)):
            yield self[index]

    def __bool__(self) -> bool:
        return bool(self._built)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyLines, list, tuple)):  # as a list of its lines
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"
