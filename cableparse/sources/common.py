"""Shared machinery of the container decoders.

* :func:`decode_input` turns ``str``/``bytes`` into text with ``\\n`` line
  ends (UTF-8, BOM stripped, cp1252 fallback) and refuses binary data.
* :class:`LineSink` collects normalised lines and their map back to the
  original input.  It stores a segment only for lines that do not map
  one-to-one (line + offset, same column), and lines cut whole from one
  original line (the ``&#x000A;`` lines of an HTML block) as one run of
  start columns, which keeps decoding a page of 200 lines cheap.
* :func:`strip_controls` removes NUL and other control characters from a
  finished document while keeping every remaining character's position.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import NamedTuple, overload

import regex

from ..errors import Reporter, Span
from ..model import ContainerMetadata, SourceFormat
from ..sourcemap import Document, SourceMap

__all__ = [
    "PILCROW_LINE",
    "TAG_WORD",
    "KnownPrefix",
    "LazyLines",
    "LineSink",
    "OffsetLines",
    "decode_input",
    "learn_prefix",
    "position",
    "read_input",
    "read_parts",
    "strip_controls",
]

#: Control characters removed from the text: C0 except tab and newline, DEL.
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
#: What counts towards "this is binary": controls that never occur in text
#: files (CR, form feed and escape do), and undecodable characters.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
#: Lone surrogates that ``surrogateescape`` decoding of a stream cannot give.
_STRAY_SURROGATE = regex.compile("[\ud800-\udc7f\udd00-\udfff]")
_ESCAPED_BYTE = regex.compile("[\udc80-\udcff]")
#: A word of a TAGS line, as the pages link it (renderers only).
TAG_WORD = regex.compile(r"(?<![\w/\[-])[A-Z][A-Z0-9/-]*+(?![\w/\]-])")
#: A line the pages give a pilcrow anchor: paragraph number or REF letter and a dot.
PILCROW_LINE = regex.compile(r"([0-9]{1,3}|[A-Z])\.")
_BINARY_SAMPLE = 65536
#: A few stray control bytes make a damaged text file, not a binary one.
_BINARY_MIN = 8


class KnownPrefix(NamedTuple):
    """The start shared by the inputs of one site and what it holds.

    Every Cablegate page starts with the same 33 KB of navigation markup,
    two thirds of the page: scanning it for control characters, line breaks
    and the page title once per page cost more than decoding the cable.
    """

    #: Whole lines, without control characters or the page title.
    text: str
    #: ``text`` in UTF-8.
    raw: bytes
    #: The line breaks in ``text``.
    newlines: int
    #: The U+FFFD characters among the first ``_BINARY_SAMPLE`` of ``text``.
    replaced: int = 0


# One slot each, replaced whole (never changed in place), so threads share
# them safely: the prefix in use and the page start it was learnt against.
_known: KnownPrefix | None = None
_last_start: str = ""
#: A shorter common start is not worth remembering.
_MIN_PREFIX = 4096


def learn_prefix(text: str, end: int) -> None:
    """Learn the lines ``text[:end]`` shares with the start given the time before.

    ``text[:end]`` is the part of a page before its title (the HTML decoder
    gives the markup before ``Viewing cable``).  Costs a few binary-search
    comparisons, paid only by a page that does not begin with the known
    prefix.
    """
    global _known, _last_start
    if end < _MIN_PREFIX:
        return
    start = text[:end]
    last, _last_start = _last_start, start
    low, high = 0, min(len(last), len(start))
    while low < high:  # the length of the common start
        middle = (low + high + 1) // 2
        if start.startswith(last[:middle]):
            low = middle
        else:
            high = middle - 1
    shared = start[: start.rfind("\n", 0, low) + 1]
    if len(shared) < _MIN_PREFIX:
        return
    raw = shared.encode("utf-8")
    if not _has_controls(raw):
        _known = KnownPrefix(shared, raw, shared.count("\n"), shared.count("\ufffd", 0, _BINARY_SAMPLE))


def position(text: str, offset: int, first_line: int = 1, base: int = 0) -> tuple[int, int]:
    """The 1-based (line, column) of ``offset`` in ``text``.

    ``first_line`` is the line number of offset ``base`` (counting starts
    there, which spares a scan of a long page's beginning).
    """
    line = first_line + text.count("\n", base, offset)
    column = offset - text.rfind("\n", 0, offset)
    return line, column


def decode_input(data: str | bytes, reporter: Reporter) -> tuple[str, bool] | None:
    """Text with ``\\n`` line ends and whether it holds control characters.

    Bytes are UTF-8 (a BOM is dropped; UTF-16 with a BOM is honoured); when
    they are not valid UTF-8 they are read as cp1252 and an
    ``input-decoding`` note says where the first bad byte stood.  A ``str``
    that carries lone surrogates (a stream decoded with
    ``surrogateescape``) is treated as the bytes it came from.  ``None``
    (reported as ``input-binary``) when the input looks like binary data.
    """
    result = read_input(data, reporter)
    return None if result is None else result[:2]


def read_input(data: str | bytes, reporter: Reporter) -> tuple[str, bool, KnownPrefix | None] | None:
    """:func:`decode_input`, and the known prefix the text starts with (``None`` if it does not)."""
    result = read_parts(data, reporter)
    if result is None:
        return None
    text, controls, known, after = result
    return (known.text + text if known is not None and after else text), controls, known


def read_parts(data: str | bytes, reporter: Reporter) -> tuple[str, bool, KnownPrefix | None, bool] | None:
    """:func:`read_input` without putting the known prefix and the rest together.

    When the last item is true, the text is what follows ``known.text``
    (bytes that start with the prefix's bytes: two thirds of a Cablegate
    page are then neither decoded nor copied).
    """
    known = _known
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:
            stray = _STRAY_SURROGATE.search(data)
            if stray is not None and _ESCAPED_BYTE.search(data) is None:
                # Nothing to turn back into bytes: the text, with U+FFFD
                # for each lone surrogate, and a note where the first stood.
                result = read_parts(_STRAY_SURROGATE.sub("\ufffd", data), reporter)
                if result is not None:
                    message = f"lone surrogate U+{ord(stray.group()):04X} stands for no character; read as U+FFFD"
                    _report_decoding(reporter, data[: stray.start()], message)
                return result
            data = _surrogates_to_bytes(data)
        else:
            if data.startswith("\ufeff"):
                return _checked(data[1:], raw, reporter, None, False)
            # UTF-8 keeps prefixes: the raw prefix starts the text's encoding
            # only when its text starts the text.
            return _checked(data, raw, reporter, known if known is not None and raw.startswith(known.raw) else None, False)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return _checked(text, text.encode("utf-8", "replace"), reporter, None, False)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if known is not None and data.startswith(known.raw):
        # The prefix ends a line, so no character straddles its end: only
        # the rest needs decoding (a third of a Cablegate page).
        try:
            # (A view: slicing the bytes would copy them.)
            rest = codecs.utf_8_decode(memoryview(data)[len(known.raw) :], "strict", True)[0]
        except UnicodeDecodeError:
            pass  # read whole below: as cp1252 (not the prefix's text), with the bad byte's position
        else:
            return _checked(rest, data, reporter, known, True)
    # The decoding note only matters when the input turns out to be text.
    note = Reporter()
    text = _decode_bytes(data, note)
    result = _checked(text, data, reporter, None, False)
    if result is not None:
        reporter.extend(note.diagnostics)
    return result


def _surrogates_to_bytes(text: str) -> bytes:
    """The bytes a text with lone surrogates came from, as far as it tells.

    Surrogates U+DC80-U+DCFF stand for the bytes of a stream read with
    ``surrogateescape`` and become those bytes again.  Any other lone
    surrogate (U+D800, say) stands for no byte and becomes byte 0x81,
    which cp1252 (the reading that escaped bytes lead to) leaves undefined
    and reads as U+FFFD, as it reads any undecodable byte.
    """
    return _STRAY_SURROGATE.sub("\udc81", text).encode("utf-8", "surrogateescape")


def _decode_bytes(data: bytes, reporter: Reporter) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        before = data[: exc.start].decode("utf-8", errors="replace")
        _report_decoding(reporter, before, f"byte 0x{data[exc.start]:02X} is not UTF-8; the input was read as cp1252")
        return text


def _report_decoding(reporter: Reporter, before: str, message: str) -> None:
    """An ``input-decoding`` note where ``before`` (the input up to the problem) ends."""
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    line, column = position(before, len(before))
    reporter.report("input-decoding", message, Span(line, column, ""), field="input")


def _has_controls(raw: bytes, start: int = 0) -> bool:
    """Whether ``raw[start:]`` holds a control byte."""
    # One memchr per control byte (31 of them, each at tens of bytes a
    # cycle) costs less than a translation, which looks a byte up and
    # writes it (~9 instructions a byte); a character-class pattern costs
    # far more than either.  A start spares copying the bytes after it.
    if start:
        return max(map(raw.find, _CONTROL_BYTES, repeat(start))) >= 0
    return any(map(raw.__contains__, _CONTROL_BYTES))


def _checked(
    text: str, raw: bytes, reporter: Reporter, known: KnownPrefix | None, after: bool
) -> tuple[str, bool, KnownPrefix | None, bool] | None:
    """``text`` unless it looks binary; ``after``: it is what follows ``known.text``."""
    # Control bytes are the same in UTF-8, cp1252 and ASCII.  A known
    # prefix holds none.
    controls = _has_controls(raw, len(known.raw) if known is not None else 0)
    size = min(len(raw), _BINARY_SAMPLE)
    # A search, fast even in a wide string, usually spares the count.
    bad, end = (known.replaced, _BINARY_SAMPLE - len(known.text)) if known is not None and after else (0, _BINARY_SAMPLE)
    if end > 0 and text.find("\ufffd", 0, end) >= 0:
        bad += text.count("\ufffd", 0, end)
    if controls:
        sample = raw[:_BINARY_SAMPLE]
        bad += size - len(sample.translate(None, _BINARY_BYTES))
    if bad >= _BINARY_MIN and bad * 10 > size:
        reporter.report(
            "input-binary",
            f"the input looks like binary data ({bad} control or undecodable characters in the first {size} bytes)",
            field="input",
        )
        return None
    # "\r" is a control byte: only a text that holds one can need converting
    # (which spares a scan of the whole page).  The prefix has no "\r" (and
    # ends a line, so no "\r\n" straddles its end).
    if controls and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, controls, known, after


def strip_controls(doc: Document, reporter: Reporter) -> None:
    """Remove control characters from ``doc.lines`` in place, keeping positions.

    One ``input-nul`` warning points at the first removed character and
    counts them all.
    """
    smap = doc.source_map
    lines = list(doc.lines)
    removed = 0
    first: tuple[int, int] | None = None
    for index, text in enumerate(lines):
        if _CONTROL.search(text) is None:
            continue
        number = index + 1
        runs: list[tuple[int, int]] = []  # kept runs as 1-based [start, stop)
        kept_from = 1
        for m in _CONTROL.finditer(text):
            if first is None:
                first = smap.locate(number, m.start() + 1)
            removed += m.end() - m.start()
            runs.append((kept_from, m.start() + 1))
            kept_from = m.end() + 1
        runs.append((kept_from, len(text) + 2))  # the end position maps too
        old = smap.line_segments(number)
        starts = [s[0] for s in old] if old else [1]
        segments: list[tuple[int, int, int]] = []
        shift = 0
        for i, (start, stop) in enumerate(runs):
            if stop > start:
                points = {start, *(s for s in starts if start < s < stop)}
                segments.extend((point - shift, *smap.locate(number, point)) for point in sorted(points))
            if i + 1 < len(runs):
                shift += runs[i + 1][0] - stop
        smap.segments[number] = segments
        lines[index] = _CONTROL.sub("", text)
    doc.lines = lines
    if first is not None:
        reporter.report(
            "input-nul",
            f"{removed} NUL or other control character(s) removed",
            Span(first[0], first[1], ""),
            field="input",
        )


class LineSink:
    """Collects normalised lines and where each character came from.

    ``offset`` is the shift of lines that map one-to-one: normalised line
    ``n`` at column ``c`` maps to original ``(n + offset, c)`` unless a
    segment list says otherwise.
    """

    __slots__ = ("_col", "_fresh", "_parts", "_segs", "lines", "offset", "runs", "segments")

    def __init__(self, offset: int = 0) -> None:
        self.lines: list[str] = []
        self.segments: dict[int, list[tuple[int, int, int]]] = {}
        self.runs: list[tuple[int, int, Sequence[int]]] = []
        self.offset = offset
        self._parts: list[str] = []
        self._segs: list[tuple[int, int, int]] = []
        self._col = 1
        self._fresh = True

    @property
    def pending(self) -> bool:
        """Whether the current line has content not yet ended by :meth:`newline`."""
        return bool(self._parts)

    def run(self, texts: Sequence[str], line: int, columns: Sequence[int]) -> None:
        """Add complete lines, all from original ``line``, starting at ``columns`` (one each).

        A segment set later for one of these lines takes precedence.
        """
        if texts:
            self.runs.append((len(self.lines) + 1, line, columns))
            self.lines.extend(texts)

    def block(self, texts: Sequence[str], line: int, column: int = 1) -> None:
        """Add complete lines taken from consecutive original lines.

        The first starts at ``(line, column)``, the others at column 1 of
        the lines below it.  Only lines that do not map one-to-one get a
        segment.
        """
        if not texts:
            return
        first = len(self.lines) + 1
        self.lines.extend(texts)
        if line - first != self.offset:
            self.segments.update({first + i: [(1, line + i, 1)] for i in range(len(texts))})
        if column != 1:
            self.segments[first] = [(1, line, column)]

    def whole(self, text: str, line: int, column: int) -> None:
        """Add a complete line copied verbatim from ``(line, column)``.

        Only valid when nothing is pending.
        """
        number = len(self.lines) + 1
        self.lines.append(text)
        if column != 1 or line != number + self.offset:
            self.segments[number] = [(1, line, column)]

    def copy(self, text: str, line: int, column: int) -> None:
        """Append ``text`` taken verbatim from original ``(line, column)``."""
        if not text:
            return
        segs = self._segs
        if self._fresh or not segs:
            segs.append((self._col, line, column))
        else:
            start, oline, ocol = segs[-1]
            if oline != line or ocol + self._col - start != column:
                segs.append((self._col, line, column))
        self._fresh = False
        self._parts.append(text)
        self._col += len(text)

    def replace(self, text: str, line: int, column: int) -> None:
        """Append decoded ``text`` that stands for original text at ``(line, column)``."""
        if not text:
            return
        self._segs.append((self._col, line, column))
        self._parts.append(text)
        self._col += len(text)
        self._fresh = True

    def newline(self, line: int, column: int) -> None:
        """End the current line; an empty line maps to ``(line, column)``."""
        number = len(self.lines) + 1
        segs = self._segs or [(1, line, column)]
        self.lines.append("".join(self._parts))
        if len(segs) != 1 or segs[0] != (1, number + self.offset, 1):
            self.segments[number] = segs
        self._parts = []
        self._segs = []
        self._col = 1
        self._fresh = True

    def take(self, line: int, column: int) -> tuple[str, list[tuple[int, int, int]]]:
        """End the current line without adding it: its text and segments (an empty line maps to ``(line, column)``)."""
        text = "".join(self._parts)
        segs = self._segs or [(1, line, column)]
        self._parts = []
        self._segs = []
        self._col = 1
        self._fresh = True
        return text, segs

    def document(
        self,
        format: SourceFormat,
        original_lines: Sequence[str] | None,
        *,
        body_start: int | None = None,
        metadata: ContainerMetadata | None = None,
        source: str | None = None,
    ) -> Document:
        """The finished document (a pending line must have been ended)."""
        return Document(
            lines=self.lines,
            format=format,
            source_map=SourceMap(line_offset=self.offset, segments=self.segments, original_lines=original_lines, runs=self.runs),
            body_start=body_start,
            metadata=metadata,
            source=source,
        )


class LazyLines(Sequence[str]):
    """The lines of ``head + text``, split only when a caret display asks for one.

    ``head``, if any, ends a line (a known prefix).
    """

    __slots__ = ("_head", "_lines", "_text")

    def __init__(self, text: str, head: str = "") -> None:
        self._text = text
        self._head = head
        self._lines: list[str] | None = None

    def _split(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.split("\n")
            if self._head:
                self._lines[:0] = self._head.split("\n")[:-1]
        return self._lines

    def __len__(self) -> int:
        return len(self._split())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._split()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._split())


class OffsetLines(Sequence[str]):
    """Original lines of a piece of a larger file (one CSV row).

    ``self[i]`` is file line ``i + 1``; lines outside the piece are empty.
    """

    __slots__ = ("_first", "_lines")

    def __init__(self, lines: Sequence[str], first_line: int) -> None:
        self._lines = lines
        self._first = first_line

    def __len__(self) -> int:
        return self._first - 1 + len(self._lines)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        i = index - (self._first - 1)
        if 0 <= i < len(self._lines):
            return self._lines[i]
        if 0 <= index < len(self):
            return ""
        raise IndexError(index)
