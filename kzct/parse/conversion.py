"""The Chinese Wikipedia's conversion markup, read as MediaWiki renders it, before parsing.

The Chinese Wikipedia shows one article in several scripts; its editors steer the conversion with
markup that mwparserfromhell does not know:

- ``-{X}-`` and ``-{R|X}-``: X as written, never converted (``-{R|塔什干}-`` reads 塔什干);
- ``-{}-``: nothing (it only keeps a word from being converted: ``努尔-{}-苏丹`` reads 努尔苏丹);
- ``-{zh-hans:A;zh-hant:B;zh-tw:C}-``: one text per variant; kzct shows the simplified one
  (``zh-hans``, else ``zh-cn``, ``zh-sg``, ``zh-my``, ``zh``, else the first), and keeps the
  others as other names of the same thing;
- ``-{H|zh-hans:A;zh-hant:B}-``: a rule for the rest of the article, shown nowhere;
  ``-{A|…}-`` both shows the text and adds the rule; ``-{T|…}-``, ``-{D|…}-``, ``-{-|…}-`` show
  nothing;
- an unclosed ``-{``: the two characters are dropped and the words after them kept;
- markup nested deeper than MediaWiki reads it (``MAX_DEPTH``): the inner markup as written,
  as text (MediaWiki shows it so, with a warning).

``prepare`` also drops the control characters a seed may hold (NUL stops mwparserfromhell's
tokenizer, and none of them is text), and the CR of each CRLF (MediaWiki's line end is LF). What
the parser reads is made only of pieces of the seed, so every offset in it maps back to the seed
as written (``Prepared.original``).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kzct.text import SEED_CONTROLS

# C0 controls and DEL, but tab and line feed (a carriage return is dropped unreported: each ends a
# line with the line feed after it, as ``kzct.text.clean_text`` leaves them).
CONTROL = re.compile(f"[{SEED_CONTROLS}]")
_TOKENS = re.compile(r"-\{|\{\{|\}\}|\}-")
_FLAG_HEAD = re.compile(r"^\s*+([A-Za-z\-;\s]{1,24}?)\s*+\|")
_FLAGS = frozenset("ATRDHN-")
_VARIANT = re.compile(r"\s*(zh(?:-[a-zA-Z]+)?)\s*:", re.ASCII)
_PREFERRED = ("zh-hans", "zh-cn", "zh-sg", "zh-my", "zh")
# How deep MediaWiki's LanguageConverter reads nested markup (its MAX_DEPTH): past it, the markup
# is text. Rendering recurses once a level, so the depth of the input never reaches Python's
# recursion limit.
MAX_DEPTH = 10
# A link or template in a variant's text, for the plain form of a name.
_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
# What MediaWiki shows as written, converting nothing: comments, and the contents of <nowiki>,
# <pre>, <math>, <syntaxhighlight> and <source> (to the end of the text when left open).
# (A tag ends before the next `<`: a tag left open costs no scan to the end of the text.)
_LITERAL = re.compile(r"<!--.*?(?:-->|\Z)|<(nowiki|pre|math|syntaxhighlight|source)\b[^<>]*?(?<!/)>"
                      r".*?(?:</\1\s*>|\Z)", re.S | re.I)


class Prepared(NamedTuple):
    """The text the parser reads, made of pieces of the seed."""

    text: str
    # (start in text, start in the seed, length), in order: text[a:a+n] == seed[b:b+n]
    pieces: tuple[tuple[int, int, int], ...]
    # names the markup says are one: (shown, other variants...)
    variants: tuple[tuple[str, ...], ...]
    # offsets in the seed of the control characters that were dropped
    controls: tuple[int, ...]
    starts: tuple[int, ...]  # the first field of each piece, for bisection
    # offsets in the seed of each `-{` that nothing closes
    unclosed: tuple[int, ...] = ()
    # offsets in the seed of each `-{` nested past MAX_DEPTH, read as text with what it holds
    deep: tuple[int, ...] = ()

    def original(self, pos: int) -> int:
        """The seed offset of ``text[pos]`` (the end of the seed for the end of the text)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return pos
        start, seed_start, length = self.pieces[k]
        if pos < start + length or k == len(self.pieces) - 1:
            return seed_start + (pos - start)
        return seed_start + length

    def without(self, ranges: list[tuple[int, int]]) -> Prepared:
        """The text without ``ranges`` (in order, apart), every offset still mapped to the
        seed: what the parser must not read as markup (``kzct.parse.unclosed``)."""
        parts: list[str] = []
        pieces: list[tuple[int, int, int]] = []
        length = 0
        keep = _complement(ranges, len(self.text))
        k = 0
        for a, b in keep:  # each kept range, cut where the pieces it spans end
            parts.append(self.text[a:b])
            while k < len(self.pieces) and self.pieces[k][0] + self.pieces[k][2] <= a:
                k += 1
            j = k
            while a < b and j < len(self.pieces):
                start, seed_start, size = self.pieces[j]
                take = min(b, start + size) - a
                if take > 0:
                    pieces.append((length, seed_start + (a - start), take))
                    length += take
                    a += take
                if a >= start + size:
                    j += 1
        return self._replace(text="".join(parts), pieces=tuple(pieces),
                             starts=tuple(p[0] for p in pieces))

    def identity(self) -> bool:
        """Whether an offset in the text is the same offset in the seed (nothing was dropped
        before the end)."""
        return len(self.pieces) <= 1 and (not self.pieces or self.pieces[0][:2] == (0, 0))


def _complement(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The ranges of ``[0, length)`` outside ``ranges`` (in order, apart)."""
    out = []
    pos = 0
    for a, b in ranges:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < length:
        out.append((pos, length))
    return out


class _Out:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []
        self.length = 0
        self.variants: list[tuple[str, ...]] = []
        self.controls: list[int] = []
        self.unclosed: list[int] = []
        self.deep: list[int] = []
        self.pairs = _pairs(raw)
        # where MediaWiki converts nothing: (start, end) of each, in order
        self.literal = [m.span() for m in _LITERAL.finditer(raw)] if "-{" in raw else []
        self.literal_starts = [start for start, _end in self.literal]

    def copy(self, start: int, end: int) -> None:
        """Seed text ``raw[start:end]`` as it is, without its control characters."""
        pos = start
        for m in CONTROL.finditer(self.raw, start, end):
            if m.group() != "\r":
                self.controls.append(m.start())
            self._piece(pos, m.start())
            pos = m.end()
        self._piece(pos, end)

    def _piece(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self.pieces:
            last_start, last_seed, last_len = self.pieces[-1]
            if last_seed + last_len == start:  # continues the last piece
                self.pieces[-1] = (last_start, last_seed, last_len + end - start)
                self.parts.append(self.raw[start:end])
                self.length += end - start
                return
        self.pieces.append((self.length, start, end - start))
        self.parts.append(self.raw[start:end])
        self.length += end - start


def prepare(raw: str) -> Prepared:
    """Render the conversion markup of ``raw`` and drop its control characters. Never raises."""
    out = _Out(raw)
    if "-{" not in raw and not CONTROL.search(raw):
        return Prepared(raw, ((0, 0, len(raw)),) if raw else (), (), (), (0,) if raw else ())
    _render(out, 0, len(raw))
    return Prepared("".join(out.parts), tuple(out.pieces), tuple(out.variants), tuple(out.controls),
                    tuple(p[0] for p in out.pieces), tuple(out.unclosed), tuple(out.deep))


def _render(out: _Out, start: int, end: int, depth: int = 0) -> None:
    """``raw[start:end]`` rendered, inside ``depth`` levels of markup."""
    raw = out.raw
    pos = start
    while pos < end:
        i = raw.find("-{", pos, end)
        if i < 0:
            break
        if raw.startswith("-{{", i) and not raw.startswith("-{{{", i):
            out.copy(pos, i + 1)  # `-{{template}}`: a dash before a template
            pos = i + 1
            continue
        k = bisect.bisect_right(out.literal_starts, i) - 1
        if k >= 0 and out.literal[k][1] > i:  # in a comment or <nowiki>: not markup
            stop = min(out.literal[k][1], end)
            out.copy(pos, stop)
            pos = stop
            continue
        out.copy(pos, i)
        close = out.pairs.get(i, -1)
        if not 0 <= close < end:  # unclosed: drop the marker, keep the words after it
            out.unclosed.append(i)
            pos = i + 2
            continue
        if depth >= MAX_DEPTH:  # nested too deep: the markup is text, as written
            out.deep.append(i)
            out.copy(i, close + 2)
        else:
            _markup(out, i + 2, close, depth + 1)
        pos = close + 2
    out.copy(pos, end)


def _pairs(raw: str) -> dict[int, int]:
    """Each ``-{`` (by position) and the ``}-`` that closes it, found in one pass (one scan per
    marker would take quadratic time on a text of unclosed ones). Markers nest; a template's
    ``}}`` inside one is no ``}-`` (``-{ {{x}}-y }-``); ``-{{x}}`` is a dash before a template."""
    pairs: dict[int, int] = {}
    stack: list[list[int]] = []  # an open marker's position, and the templates open inside it
    pos = 0
    while True:
        m = _TOKENS.search(raw, pos)
        if m is None:
            return pairs
        token, at = m.group(), m.start()
        pos = m.end()
        if token == "-{":
            if raw.startswith("-{{", at) and not raw.startswith("-{{{", at):
                pos = at + 1
            else:
                stack.append([at, 0])
        elif token == "{{":
            if stack:
                stack[-1][1] += 1
        elif token == "}}":
            if stack and stack[-1][1]:
                stack[-1][1] -= 1
            else:
                pos = at + 1  # the second brace may begin `}-`
        elif stack:  # `}-`
            pairs[stack.pop()[0]] = at


def _markup(out: _Out, start: int, end: int, depth: int) -> None:
    """One ``-{…}-`` whose content is ``raw[start:end]``, the ``depth``-th level of markup."""
    raw = out.raw
    content = raw[start:end]
    if not content.strip():
        return
    flags: set[str] = set()
    body = start
    head = _FLAG_HEAD.match(content)
    if head:
        tokens = [t.strip() for t in head.group(1).split(";") if t.strip()]
        if tokens and all(t in _FLAGS or _VARIANT.match(t + ":") for t in tokens):
            flags = {t for t in tokens if t in _FLAGS}
            body = start + head.end()
    if "R" in flags:
        _render(out, body, end, depth)
        return
    rules = _rules(raw, body, end)
    if not rules:
        if not flags & {"H", "T", "D", "-"}:
            _render(out, body, end, depth)
        return
    codes = [code for code, _a, _b in rules]
    chosen = next((rules[codes.index(c)] for c in _PREFERRED if c in codes), rules[0])
    if not flags & {"T", "D", "-"} or flags & {"H", "A"}:
        # the shown name first, then the others
        names = dict.fromkeys(_plain_name(raw[a:b]) for _code, a, b in [chosen, *rules])
        kept = tuple(n for n in names if n)
        if len(kept) > 1:
            out.variants.append(kept)
    if not flags & {"H", "T", "D", "-"}:
        _render(out, chosen[1], chosen[2], depth)


def _rules(raw: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """``zh-hans:A;zh-hant:B`` → ``[(variant, start, end)]`` of each text, trimmed; unidirectional
    rules (``X=>zh-hans:Y``) give their target. Empty when the content is no rule list."""
    out: list[tuple[str, int, int]] = []
    for a, b in _split_rules(raw, start, end):
        arrow = raw.find("=>", a, b)
        if arrow >= 0:
            a = arrow + 2
        m = _VARIANT.match(raw, a, b)
        if not m:
            if raw[a:b].strip():
                return []  # not a rule list: `-{a;b}-` shows as written
            continue
        text_start, text_end = m.end(), b
        while text_start < text_end and raw[text_start].isspace():
            text_start += 1
        while text_end > text_start and raw[text_end - 1].isspace():
            text_end -= 1
        out.append((m.group(1).lower(), text_start, text_end))
    return out


_RULE_MARKS = re.compile(r"\[\[|\{\{|\]\]|\}\}|;")


def _split_rules(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at the ``;`` that are outside links and templates."""
    parts: list[tuple[int, int]] = []
    depth = 0
    last = start
    for m in _RULE_MARKS.finditer(raw, start, end):
        mark = m.group()
        if mark in ("[[", "{{"):
            depth += 1
        elif mark in ("]]", "}}"):
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append((last, m.start()))
            last = m.end()
    parts.append((last, end))
    return parts


def _plain_name(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _TEMPLATE.sub("", text)
    text = CONTROL.sub("", text).replace("'''", "").replace("''", "")
    return " ".join(text.split())


def rule_names(value: str) -> tuple[str, ...]:
    """The names of one rule as ``{{NoteTA}}`` gives it (``zh-hans:普京;zh-hant:普丁;``)."""
    names = []
    for a, b in _split_rules(value, 0, len(value)):
        part = value[a:b]
        if "=>" in part:
            part = part.split("=>", 1)[1]
        m = _VARIANT.match(part)
        if m:
            name = _plain_name(part[m.end():])
            if name and name not in names:
                names.append(name)
    return tuple(names)
