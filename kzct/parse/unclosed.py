"""Markup left open, found in one pass before mwparserfromhell reads the text.

mwparserfromhell's tokenizer reads a construct that nothing closes by trying it to the end of the
text, then reading it again as text: each one costs a pass over the rest of the text, and a text
that holds thousands (`{{x|{{x|…`, `<ref name="x<ref name="x…`, `[http://x [http://x…`) takes
time quadratic in its length; 5,000 unclosed `<nowiki ` took 12 seconds (the upstream issue,
for templates: earwig/mwparserfromhell#364). So the text is searched for them here, in time
linear in its length, each kind by the rule MediaWiki reads it with:

- a comment ``<!--`` that nothing closes hides the rest of the text, or of the reference it is
  in (MediaWiki's reading; mwparserfromhell reads it as text): that much is cut;
- past ``OPEN_LIMIT`` constructs of one kind left open, every one of that kind is read as text:
  its opening characters are dropped (``{{``, ``[[``, the ``<`` of a tag, the ``[`` of an
  external link, the ``{`` of a table). Left open: a tag whose ``>`` does not come before the
  next ``<``; a tag that no closing tag closes (but those HTML lets stand alone: ``<br>``,
  ``<li>``…); ``{{``, ``[[`` and a table's ``{|`` that no ``}}``, ``]]``, ``|}`` closes; an
  external link with no ``]`` on its line.

Fewer than that are left to the parser as they are, each costing it one pass: an article with
a few broken constructs is read as before. What is cut or dropped is given as ranges of the text,
which ``kzct.parse.conversion.Prepared.without`` drops keeping every offset.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# The most constructs of one kind left open that the parser is given as they are.
OPEN_LIMIT = 8

# Tags whose contents mwparserfromhell never parses (its PARSER_BLACKLIST): markup in them is text.
_LITERAL = ("nowiki", "pre", "math", "syntaxhighlight", "source", "categorytree", "ce", "chem",
            "gallery", "graph", "hiero", "imagemap", "inputbox", "score", "section",
            "templatedata", "timeline")
# Tags that HTML lets stand without a closing tag (mwparserfromhell's SINGLE).
_SINGLE = frozenset({"br", "wbr", "hr", "meta", "link", "img", "li", "dt", "dd", "th", "td",
                     "tr"})
_BLOCKS = re.compile(r"<!--|<(?P<name>" + "|".join(_LITERAL) + r"|ref)\b[^<>]*?(?P<self>/?)>"
                     r"|</ref\s*>", re.I)
_BLOCK_ENDS = re.compile(r"</(?P<name>" + "|".join(_LITERAL) + r")\s*>", re.I)
_SCHEMES = ("https?:", "ftps?:", "sftp:", "mailto:", "news:", "irc:", "ircs:", "gopher:",
            "ssh:", "svn:", "git:", "tel:", "//")
_TOKENS = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|(?m:^[ \t]*+)(?P<table>\{\||\|\})"
    r"|(?P<ext>\[(?:" + "|".join(_SCHEMES) + r"))"
    r"|<(?P<close>/?)(?P<tag>[^\s/<>!][^\s/<>]*+)", re.I)


class Open(NamedTuple):
    """A construct read as text: the range of the text dropped, and its kind: ``comment`` (the
    range it hides), or its opening as written (``{{``, ``[[``, ``{|``, ``[http``, ``<ref``)."""

    start: int
    end: int
    kind: str


def open_markup(text: str, limit: int = OPEN_LIMIT) -> list[Open]:
    """The ranges of ``text`` to read as text (cut or dropped), in order."""
    if not any(mark in text for mark in ("<", "{", "[")):
        return []
    literal, cut = _blocks(text)
    end = cut.start if cut is not None else len(text)
    out = _open_constructs(text, end, literal, limit)
    if cut is not None:
        out.append(cut)
    return sorted(out)


def _blocks(text: str) -> tuple[list[tuple[int, int]], Open | None]:
    """The parts of the text the parser reads as they are (comments, ``<nowiki>``…), and the
    comment nothing closes, as the range it hides (from it to the end of its reference or of
    the text), if there is one."""
    comment_ends = [c.start() for c in re.finditer("-->", text)]
    ends: dict[str, list[tuple[int, int]]] = {}
    for e in _BLOCK_ENDS.finditer(text):
        ends.setdefault(e.group("name").lower(), []).append(e.span())
    ref_ends = [r.start() for r in re.finditer(r"</ref\s*>", text, re.I)]
    literal: list[tuple[int, int]] = []
    in_ref = False
    pos = 0
    while True:
        m = _BLOCKS.search(text, pos)
        if m is None:
            return literal, None
        if m.group() == "<!--":
            i = bisect.bisect_left(comment_ends, m.end())
            if i < len(comment_ends):
                literal.append((m.start(), comment_ends[i] + 3))
                pos = comment_ends[i] + 3
                continue
            j = bisect.bisect_left(ref_ends, m.end()) if in_ref else len(ref_ends)
            if j < len(ref_ends):  # unclosed in a reference: it hides the rest of that
                literal.append((m.start(), ref_ends[j]))
                return literal, Open(m.start(), ref_ends[j], "comment")
            return literal, Open(m.start(), len(text), "comment")
        name = (m.group("name") or "").lower()
        if m.group().startswith("</"):
            in_ref = False
        elif name == "ref":
            in_ref = not m.group("self")
        elif not m.group("self"):
            closes = ends.get(name, [])
            i = bisect.bisect_left(closes, (m.end(), 0))
            if i < len(closes):
                literal.append((m.start(), closes[i][1]))
                pos = closes[i][1]
                continue
        pos = m.end()


def _open_constructs(text: str, end: int, literal: list[tuple[int, int]],
                     limit: int) -> list[Open]:
    """Past ``limit`` of a kind, every construct of that kind left open in ``text[:end]``
    (outside ``literal``), as the opening characters to drop."""
    gts = [m.start() for m in re.finditer(">", text)]
    lts = [m.start() for m in re.finditer("<", text)]
    closers = [m.start() for m in re.finditer(r"\]", text)]
    lines = [m.start() for m in re.finditer("\n", text)]
    stacks: dict[str, list[Open]] = {"{{": [], "[[": [], "{|": []}
    tags: dict[str, list[Open]] = {}
    broken: dict[str, list[Open]] = {"<": [], "[": []}
    starts = [a for a, _b in literal]
    pos = 0
    while pos < end:
        m = _TOKENS.search(text, pos, end)
        if m is None:
            break
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and literal[k][1] > m.start():  # read as it is: no markup
            pos = literal[k][1]
            continue
        pos = m.end()
        token = m.group()
        if m.group("table"):
            _pair(stacks["{|"], m.group("table") == "{|", Open(m.start("table"),
                                                                 m.start("table") + 1, "{|"))
        elif token in ("{{", "}}"):
            _pair(stacks["{{"], token == "{{", Open(m.start(), m.end(), "{{"))
        elif token in ("[[", "]]"):
            _pair(stacks["[["], token == "[[", Open(m.start(), m.end(), "[["))
        elif m.group("ext"):
            line_end = _next(lines, m.end(), len(text))
            if _next(closers, m.end(), len(text)) >= line_end:  # no `]` on its line
                broken["["].append(Open(m.start(), m.start() + 1, token[:5]))
        else:
            name = m.group("tag").lower()
            gt = _next(gts, m.end(), -1)
            if gt < 0 or _next(lts, m.end(), len(text)) < gt:  # no `>` before the next `<`
                broken["<"].append(Open(m.start(), m.start() + 1, "<" + name[:12]))
            elif text[gt - 1] != "/" and name not in _SINGLE:
                _pair(tags.setdefault(name, []), not m.group("close"),
                      Open(m.start(), m.start() + 1, "<" + name[:12]))
    left = {"{{": stacks["{{"], "[[": stacks["[["], "{|": stacks["{|"], "[": broken["["],
            "<": broken["<"] + [o for stack in tags.values() for o in stack]}
    return [o for kind in left.values() if len(kind) > limit for o in kind]


def _pair(stack: list[Open], opening: bool, construct: Open) -> None:
    if opening:
        stack.append(construct)
    elif stack:
        stack.pop()


def _next(positions: list[int], at: int, none: int) -> int:
    """The first of ``positions`` at or after ``at`` (``none`` when there is none)."""
    i = bisect.bisect_left(positions, at)
    return positions[i] if i < len(positions) else none
