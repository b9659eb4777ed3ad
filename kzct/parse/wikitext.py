"""Wikitext → ``Document``: sections, clean body sentences with seed spans, wikilinks, references.

First the Chinese Wikipedia's conversion markup is rendered and control characters dropped
(``kzct.parse.conversion``); mwparserfromhell then parses what is left, and this module walks its node
tree once, keeping for every character of clean text the offset it came from (``str(node)`` of
consecutive nodes concatenates back to the source, so offsets are cumulative lengths), and maps
those offsets back to the seed as written.

Every sentence also carries its *shadow* (``kzct.text``): the same text in simplified characters,
position for position, which is what the extractors match against.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from kzct.model import Defect, Link, Ref, Section, Sentence
from kzct.parse.conversion import Prepared, prepare, rule_names
from kzct.parse.unclosed import Open, open_markup
from kzct.text import CONTROLS, HAN, REPLACEMENT, Scripts, clean_text, is_cjk, is_surrogate

# Sections that hold apparatus, not article text, by the words their headings are made of (in
# simplified characters: a traditional heading is matched through its shadow): 参考资料,
# 參考文獻, 註釋, 外部連結, 相關條目, 參見, 延伸閱讀, 來源, and combinations (注释与参考资料).
_NON_BODY_WORDS = (
    "参考资料", "参考文献", "参考来源", "参考内容", "参考书目", "参考", "资料来源", "来源", "引用",
    "引注", "文献", "书目", "注释", "注解", "脚注", "附注", "备注", "注", "外部链接", "外部连结",
    "外部链结", "外部连接", "外部网站", "相关条目", "相关链接", "相关页面", "相关词条", "参见",
    "参阅", "另见", "延伸阅读", "扩展阅读", "进阶阅读", "references", "notes", "footnotes",
    "externallinks", "seealso", "furtherreading", "bibliography", "sources", "citations",
)
# Atomic: a word once read is not read again as two (参考来源 as 参考 and 来源), which took time
# exponential in the number of words of a heading that is no such combination; the longest word
# first, so the first reading is the one that goes furthest.
_NON_BODY = re.compile(
    "(?>" + "|".join(sorted(_NON_BODY_WORDS, key=len, reverse=True)) + ")"
    "(?>(?:与|和|及|、|/|&|and)?(?:" + "|".join(sorted(_NON_BODY_WORDS, key=len, reverse=True))
    + "))*+"
)
NON_TEXT_LINK_PREFIXES = ("category:", "分类:", "分類:", "file:", "image:", "文件:", "檔案:", "图像:",
                          "圖像:", "media:", "媒体:", "媒體:", "wikipedia:", "wp:", "help:", "template:")
_INTERWIKI = re.compile(r"^:?[a-z]{2,3}(?:-[a-z]{2,8})?:", re.ASCII)

SENTENCE_ENDS = frozenset("。！？!?；;")
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』"}
CLOSERS = frozenset("”」』’）)》】\"'")
# A semicolon inside brackets parts what the brackets hold (`（{{lang-ar|…}}；{{bd|…}}）`), never
# the sentence.
_BRACKETS = {"（": "）", "(": ")"}
_SEMICOLONS = frozenset("；;")
TRAILING_PUNCT = frozenset(".。")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff"
                     f"{HAN}\uac00-\ud7af]")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0\ufeff]+")
_CONTROL = re.compile(f"[{CONTROLS}]")
# Every character ``add_char`` treats specially; the rest is added a run at a time.
_SPECIAL = re.compile(
    "[\n\r" + CONTROLS
    + re.escape("".join(sorted(set(SENTENCE_ENDS) | set(OPEN_QUOTES) | set(OPEN_QUOTES.values())
                               | CLOSERS | TRAILING_PUNCT | set(_BRACKETS))))
    + "]"
)
# A line that starts one of these is a structure of its own (a list item, a table row, a
# heading, a block template, a rule), so the line break before it ends the sentence. Any other
# single line break is joined, as MediaWiki joins the lines of a paragraph.
_STRUCTURAL_LINE = frozenset("*#:;|!{=\n")
# What a dropped template leaves behind (`努尔苏丹（{{lang-kk|…}}，{{lang-ru|…}}）`): brackets
# holding only punctuation, punctuation doubled or right inside a bracket.
_EMPTY_BRACKETS = re.compile(r"[（(][\s，,、；;：:]*[）)]")
_PUNCT_AFTER_OPEN = re.compile(r"(?<=[（(])[\s，,、；;：:]+")
_PUNCT_BEFORE_CLOSE = re.compile(r"(?<![\s，,、；;：:])[\s，,、；;：:]++(?=[）)])")  # a run, once
_DOUBLED_PUNCT = re.compile(r"(?<=[，,、；;：:])[\s，,、]+")
# White space that ``_collapsed`` changes: a run of two or more, or one that is no plain space
# (``\s`` is ``str.isspace``).
_TO_COLLAPSE = re.compile(r"\s\s|[^\S ]")
_STRAY_BRACKETS = re.compile(r"\[\[|\]\]")
_OPEN_REF = re.compile(r"<ref\b", re.I)
# What an unclosed template or link leaves in a citation's text.
_MARKUP_DEBRIS = re.compile(r"\{\{[^{}]*(?:\}\}?|$)\]?|\}\}|\[\[|\]\]")
_SYNTHETIC = -1  # the offset of a character kzct adds (a cell separator), not read from the seed


class Document(NamedTuple):
    """The parsed article."""

    text: str
    sections: list[Section]
    sentences: list[Sentence]
    refs: dict[str, Ref]
    unresolved: list[str]
    # names the article says are one (conversion markup, {{NoteTA}}, {{le|中文|English}}),
    # the name shown first
    aliases: list[tuple[str, ...]]
    # offsets of the control characters removed from the seed
    controls: tuple[int, ...] = ()
    # what the article gets wrong in its markup and references (``kzct check``), in seed order
    defects: tuple[Defect, ...] = ()
    # countries named by flag templates (`{{flag|Russia}}`, `{{flagcountry|KAZ}}`, `{{CHN}}`):
    # the seed span of the text they show, and the country: its ISO 3166-1 alpha-2 code, the
    # place table's key of one that is no more (`iso:SUHH`), or the English name the template
    # was given
    flags: tuple[tuple[int, int, str], ...] = ()
    # the seed spans of the values of infobox fields that list who designated the article's
    # subject (`designated_as_terror_group_by = {{flagu|Saudi Arabia}}<br />…`)
    designating: tuple[tuple[int, int], ...] = ()
    # the year the article states once for what it is about: the first in the bold title of
    # its lead (`'''2014年昆明火车站暴力恐怖袭击事件'''`), else in its infobox's date; or None
    year: int | None = None
    # the day of that year the bold title or the infobox's date gives (year, month, day), if one
    day: tuple[int, int, int] | None = None
    # what the article is about: the names its lead writes in bold, in plain text (a bracketed
    # alternative spelled out: `阿摩(奥姆)真理教` is 阿摩真理教 and 奥姆真理教), and the name of its
    # infobox (`infobox organization`), or ""
    subject: tuple[str, ...] = ()
    infobox: str = ""
    # the body paragraphs with a reference inside a template or a caption (`{{Cquote|…|source=
    # …<ref>…</ref>}}`): it backs no sentence, but the paragraph is not unreferenced
    cited_paragraphs: frozenset[int] = frozenset()


def is_non_body(title: str) -> bool:
    """Whether a heading (in simplified characters) names a section of apparatus."""
    key = re.sub(r"[\s\-_'\"“”「」:：]+", "", title).casefold()
    return bool(key) and _NON_BODY.fullmatch(key) is not None


_UNNAMED = "\x00#"


class _RefState:
    """References as the walk meets them, before they are frozen into ``Ref`` records."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.uses: dict[str, int] = {}
        self.order: list[str] = []  # ids by first appearance
        self.anonymous = 0
        self.first_use: dict[str, tuple[int, int]] = {}  # the first <ref> citing each id
        # the group of each reference in one (`<ref group=注>`): numbered apart, `[注 1]`
        self.groups: dict[str, str] = {}
        # (kind, start, end, detail) in offsets of the parsed text, for ``Document.defects``
        self.defects: list[tuple[str, int, int, str]] = []

    def unnamed(self) -> str:
        """The key of the next reference without a name: one no name can be (a name has no
        control characters), so that `<ref name="#1">` is not the first unnamed one."""
        self.anonymous += 1
        return f"{_UNNAMED}{self.anonymous}"

    def use(self, ref_id: str, span: tuple[int, int]) -> None:
        if ref_id not in self.uses:
            self.order.append(ref_id)
            self.first_use[ref_id] = span
        self.uses[ref_id] = self.uses.get(ref_id, 0) + 1


class _Builder:
    """Accumulates clean characters with their offsets and cuts them into sentences.

    Offsets are into the prepared text the parser read; ``end_sentence`` maps them to the seed."""

    def __init__(self, prepared: Prepared, shadow: str) -> None:
        self.prepared = prepared
        self.source = prepared.text
        self.shadow_source = shadow
        self.sentences: list[Sentence] = []
        self.sections: list[Section] = []
        self.section: tuple[str, ...] = ()
        self.body = True
        self.paragraph = 0
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.refs: list[str] = []
        self.links: list[tuple[str, int, int, int, int]] = []  # target, clean start/end, source start/end
        self.aliases: list[tuple[str, ...]] = []
        self.flags: list[tuple[int, int, str]] = []  # prepared start, end, country
        self.designating: list[tuple[int, int]] = []  # prepared spans of designating fields
        self.quote_depth = 0
        self.bracket_depth = 0  # brackets opened in the sentence and not closed yet
        self.pending_end = False  # a sentence end was seen; closing quotes may still follow
        self.newlines = 0
        self.soft_break = -1  # offset of a line break inside a paragraph, joined if text follows
        self.list_line = False  # the current line is a list item
        self.muted = 0  # inside a template's parameters: references count, text does not
        self.defining = 0  # inside {{reflist|refs=…}}: references are defined, not used
        self.table_row = 0  # inside a table row: cells are one unit, separated by " | "
        self.simple_path: list[str] = []  # the section path in simplified characters
        self.item_start = False  # the next sentence is the start of a list item
        self.item_depth = 0  # how deep that item is: 1 for `*`, 2 for `**`
        self.stray: list[tuple[int, int, str]] = []  # text between a sentence end and its <ref>
        self.illustrated: set[tuple[str, ...]] = set()
        self.section_body: list[bool] = []  # for each of ``sections``: body text, not apparatus  # sections holding a picture or a gallery
        self.open_refs: list[int] = []  # offsets of each `<ref` the parser could not close
        self.cited_paragraphs: set[int] = set()  # a reference in a template's parameters

    # -- characters -----------------------------------------------------------------------------
    def add_text(self, text: str, offset: int) -> None:
        """Add text that starts at ``offset``; plain runs go in whole."""
        if self.muted:
            return
        pos = 0
        for m in _SPECIAL.finditer(text):
            if m.start() > pos:
                self._add_plain(text[pos:m.start()], offset + pos)
            self.add_char(m.group(), offset + m.start())
            pos = m.end()
        if pos < len(text):
            self._add_plain(text[pos:], offset + pos)

    def add_synthetic(self, text: str) -> None:
        """Characters kzct adds between table cells; they map to no seed offset."""
        if self.muted or not self.chars:
            return
        self.chars.extend(text)
        self.offsets.extend([_SYNTHETIC] * len(text))

    def _join_line(self, chunk: str) -> None:
        """A line break inside a paragraph reads as nothing between Chinese characters and as
        one space between words (`纳扎尔\\n巴耶夫` is one name)."""
        at, self.soft_break = self.soft_break, -1
        before = self.chars[-1] if self.chars else ""
        if before and not before.isspace() and (before.isascii() or chunk[:1].isascii()):
            self.chars.append(" ")
            self.offsets.append(at)

    def _add_plain(self, chunk: str, offset: int) -> None:
        """Characters that are neither line breaks, control characters, quotes nor stops."""
        if self.newlines and not chunk.isspace():
            self.newlines = 0
        if self.soft_break >= 0 and not chunk.isspace():
            self._join_line(chunk.lstrip())
        if self.pending_end:
            self.end_sentence()
        self.chars.extend(chunk)
        self.offsets.extend(range(offset, offset + len(chunk)))

    def add_char(self, ch: str, offset: int) -> None:
        if ch == "\n":
            self._line_break(offset)
            return
        if ch == "\r" or _CONTROL.match(ch):
            return  # control characters (ANSI escapes' ESC …) are never text
        if self.newlines:
            self.newlines = 0
        if self.soft_break >= 0:
            self._join_line(ch)
        if self.pending_end:
            if ch in CLOSERS or ch in TRAILING_PUNCT:
                self._append(ch, offset)
                if ch in OPEN_QUOTES.values():
                    self.quote_depth = max(0, self.quote_depth - 1)
                return
            self.end_sentence()
        if ch in OPEN_QUOTES:
            # A second opening quote inside a quote is a closing quote typed wrongly
            # (`…申报。“哈萨克斯坦司法部…`): Chinese nests quotes with ‘’ instead.
            if self.quote_depth >= 1 and ch == "“":
                self.quote_depth -= 1
                self._append(ch, offset)
                if self._last_visible_before_is_end():
                    self.pending_end = True
                return
            self.quote_depth += 1
        elif ch in OPEN_QUOTES.values():
            self.quote_depth = max(0, self.quote_depth - 1)
        elif ch in _BRACKETS:
            self.bracket_depth += 1
        elif ch in ("）", ")"):
            self.bracket_depth = max(0, self.bracket_depth - 1)
        self._append(ch, offset)
        if ch in SENTENCE_ENDS:
            if ch in _SEMICOLONS and self.bracket_depth:
                return
            if self.quote_depth == 0:
                self.pending_end = True
            elif self._next_is_closer(offset):
                self.pending_end = True
        elif ch == "." and self._latin_sentence_end(offset):
            self.pending_end = True

    def _line_break(self, offset: int) -> None:
        if self.muted:
            return
        self.newlines += 1
        list_line, self.list_line = self.list_line, False
        if self.newlines >= 2:
            self.soft_break = -1
            self.end_sentence()
            self.new_paragraph()
            return
        following = self.source[offset + 1 : offset + 2]
        if self.table_row:
            self.soft_break = offset  # lines of one cell
        elif list_line or not following or following in _STRUCTURAL_LINE \
                or self.source.startswith("----", offset + 1):
            self.soft_break = -1
            self.end_sentence()
        elif self.chars:
            self.soft_break = offset

    def _append(self, ch: str, offset: int) -> None:
        self.chars.append(ch)
        self.offsets.append(offset)

    def _last_visible_before_is_end(self) -> bool:
        return len(self.chars) >= 2 and self.chars[-2] in SENTENCE_ENDS

    def _next_is_closer(self, offset: int) -> bool:
        nxt = self.source[offset + 1 : offset + 2]
        return bool(nxt) and nxt in OPEN_QUOTES.values()

    def _latin_sentence_end(self, offset: int) -> bool:
        # "… Mukhtar Altynbayev. Then" ends a sentence; "M.K. Altynbayev" or "3.5" does not.
        prev = self.source[offset - 1 : offset]
        nxt = self.source[offset + 1 : offset + 3]
        if not prev or not prev.islower():
            return False
        return nxt[:1] in ("", "\n") or (nxt[:1] == " " and nxt[1:2].isupper())

    # -- structure ------------------------------------------------------------------------------
    def add_ref(self, ref_id: str) -> None:
        """A reference backs the sentence it follows (or the one it sits in); one inside a
        template's parameters backs none, but its paragraph is cited."""
        if self.muted:
            if self.body:
                self.cited_paragraphs.add(self.paragraph)
            return
        if self.pending_end:
            self.end_sentence()
        if not any(_LETTER.match(c) for c in self.chars):
            # Nothing but punctuation or a stray digit since the last sentence end
            # (`开枪拒捕。1<ref name=STEPNOGORSK>`, `。.<ref name=CPJDOC>`): the reference
            # belongs to the sentence before, and the stray characters are not a sentence.
            stray = "".join(self.chars).strip()
            if stray and self.body:
                kept = [o for c, o in zip(self.chars, self.offsets) if not c.isspace() and o >= 0]
                if kept:
                    self.stray.append((kept[0], kept[-1] + 1, stray))
            self.chars.clear()
            self.offsets.clear()
            self.links.clear()
            if self.sentences and self.sentences[-1].paragraph == self.paragraph and self.body:
                last = self.sentences[-1]
                if ref_id not in last.refs:
                    self.sentences[-1] = _with_ref(last, ref_id)
                return
        if ref_id not in self.refs:
            self.refs.append(ref_id)

    def add_link(self, target: str, text: str, offset: int) -> None:
        self.add_text(text, offset)
        self.mark_link(target, offset, offset + len(text))

    def mark_link(self, target: str, low: int, high: int) -> None:
        """The characters just added from offsets ``low``–``high`` are a link to ``target`` (found
        by their offsets: adding them may have ended a sentence or joined a line first)."""
        if self.muted:
            return
        end = len(self.chars)
        start = end
        while start > 0 and low <= self.offsets[start - 1] < high:
            start -= 1
        if start < end:
            self.links.append((target, start, end, self.offsets[start], self.offsets[end - 1] + 1))

    def _links_in(self, text: str, links: list[tuple[str, int, int, int, int]],
                  keep: Callable[[int], int], start: int, end: int,
                  clean_pos: list[int]) -> list[Link]:
        """The links whose shown text lies in the sentence ``text`` (made of the characters
        ``start:end``), with the text as the sentence shows it."""
        out = []
        for target, c_start, c_end, s_start, s_end in links:
            c_start, c_end = keep(c_start), keep(c_end)
            if c_start >= start and c_end <= end and c_end > c_start:
                shown = text[clean_pos[c_start - start] : clean_pos[c_end - 1 - start] + 1]
                span = (self.prepared.original(s_start), self.prepared.original(s_end - 1) + 1)
                out.append(Link(target=target, text=shown, span=span))
        return out

    def heading(self, title: str, level: int, span: tuple[int, int], simplified: str) -> None:
        self.end_sentence()
        self.new_paragraph()
        depth = max(1, level - 1)  # == is level 2, the top of an article's outline
        path = list(self.section[: depth - 1])
        path += [""] * (depth - 1 - len(path))
        path.append(title)
        self.section = tuple(path)
        self.simple_path = [*self.simple_path[: depth - 1], simplified]
        self.body = not any(is_non_body(part) for part in self.simple_path)
        seed_span = (self.prepared.original(span[0]), self.prepared.original(span[1] - 1) + 1)
        self.sections.append(Section(path=self.section, level=level, span=seed_span))
        self.section_body.append(self.body)

    def new_paragraph(self) -> None:
        self.end_sentence()
        self.paragraph += 1
        self.quote_depth = 0

    def end_sentence(self) -> None:
        self.pending_end = False
        self.bracket_depth = 0
        self.soft_break = -1
        chars, offsets, refs, links = self.chars, self.offsets, self.refs, self.links
        self.chars, self.offsets, self.refs, self.links = [], [], [], []
        if not self.body or not chars:
            return
        list_item = self.item_depth if self.item_start else 0
        self.item_start = False
        chars, offsets, keep = _tidy(chars, offsets)
        # Trim whitespace at both ends, collapse inner runs of spaces.
        start, end = 0, len(chars)
        while start < end and (chars[start].isspace() or offsets[start] == _SYNTHETIC):
            start += 1
        while end > start and (chars[end - 1].isspace() or offsets[end - 1] == _SYNTHETIC):
            end -= 1
        if start == end or not any(_LETTER.match(c) for c in chars[start:end]):
            if refs and self.sentences and self.sentences[-1].paragraph == self.paragraph:
                for ref_id in refs:
                    self.sentences[-1] = _with_ref(self.sentences[-1], ref_id)
            return
        text_chars, text_offsets, clean_pos = _collapsed(chars[start:end], offsets[start:end])
        text = "".join(text_chars)
        source, shadow_source = self.source, self.shadow_source
        shadow = "".join(
            shadow_source[o] if o >= 0 and source[o] == ch else ch
            for ch, o in zip(text_chars, text_offsets)
        )
        runs = _seed_runs(text_offsets, self.prepared)
        first = next(o for o in text_offsets if o >= 0)
        last = next(o for o in reversed(text_offsets) if o >= 0)
        sentence_links = self._links_in(text, links, keep, start, end, clean_pos)
        self.sentences.append(
            Sentence(
                number=len(self.sentences),
                text=text,
                shadow=shadow,
                section=self.section,
                paragraph=self.paragraph,
                span=(self.prepared.original(first), self.prepared.original(last) + 1),
                refs=tuple(refs),
                links=tuple(sentence_links),
                runs=runs,
                list_item=list_item,
            )
        )


def _collapsed(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int], list[int]]:
    """A sentence's characters with each run of white space one space, their offsets, and the
    position in the result of each character given (a dropped space: the space kept before it)."""
    if _TO_COLLAPSE.search("".join(chars)) is None:  # most sentences: nothing to change
        return chars, offsets, list(range(len(chars)))
    text_chars: list[str] = []
    text_offsets: list[int] = []
    clean_pos: list[int] = []
    for ch, offset in zip(chars, offsets):
        if ch.isspace():
            if text_chars and text_chars[-1] == " ":
                clean_pos.append(len(text_chars) - 1)
                continue
            ch = " "
        clean_pos.append(len(text_chars))
        text_chars.append(ch)
        text_offsets.append(offset)
    return text_chars, text_offsets, clean_pos


def _tidy(chars: list[str], offsets: list[int],
          ) -> tuple[list[str], list[int], Callable[[int], int]]:
    """Drop what removed templates leave behind: empty brackets, doubled punctuation.

    Returns the characters and offsets kept, and a function mapping an old position to the new
    one (for the links found before)."""
    text = "".join(chars)
    drop: set[int] = set()
    for pattern in (_EMPTY_BRACKETS, _PUNCT_AFTER_OPEN, _PUNCT_BEFORE_CLOSE, _DOUBLED_PUNCT):
        for m in pattern.finditer(text):
            drop.update(range(m.start(), m.end()))
    if not drop:
        return chars, offsets, lambda pos: pos
    kept_chars = [c for i, c in enumerate(chars) if i not in drop]
    kept_offsets = [o for i, o in enumerate(offsets) if i not in drop]
    shift = [0] * (len(chars) + 1)
    count = 0
    for i in range(len(chars)):
        shift[i] = count
        if i not in drop:
            count += 1
    shift[len(chars)] = count
    return kept_chars, kept_offsets, lambda pos: shift[min(max(pos, 0), len(chars))]


def _seed_runs(offsets: list[int], prepared: Prepared) -> tuple[tuple[int, int, int], ...]:
    """``(clean_start, seed_start, length)`` for each stretch of consecutive seed offsets; kzct's
    own characters (cell separators) belong to none."""
    runs: list[tuple[int, int, int]] = []
    identity = prepared.identity()
    i, n = 0, len(offsets)
    while i < n:
        if offsets[i] < 0:
            i += 1
            continue
        j = i + 1
        while j < n and offsets[j] == offsets[j - 1] + 1:
            j += 1
        if identity:
            runs.append((i, offsets[i], j - i))
        else:
            _split_run(runs, i, offsets[i], j - i, prepared)
        i = j
    return tuple(runs)


def _split_run(runs: list[tuple[int, int, int]], clean: int, start: int, length: int,
               prepared: Prepared) -> None:
    """One run of consecutive prepared offsets, cut where the pieces of the seed it spans end."""
    k = bisect.bisect_right(prepared.starts, start) - 1
    while length > 0 and 0 <= k < len(prepared.pieces):
        piece_start, seed_start, piece_len = prepared.pieces[k]
        take = min(length, piece_start + piece_len - start)
        if take <= 0:
            k += 1
            continue
        runs.append((clean, seed_start + (start - piece_start), take))
        clean, start, length, k = clean + take, start + take, length - take, k + 1


def _backed_by_paragraph(sentences: list[Sentence]) -> list[Sentence]:
    """A sentence without a reference of its own is backed by the next reference in its paragraph.

    Wikipedia cites once at the end of what a source supports: in `最高法院在2006年11月17日将
    奥姆真理教和东突厥斯坦解放运动加入了这张名单。这两个组织在哈萨克斯坦都有成员活动。<ref name=SHINRIKYO>`
    the reference backs both sentences.
    """
    out = list(sentences)
    following: tuple[str, ...] = ()
    paragraph = None
    for i in range(len(out) - 1, -1, -1):
        sentence = out[i]
        if sentence.paragraph != paragraph:
            paragraph, following = sentence.paragraph, ()
        if sentence.refs:
            following = sentence.refs
        elif following:
            out[i] = sentence._replace(refs=following)
    return out


def _with_ref(sentence: Sentence, ref_id: str) -> Sentence:
    if ref_id in sentence.refs:
        return sentence
    return sentence._replace(refs=sentence.refs + (ref_id,))


# A long text is parsed a part at a time (mwparserfromhell's time and memory grow faster than the
# text: a 4 MB article took 2.6 times as long as a 2 MB one), cut before headings that stand
# outside every construct, so the parts are parsed as the whole would be.
CHUNK = 200_000  # characters

_OPAQUE_TAGS = ("ref", "nowiki", "pre", "math", "syntaxhighlight", "source", "score", "gallery",
                "poem", "timeline", "chem", "ce", "templatedata", "graph", "mapframe", "maplink",
                "imagemap", "hiero", "inputbox", "includeonly", "noinclude", "onlyinclude")
_PAIRED_TAGS = ("div", "center", "table", "blockquote", "span", "small", "big", "font", "p", "ul",
                "ol", "dl", "li", "dt", "dd", "tr", "td", "th", "caption", "s", "u", "b", "i",
                "sup", "sub", "code", "tt", "del", "ins", "abbr", "cite", "q", "strike", "var",
                "kbd", "samp", "mark", "section", "ruby", "rt", "rp", "bdi", "bdo")
_MARK = re.compile(
    r"<!--|''+|\{\{|\}\}|\[\[|\]\]|^[ \t]*\{\||^[ \t]*\|\}|^=|"
    r"<(/?)(" + "|".join(_OPAQUE_TAGS + _PAIRED_TAGS) + r")\b[^<>]*?(/?)>",
    re.M | re.I)


def parts(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """``text`` cut into parts of at least ``size`` characters, each (but the first) beginning
    with a heading that lies outside every template, link, table, tag and comment. A text with
    an unclosed construct is not cut after it."""
    if len(text) <= size:
        return [(0, len(text))]
    cuts = [0]
    depth = 0  # open templates, links, tables and paired tags
    tags: dict[str, int] = {}
    # mwparserfromhell pairs bold and italic marks across lines (MediaWiki does not): cut only
    # where both are even
    italic = bold = 0
    pos = 0
    while True:
        m = _MARK.search(text, pos)
        if m is None:
            break
        mark, pos = m.group(), m.end()
        if mark == "<!--":
            end = text.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
        elif mark.startswith("''"):
            italic += len(mark) == 2 or len(mark) >= 5
            bold += len(mark) >= 3
        elif m.group(2):
            name = m.group(2).lower()
            closing, self_closing = bool(m.group(1)), bool(m.group(3))
            if name in _OPAQUE_TAGS:
                if closing or self_closing:
                    continue
                close = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
                if close is None:
                    break
                pos = close.end()
            elif not self_closing:
                tags[name] = max(0, tags.get(name, 0) + (-1 if closing else 1))
        elif mark in ("{{", "[["):
            depth += 1
        elif mark in ("}}", "]]"):
            depth = max(0, depth - 1)
        elif mark.endswith("{|"):
            depth += 1
        elif mark.endswith("|}"):
            depth = max(0, depth - 1)
        elif depth == 0 and not any(tags.values()) and italic % 2 == 0 and bold % 2 == 0 \
                and m.start() - cuts[-1] >= size:
            cuts.append(m.start())  # a heading
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def parse_document(text: str, scripts: Scripts | None = None, *, size: int = CHUNK) -> Document:
    """Parse wikitext into a ``Document``. Never raises on any text. ``size``: the length of
    the parts a long text is parsed in (the result does not depend on it).

    The text is first made valid (``kzct.text.clean_text``): ``Document.text`` is what every
    span points into, the seed as decoded, position for position."""
    scripts = scripts or Scripts()
    text, surrogates = clean_text(text)
    prepared = prepare(text)
    # markup left open that would cost the parser a pass over the rest of the text each, past a
    # few, read as text (kzct.parse.unclosed); a comment left open hides the rest
    found = open_markup(prepared.text)
    opened = _open_defects(found, prepared)
    if found:
        prepared = prepared.without([(o.start, o.end) for o in found])
    builder = _Builder(prepared, scripts.simplified(prepared.text))
    builder.aliases.extend(prepared.variants)
    refs = _RefState()
    walker = _Walker(builder, refs, scripts)
    for start, end in parts(prepared.text, size):
        walker.walk(mwparserfromhell.parse(prepared.text[start:end]), start)
    builder.new_paragraph()
    frozen = _freeze_refs(refs, prepared)
    # An unnamed reference is known by its footnote number, known only once all are counted.
    rename = {key: ref.id for key, ref in frozen.items() if key != ref.id}
    sentences = _backed_by_paragraph(builder.sentences)
    if rename:
        sentences = [
            s._replace(refs=tuple(rename.get(r, r) for r in s.refs)) for s in sentences
        ]
    year, day = article_dates(prepared.text)
    return Document(
        text=text,
        year=year,
        day=day,
        subject=subject_names(prepared.text),
        infobox=_infobox(prepared.text),
        sections=builder.sections,
        sentences=sentences,
        refs={ref.id: ref for ref in frozen.values()},
        unresolved=[r for r in refs.order if r not in refs.defs],
        aliases=list(dict.fromkeys(builder.aliases)),
        flags=tuple((prepared.original(s), prepared.original(e - 1) + 1, code)
                    for s, e, code in builder.flags if e > s),
        designating=tuple((prepared.original(s), prepared.original(e - 1) + 1)
                          for s, e in builder.designating if e > s),
        controls=prepared.controls,
        cited_paragraphs=frozenset(builder.cited_paragraphs),
        defects=tuple(d._replace(detail=rename.get(d.detail, d.detail)) if d.kind.startswith(
            ("ref", "cite")) else d for d in _defects(prepared, builder, refs, text, surrogates,
                                                       opened)),
    )


# The lead, read for the article's year: the text before the first heading, at most this long.
_LEAD_LIMIT = 50_000
_FIRST_HEADING = re.compile(r"^=", re.MULTILINE)
_BOLD = re.compile(r"'''([^'\n]{1,300})'''")
# an infobox, or another template of the lead that says when a thing happened
_INFOBOX = re.compile(r"infobox|信息框|資訊框|事件|战争|戰爭|袭击|襲擊|攻击|攻擊", re.IGNORECASE)
_DATE_PARAMS = frozenset({"date", "日期", "时间", "時間", "time", "发生时间", "發生時間"})


def article_year(text: str) -> int | None:
    """The year an article states once for what it is about: the first year in the bold title
    of its lead, else in its infobox's date (``|date=``, ``|日期=``, ``|时间=``)."""
    return article_dates(text)[0]


def article_dates(text: str) -> tuple[int | None, tuple[int, int, int] | None]:
    """``article_year``, and the day of that year the bold title or the infobox's date gives
    (year, month, day), where one does: the day an article about one event says it happened."""
    from kzct.parse.dates import find_dates

    heading = _FIRST_HEADING.search(text, 0, _LEAD_LIMIT)
    lead = text[:heading.start() if heading else _LEAD_LIMIT]
    # (the bold title of the lead's prose, not an infobox field's, `|place='''{{flag|…}}'''`,
    # unless the prose has none)
    code = mwparserfromhell.parse(lead)  # (parsed once: the prose, then its infoboxes)
    prose = "".join(str(node) for node in code.nodes if not isinstance(node, Template))
    bold = _BOLD.search(prose)
    if bold is None:
        prose = lead
        bold = _BOLD.search(prose)
    # the dates of the bold title, then (unless the title gives the day) of the infobox's date
    written = [find_dates(_plain(bold.group(1)))] if bold is not None else []
    if not any(d.year and d.day for dates in written for d in dates):
        written += [find_dates(_date_written(value)) for value in _infobox_dates(code)]
    if bold is not None and not any(d.year for dates in written for d in dates):
        # else the day the lead's first sentence, right after the bold title, says it happened
        # (`和田“7·18”严重暴力恐怖事件是2011年7月18日在…发生的`)
        first = _plain(prose[bold.end():bold.end() + _FIRST_SENTENCE]).split("。", 1)[0]
        if _HAPPENED.search(first):
            written += [[d for d in find_dates(first)[:1] if d.year and d.month and d.day]]
    year = next((d.year for dates in written for d in dates if d.year and not d.decade), None)
    day = next(((year, d.month, d.day) for dates in written for d in dates
                if year is not None and d.year == year and d.month and d.day and not d.decade),
               None)
    return year, day


_FIRST_SENTENCE = 400  # characters after the bold title looked at for its sentence
_HAPPENED = re.compile(r"发生|發生")


def _infobox_dates(lead: Wikicode) -> list[Any]:
    """The date parameters (``|date=``, ``|日期=``, ``|时间=``) of the lead's infoboxes."""
    templates = lead.filter_templates(recursive=False)
    return [param.value for template in templates if _INFOBOX.search(_template_name(template))
            for param in template.params if str(param.name).strip().lower() in _DATE_PARAMS]


# Templates that write a date by its numbers (`{{start date|2016|06|28|df=yes}}`, `{{Date|…}}`)
_DATE_TEMPLATE = re.compile(r"(?:start|end)[ _]date(?:[ _]and[ _]age)?|date|dts", re.IGNORECASE)


def _date_written(value: Any) -> str:
    """An infobox's date as text: its plain text, and a date template's year, month and day
    written as Chinese writes them (`{{start date|2016|06|28}}` is 2016年6月28日)."""
    parts = [_plain(value)]
    code = value if isinstance(value, Wikicode) else mwparserfromhell.parse(str(value))
    for template in code.filter_templates(recursive=False):
        if not _DATE_TEMPLATE.fullmatch(_template_name(template)):
            continue
        numbers = [str(p.value).strip() for p in template.params if not p.showkey][:3]
        if not numbers or not all(n.isascii() and n.isdigit() for n in numbers):
            continue
        parts.append("".join(f"{int(n)}{unit}" for n, unit in zip(numbers, "年月日")))
    return "，".join(p for p in parts if p)


# A bracketed alternative inside a name (`阿摩(奥姆)真理教`)
_ALTERNATIVE = re.compile(r"^([^()（）]+)[(（]([^()（）]+)[)）]([^()（）]*)$")


def subject_names(text: str) -> tuple[str, ...]:
    """The names the lead writes in bold (`'''突厥斯坦伊斯兰党'''`, `'''东伊运'''`), in plain text:
    what the article is about. A bracketed alternative is spelled out both ways (`阿摩(奥姆)真理教`:
    阿摩真理教, 奥姆真理教: the bracket stands for as many characters before it)."""
    heading = _FIRST_HEADING.search(text, 0, _LEAD_LIMIT)
    lead = text[:heading.start() if heading else _LEAD_LIMIT]
    out: list[str] = []
    for bold in _BOLD.finditer(lead):
        name = _plain(bold.group(1)).strip()
        if not name or len(name) > 40:
            continue
        m = _ALTERNATIVE.match(name)
        if m is not None:
            before, inner, after = m.groups()
            out.append(before + after)
            if len(inner) <= len(before):
                out.append(before[:len(before) - len(inner)] + inner + after)
        else:
            out.append(name)
    return tuple(dict.fromkeys(out))


def _infobox(text: str) -> str:
    """The name of the lead's infobox (`infobox organization`), lowercased, or ""."""
    heading = _FIRST_HEADING.search(text, 0, _LEAD_LIMIT)
    lead = text[:heading.start() if heading else _LEAD_LIMIT]
    m = _INFOBOX_NAME.search(lead)
    return m.group(1).strip().lower().replace("_", " ") if m else ""


_INFOBOX_NAME = re.compile(r"\{\{\s*((?:infobox|信息框|資訊框)[^|{}\n]{0,60})", re.IGNORECASE)


def _open_defects(found: list[Open], prepared: Prepared) -> list[Defect]:
    """Markup read as text because it was left open (``kzct.parse.unclosed``), in the seed: a
    comment by its ``<!--`` (and whether it hides the rest of the text or of a reference); the
    constructs of one kind by the first, with how many there are (`{{`, `[[`, `{|`, a tag, an
    external link)."""
    out = []
    kinds: dict[str, list[Open]] = {}
    for o in found:
        if o.kind == "comment":
            start = prepared.original(o.start)
            out.append(Defect("comment-unclosed", (start, start + 4),
                              "text" if o.end >= len(prepared.text) else "reference"))
        else:
            kinds.setdefault(o.kind if o.kind in ("{{", "[[", "{|") else o.kind[0], []).append(o)
    for same in kinds.values():
        start = prepared.original(same[0].start)
        out.append(Defect("markup-unclosed", (start, start + len(same[0].kind)),
                          f"{same[0].kind}\t{len(same)}"))
    return out


def _defects(prepared: Prepared, builder: _Builder, refs: _RefState, text: str,
             surrogates: tuple[int, ...], opened: list[Defect]) -> tuple[Defect, ...]:
    """What the walk found wrong, in seed offsets and seed order."""
    def span(start: int, end: int) -> tuple[int, int]:
        return prepared.original(start), prepared.original(end - 1) + 1

    out = [Defect("surrogate", (at, at + 1)) for at in surrogates] + opened
    out += [Defect("surrogate", m.span(), m.group()) for m in _CHARACTER_REFERENCE.finditer(text)
            if is_surrogate(int(m.group(1) or m.group(2), 16 if m.group(1) else 10))]
    out += [Defect("conversion-unclosed", (at, at + 2)) for at in prepared.unclosed]
    out += [Defect("conversion-deep", (at, at + 2)) for at in prepared.deep]
    out += [Defect("stray-text", span(start, end), text, fix="")
            for start, end, text in builder.stray]
    out += [Defect(kind, span(start, end), detail) for kind, start, end, detail in refs.defects]
    out += [Defect("ref-undefined", span(*refs.first_use[ref_id]), ref_id)
            for ref_id in refs.order if ref_id not in refs.defs]
    out += [Defect("ref-unclosed", span(at, at + 4)) for at in builder.open_refs]
    out += _outline_defects(builder)
    return tuple(sorted(out, key=lambda d: (d.span, d.kind)))


# A numeric character reference (`&#xD800;`, `&#55296;`), as mwparserfromhell reads one.
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,8}));")


def _outline_defects(builder: _Builder) -> list[Defect]:
    """Headings that skip a level; body sections with neither text, a picture, nor a section
    under them."""
    out = []
    texted = {s.section for s in builder.sentences} | builder.illustrated
    sections = builder.sections
    previous = 1  # the article's title is the level above ==
    for i, section in enumerate(sections):
        if section.level > previous + 1:
            above = "the article's title" if previous == 1 else "=" * previous
            out.append(Defect("heading-skip", section.span,
                              f"heading {'=' * section.level} follows {above}; expected "
                              f"{'=' * (previous + 1)}"))
        previous = section.level
        below = i + 1 < len(sections) and sections[i + 1].level > section.level
        if not (below or section.path in texted or not builder.section_body[i]):
            out.append(Defect("empty-section", section.span, section.path[-1]))
    return out


# -- the walk ------------------------------------------------------------------------------------

# Templates that show text in running prose, and which parameter they show. The interlanguage
# link templates (`{{le|中文名|English}}`, `{{link-en|…}}`, `{{tsl|en|English|中文名}}`) show the
# Chinese name (or an explicit label) and give the foreign one as another name of the same thing.
_SHOWN = {"lang": 2, "nowrap": 1, "nobr": 1, "flag": 1, "flagcountry": 1, "flagu": 1,
          "flag country": 1, "le": 1, "ill": 1,
          "interlanguage link": 1, "tsl": 3, "translink": 3}
# Flag templates that show a country's name after its flag (`{{flag|Russia}}`, `{{flag|RUS}}`);
# `{{flagicon}}` shows the flag alone, no text to read.
_FLAGS = frozenset({"flag", "flagcountry", "flagu", "flag country"})
_COUNTRY_TEMPLATE = re.compile(r"[A-Z]{3,4}")
_FOREIGN = {"le": 2, "ill": 3, "interlanguage link": 3, "tsl": 2, "translink": 2}
_LABEL = {"le": 3, "tsl": 4, "translink": 4}  # an explicit label wins over the Chinese name
_LITERAL = {"!": "|", "·": "·", "dot": "·"}
_QUOTES = frozenset({"quote", "cquote", "quotation", "blockquote", "quote box", "centered pull quote",
                     "pull quote", "bquote", "引用", "引文"})  # (引用: zh-Wikipedia's name of Quote)
_NOTE_TA = frozenset({"noteta", "note ta", "ta", "notea"})
_NOTES = frozenset({"efn", "refn", "notetag", "note tag", "efn-ua", "efn-lr", "nfn", "notefoot"})
_SKIPPED_TAGS = frozenset({"references", "nowiki", "math", "score", "gallery", "timeline",
                           "syntaxhighlight", "source", "templatedata", "style", "script", "imagemap",
                           "mapframe", "maplink", "graph", "chem", "ce", "hiero", "inputbox",
                           "categorytree", "charinsert", "indicator"})


@functools.cache
def _country_template(name: str) -> bool:
    """Whether a template without parameters is named as a country is (`{{英国}}`)."""
    if not name or not is_cjk(name[0]):
        return False
    from kzct.parse.gazetteer import country_named

    return country_named(name)


def _country_code(code: str) -> str | None:
    """A country's ISO 3166-1 alpha-2 code, or the place table's key of one that is no more
    (``iso:SUHH``), by a code or a template's name."""
    from kzct.parse.gazetteer import country_code, former_country_key

    return country_code(code) or former_country_key(code)


# The templates whose fields name people, places and organisations: infoboxes and succession
# boxes (lowercased names' beginnings)
_INFOBOXES = ("infobox", "信息框", "資訊框", "资讯框", "succession box")
# An infobox field that lists who designated the article's subject (Infobox militant
# organization's `designated_as_terror_group_by`)
_DESIGNATING = re.compile(r"designat|被认定|被認定|认定为|認定為", re.IGNORECASE)
# A year or a full date (a field that states one is no mere list of names)
_FIELD_DATE = re.compile(r"[0-9０-９]{3,4}\s*年|[0-9]{4}|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日")
_NAME_TEMPLATES = ("le", "ill", "tsl", "translink", "link-", "lang")


# An infobox field whose value names people by its key (`leader_name2 = 艾尔肯·艾克热木<br />…`,
# `spouse`, `配偶`), linked or not
_PEOPLE_FIELD = re.compile(r"leader|founder|spouse|children|parents|relatives|commander|"
                           r"perpetrator|predecessor|successor|配偶|子女|父母|亲属|親屬|领导人|領導人|"
                           r"创始人|創始人|创办人|創辦人|指挥官|指揮官|凶手|兇手|嫌犯", re.IGNORECASE)


def _names_field(key: str, value: Wikicode) -> bool:
    """Whether an infobox field's value names something (a wikilink, an interlanguage link, or
    people, by the field's key) and states no date."""
    named = bool(value.filter_wikilinks(recursive=False)) or any(
        _template_name(t).startswith(_NAME_TEMPLATES) for t in value.filter_templates(recursive=False)
    ) or _PEOPLE_FIELD.search(key) is not None
    return named and not _FIELD_DATE.search(_plain(value))


def _is_flag(node: Template) -> bool:
    """Whether a template shows a country's flag and name (`{{flag|Russia}}`, `{{PRK}}`)."""
    return _template_name(node) in _FLAGS or (
        not node.params and bool(_COUNTRY_TEMPLATE.fullmatch(str(node.name).strip())))


def _template_name(node: Template) -> str:
    """A template's name, lowercased, without its namespace; an interlanguage link's other
    name (`{{en-link|艾维威姆|Avivim}}`, which zh-Wikipedia redirects) as its own (`link-en`)."""
    name = _plain(node.name).strip().lower().replace("_", " ")
    for prefix in ("template:", "模板:", "模版:"):
        if name.startswith(prefix):
            name = name[len(prefix):].strip()
    other = _LANG_LINK.fullmatch(name)
    return f"link-{other.group(1)}" if other else name


_LANG_LINK = re.compile(r"([a-z]{2,3})-link")


def _param_offsets(node: Template, offset: int) -> list[tuple[Any, int]]:
    """Each parameter with the offset of its value (``str(template)`` is ``{{`` name, then ``|``
    and each parameter, then ``}}``)."""
    out = []
    pos = offset + 2 + len(str(node.name))
    for param in node.params:
        pos += 1
        value_at = pos + len(str(param.name)) + 1 if param.showkey else pos
        out.append((param, value_at))
        pos += len(str(param))
    return out


def _param(params: list[tuple[Any, int]], key: int | str) -> tuple[Any, int] | None:
    for param, at in params:
        if str(param.name).strip() == str(key):
            return param, at
    return None


class _Walker:
    def __init__(self, builder: _Builder, refs: _RefState, scripts: Scripts) -> None:
        self.builder = builder
        self.refs = refs
        self.scripts = scripts

    def walk(self, code: Wikicode, base: int) -> None:
        offset = base
        for node in code.nodes:
            raw = str(node)
            self.node(node, raw, offset)
            offset += len(raw)

    def muted(self, code: Wikicode, base: int) -> None:
        """Walk for references only (a template's parameters): no text, no links."""
        self.builder.muted += 1
        try:
            self.walk(code, base)
        finally:
            self.builder.muted -= 1

    def node(self, node: Any, raw: str, offset: int) -> None:
        builder = self.builder
        if isinstance(node, Text):
            # `[[File:x.jpg|缩略图]]会面握手]]`: link brackets left over by broken markup are no text
            pos = 0
            for m in _OPEN_REF.finditer(node.value):  # a <ref> tag the parser could not close
                builder.open_refs.append(offset + m.start())
            for m in _STRAY_BRACKETS.finditer(node.value):
                builder.add_text(node.value[pos:m.start()], offset + pos)
                pos = m.end()
            builder.add_text(node.value[pos:], offset + pos)
        elif isinstance(node, Wikilink):
            self.wikilink(node, offset)
        elif isinstance(node, Tag):
            self.tag(node, raw, offset)
        elif isinstance(node, Template):
            self.template(node, offset)
        elif isinstance(node, Heading):
            if builder.muted:
                return
            title = _plain(node.title)
            builder.heading(title or "(untitled)", node.level, (offset, offset + len(raw)),
                            self.scripts.simplified(title))
        elif isinstance(node, HTMLEntity):
            try:
                shown = node.normalize()[:1] or " "
            except (ValueError, OverflowError):
                shown = " "
            # `&#xD800;` names half of a UTF-16 pair, no character: shown as U+FFFD, as
            # MediaWiki shows it (and said by `kzct check`)
            builder.add_text(REPLACEMENT if is_surrogate(ord(shown)) else shown, offset)
        elif isinstance(node, ExternalLink):
            if not node.brackets:
                builder.add_text(_CONTROL.sub("", raw), offset)  # a bare URL reads as itself
            elif node.title is not None:
                title = str(node.title)
                after_url = 1 + len(str(node.url))  # `[` and the URL: the title is not in it
                self.walk(node.title, offset + raw.find(title, after_url) if title else offset)
        elif isinstance(node, (Comment, Argument)):
            return

    def wikilink(self, node: Wikilink, offset: int) -> None:
        target = _plain(node.title)
        lowered = target.lower().lstrip(":")
        # a leading colon makes a category, file or other-language link an ordinary one, shown in
        # the text (`[[:en:Almaty|阿拉木图]]`)
        inline = target.strip().startswith(":")
        if not inline and (lowered.startswith(NON_TEXT_LINK_PREFIXES)
                           or _INTERWIKI.match(target.lower())):
            picture = lowered.startswith(("file:", "image:", "文件:", "檔案:", "图像:", "圖像:",
                                          "media:"))
            if picture:
                self.builder.illustrated.add(self.builder.section)
            if picture and node.text is not None:
                # an image's caption: not text, but its references count
                self.muted(node.text, offset + 2 + len(str(node.title)) + 1)
            return
        if inline:
            target = target.strip()[1:]
        if node.text is not None:
            part, inner = str(node.text), offset + 2 + len(str(node.title)) + 1
        else:
            part, inner = str(node.title), offset + 2
        shown = _plain(part)
        if node.text is not None and shown != part.strip():
            # markup in the shown text (`[[阿拉木图|''阿拉''木图]]`): each character at its offset
            self.walk(node.text, inner)
            self.builder.mark_link(target.strip(), inner, inner + len(part))
            return
        # MediaWiki trims the shown text (`[[ Almaty]]`): point at it, not at the space before it.
        at = part.find(shown) if shown else -1
        inner += at if at >= 0 else len(part) - len(part.lstrip())
        self.builder.add_link(target.strip(), shown, inner)

    def tag(self, node: Tag, raw: str, offset: int) -> None:
        builder = self.builder
        name = str(node.tag).strip().lower()
        if name == "ref":
            ref_id = _ref(node, offset, raw, self.refs, use=not builder.defining)
            if ref_id is not None and not builder.defining:
                builder.add_ref(ref_id)
            return
        if name == "gallery":
            builder.illustrated.add(builder.section)
        if name == "references" and node.contents is not None:
            # `<references>…</references>`: the references listed in it are defined, not used
            builder.defining += 1
            try:
                self.muted_tag(node, raw, offset)
            finally:
                builder.defining -= 1
            return
        if name in _SKIPPED_TAGS:
            return
        if name == "br":
            if builder.table_row:
                builder.add_text(" ", offset)
            elif not builder.muted:
                builder.end_sentence()
            return
        if name in ("li", "dt", "dd") and node.wiki_markup:
            if not builder.muted:
                builder.end_sentence()
                # `**` is two markers in a row, before any text: an item one level deeper
                builder.item_depth = builder.item_depth + 1 \
                    if builder.item_start and not builder.chars else 1
                builder.list_line = True
                builder.item_start = True
            return
        if name == "tr" or name == "table":
            # a row is one unit, its cells separated by " | "; the cells before a table's first
            # `|-` are a row of their own
            if not builder.muted:
                builder.end_sentence()
            builder.table_row += 1
            try:
                self._contents(node, raw, offset)
            finally:
                builder.table_row -= 1
            if not builder.muted:
                builder.end_sentence()
            return
        if name in ("td", "th"):
            if builder.table_row:
                builder.add_synthetic(" | ")
            else:
                builder.end_sentence()  # a cell outside a row: a unit of its own
            self._contents(node, raw, offset)
            return
        if name in ("caption",):
            builder.end_sentence()
            self._contents(node, raw, offset)
            builder.end_sentence()
            return
        self._contents(node, raw, offset)

    def muted_tag(self, node: Tag, raw: str, offset: int) -> None:
        """A tag's contents walked for references only."""
        self.builder.muted += 1
        try:
            self._contents(node, raw, offset)
        finally:
            self.builder.muted -= 1

    def _contents(self, node: Tag, raw: str, offset: int) -> None:
        if node.self_closing or node.contents is None:
            return
        contents = str(node.contents)
        start = len(node.wiki_markup or "") if node.wiki_markup else raw.find(">") + 1
        inner = raw.find(contents, max(0, start)) if contents else -1
        if inner < 0:
            inner = max(0, start)
        self.walk(node.contents, offset + inner)

    def template(self, node: Template, offset: int) -> None:
        builder = self.builder
        name = _template_name(node)
        params = _param_offsets(node, offset)
        if name in _NOTE_TA:
            for param, _at in params:
                key = str(param.name).strip()
                if key.isdigit() or key.upper() == "T":
                    names = rule_names(str(param.value))
                    if len(names) > 1:
                        builder.aliases.append(names)
            return
        if name in ("reflist", "references", "notefoot", "notelist") and _param(params, "refs"):
            found = _param(params, "refs")
            assert found is not None
            builder.defining += 1
            try:
                self.muted(found[0].value, found[1])
            finally:
                builder.defining -= 1
            return
        if name.startswith("#tag:ref") or name in _NOTES:
            self._note(node, name, params, offset)
            return
        if name == "r":
            for param, _at in params:
                if not param.showkey and str(param.value).strip():
                    ref_id = str(param.value).strip()
                    self.refs.use(ref_id, (offset, offset + len(str(node))))
                    builder.add_ref(ref_id)
            return
        if name in _LITERAL:
            builder.add_synthetic(_LITERAL[name])
            return
        if name in _QUOTES:
            quoted = _param(params, 1) or _param(params, "quote") or _param(params, "text")
            if quoted is not None and not builder.muted:
                builder.end_sentence()
                self.walk(quoted[0].value, quoted[1])
                builder.end_sentence()
            for param, at in params:  # the source and author: only their references
                if quoted is None or param is not quoted[0]:
                    self.muted(param.value, at)
            return
        shown_key = _SHOWN.get(name)
        if shown_key is None and (name.startswith("link-") or name.startswith("lang-")):
            shown_key = 1
        if name in _FLAGS:
            self._flag(_param(params, 1))
        elif not params and _COUNTRY_TEMPLATE.fullmatch(str(node.name).strip()):
            # `{{CHN}}`: a country's flag and name, written with its ISO 3166-1 alpha-3 code
            raw = str(node.name)
            at = offset + 2 + len(raw) - len(raw.lstrip())
            if self._flag((node.name, offset + 2), name_too=False):
                builder.add_text(raw.strip(), at)
            return
        elif not params and _country_template(str(node.name).strip()):
            # `{{英国}}：…`: zh-Wikipedia's flag template named as the country, which it shows
            raw = str(node.name)
            builder.add_text(raw.strip(), offset + 2 + len(raw) - len(raw.lstrip()))
            return
        if name == "bd":
            self._birth_death(params)
            return
        if shown_key is None:
            fields = name.startswith(_INFOBOXES)
            for param, at in params:
                if fields and param.showkey and _DESIGNATING.search(str(param.name)):
                    builder.designating.append((at, at + len(str(param.value))))
                if fields and param.showkey and _names_field(str(param.name), param.value):
                    # an infobox's field that names people, places or organisations, and
                    # states no date: a sentence of its own (`predecessor = [[…]]`)
                    builder.end_sentence()
                    self.walk(param.value, at)
                    builder.end_sentence()
                else:  # another template: its references only
                    self.muted(param.value, at)
                    if fields and param.showkey:
                        self._field_flags(param.value, at)
            return
        label_key = _LABEL.get(name)
        label = _param(params, label_key) if label_key else None
        shown = label if label is not None and _plain(label[0].value) else _param(params, shown_key)
        if shown is None:
            return
        self.walk(shown[0].value, shown[1])
        foreign_key = _FOREIGN.get(name, 2 if name.startswith("link-") else None)
        foreign = _param(params, foreign_key) if foreign_key else None
        if foreign_key is not None:
            # an interlanguage link is a link to the Chinese page it names (red until written)
            page = _param(params, 1 if name not in ("tsl", "translink") else 3)
            target = _plain(page[0].value).strip() if page is not None else ""
            if target:
                raw_shown = str(shown[0].value)
                self.builder.mark_link(target, shown[1], shown[1] + len(raw_shown))
        if foreign is not None:
            names = tuple(n for n in (_plain(shown[0].value), _plain(foreign[0].value)) if n)
            if len(names) == 2 and names[0] != names[1]:
                builder.aliases.append(names)

    def _field_flags(self, value: Wikicode, base: int) -> None:
        """The countries an infobox field's flag templates show (`allies = * {{PRK}}（據稱）`),
        where the field is read for nothing else (it states a date): each a sentence of its own,
        as a name with no date."""
        offset = base
        for node in value.nodes:
            raw = str(node)
            if isinstance(node, Template) and _is_flag(node):
                self.builder.end_sentence()
                self.template(node, offset)
                self.builder.end_sentence()
            offset += len(raw)

    def _flag(self, shown: tuple[Any, int] | None, name_too: bool = True) -> bool:
        """A flag template's country (an ISO 3166-1 code, or with ``name_too`` an English name,
        as the template takes it), kept with the span of the text it shows; whether it is one."""
        if shown is None or self.builder.muted:
            return False
        raw = str(shown[0].value if hasattr(shown[0], "value") else shown[0])
        text = raw.strip()
        code = _country_code(text) if 2 <= len(text) <= 4 and text.isupper() else None
        if code is None and not (name_too and text.isascii() and text[:1].isalpha()
                                 and len(text) <= 60):
            return False
        code = code or text
        start = shown[1] + len(raw) - len(raw.lstrip())
        self.builder.flags.append((start, start + len(text), code))
        return True

    def _birth_death(self, params: list[tuple[Any, int]]) -> None:
        """``{{bd|1940年|7月6日||…}}``: shows the dates of birth and death."""
        positional = [(p, at) for p, at in params if not p.showkey]
        for param, at in positional[:2]:
            self.walk(param.value, at)
        death = positional[2:4]
        if any(_plain(p.value) for p, _at in death):
            self.builder.add_synthetic("—")
            for param, at in death:
                self.walk(param.value, at)

    def _note(self, node: Template, name: str, params: list[tuple[Any, int]], offset: int) -> None:
        """A footnote made by a template (``{{#tag:ref|…|group=注}}``, ``{{efn|…}}``): a reference
        whose text is its first parameter."""
        content = _param(params, 1)
        ref_name = _param(params, "name")
        ref_group = _param(params, "group")
        group = (_plain(ref_group[0].value).strip().strip("\"'").strip() or None) \
            if ref_group else None  # (`group="注"`, as an attribute may be written)
        ref_id = (_plain(ref_name[0].value).strip() or None) if ref_name else None
        if ref_id is None:
            if content is None or not str(content[0].value).strip():
                return
            ref_id = self.refs.unnamed()
        elif group:
            ref_id = f"{group}:{ref_id}"
        if group:
            self.refs.groups[ref_id] = group
        if content is not None and str(content[0].value).strip() and ref_id not in self.refs.defs:
            fields = _citation(content[0].value)
            fields["span"] = (offset, offset + len(str(node)))
            self.refs.defs[ref_id] = fields
            self.muted(content[0].value, content[1])  # references nested in the note
        if not self.builder.defining:
            self.refs.use(ref_id, (offset, offset + len(str(node))))
            self.builder.add_ref(ref_id)


# -- references ----------------------------------------------------------------------------------

def _attr(node: Tag, name: str) -> str | None:
    try:
        if node.has(name):
            value = _CONTROL.sub("", str(node.get(name).value)).strip().strip("\"'").strip()
            return value or None
    except (ValueError, AttributeError):
        return None
    return None


def _ref(node: Tag, offset: int, raw: str, refs: _RefState, *, use: bool = True) -> str | None:
    """Record one ``<ref>``: its definition if it has a body, and its use (not for the
    definitions listed in ``{{reflist|refs=…}}``, which are used elsewhere)."""
    name = _attr(node, "name")
    contents = node.contents if not node.self_closing else None
    body = str(contents).strip() if contents is not None else ""
    span = (offset, offset + len(raw))
    if name is None and not body:
        refs.defects.append(("ref-empty", *span, ""))
        return None  # <ref/> or <ref></ref>: nothing to cite
    group = _attr(node, "group")
    if name is None:
        ref_id = refs.unnamed()
    else:  # a name is one reference within its group: `<ref group=注 name=a>` is not `a`
        ref_id = f"{group}:{name}" if group else name
    if group:
        refs.groups[ref_id] = group
    if body and ref_id in refs.defs:
        if " ".join(body.split()) != refs.defs[ref_id].get("body"):
            refs.defects.append(("ref-redefined", *span, ref_id))
    elif body:
        assert contents is not None
        fields = _citation(contents)
        fields["span"] = span
        fields["body"] = " ".join(body.split())
        refs.defs[ref_id] = fields
        for kind in _citation_defects(fields):
            refs.defects.append((kind, *span, ref_id))
    if use:
        refs.use(ref_id, span)
    return ref_id


def _citation_defects(fields: dict[str, Any]) -> list[str]:
    """What a citation lacks: a title (a citation template, or a bracketed link, without one),
    a URL (a web citation without one; a book or a journal needs none)."""
    if fields["broken"]:
        return ["cite-broken"]  # what it lacks cannot be told
    out = []
    if fields["form"] != "text" and not fields["title"]:
        out.append("cite-no-title")
    if fields["form"] == "web" and not fields["url"]:
        out.append("cite-no-url")
    return out


_TRUE = {"yes", "y", "true", "1", "dead"}
# citation templates of what is only on the web (`{{cite web}}`): they need a URL, where a
# book, a journal or a newspaper in print (`{{cite book}}`, `{{cite news}}`) needs none
_WEB = frozenset({"web", "webpage", "website", "podcast", "blog"})


def _citation(code: Wikicode) -> dict[str, Any]:
    """The fields of one citation: bare ``[url title] publisher`` or ``{{cite …}}``."""
    out: dict[str, Any] = dict.fromkeys(
        ("url", "title", "publisher", "author", "date", "access_date", "archive_url", "archive_date"))
    out["dead"] = False
    out["form"] = "text"  # web (`{{cite web}}`), other (another template), link, text
    # `{{cite web|…}]`: a template the parser could not close, left as text
    out["broken"] = any(isinstance(n, Text) and "{{" in n.value
                        for n in code.filter(recursive=True, forcetype=Text))
    for template in code.filter_templates(recursive=True):
        tname = _plain(template.name).lower().replace("_", " ")
        params = {str(p.name).strip().lower().replace("_", "-"): _plain(p.value) for p in template.params}
        if tname.startswith("cite") or tname.startswith("citation"):
            _cite_template(out, tname, template, params)
        elif tname in ("webarchive", "web archive"):
            out["archive_url"] = out["archive_url"] or params.get("url") or None
            out["archive_date"] = out["archive_date"] or normalise_date(params.get("date"))
        elif tname == "wayback":
            stamp = params.get("date") or ""
            original = params.get("url") or ""
            if original:
                out["archive_url"] = out["archive_url"] or (
                    f"https://web.archive.org/web/{stamp}/{original}" if stamp else None)
            out["archive_date"] = out["archive_date"] or normalise_date(stamp)
        elif tname in ("dead link", "deadlink", "失效链接", "死链"):
            out["dead"] = True
    links = code.filter_external_links(recursive=True)
    for link in links:
        # External links inside templates belong to the templates (archive URLs).
        if _inside_template(code, link):
            continue
        out["url"] = out["url"] or _CONTROL.sub("", str(link.url)).strip() or None
        if out["form"] == "text":
            out["form"] = "link"  # `[url title]`, or a bare URL: that needs a title
        if link.title is not None:
            out["title"] = out["title"] or _shown(link.title) or None
        break
    rest = _loose_text(code)
    if rest and not out["publisher"]:
        out["publisher"] = rest
    for key in ("title", "publisher", "author"):
        if out[key]:  # `[url {{cite web|url= }]`: a template left open is no title
            out[key] = _MARKUP_DEBRIS.sub("", out[key]).strip(" |") or None
    return out


def _cite_template(out: dict[str, Any], tname: str, template: Template,
                   params: dict[str, str]) -> None:
    """What a ``{{cite …}}`` template gives a citation (the first one to give a field wins)."""
    if out["form"] == "text":
        online = tname.split(" ", 1)[-1] in _WEB and not any(
            key in params for key in ("isbn", "doi", "issn", "journal", "oclc"))
        out["form"] = "web" if online else "other"
    out["url"] = out["url"] or params.get("url") or None
    # a title in another script (`script-title=ja:…`) where there is no other
    script = re.sub(r"^[a-z]{2,3}(?:-[a-z]+)?:", "", params.get("script-title", "")).strip()
    title = next((p for p in template.params if str(p.name).strip().lower() == "title"), None)
    out["title"] = out["title"] or (_shown(title.value) if title else "") or script or None
    out["publisher"] = out["publisher"] or _first(params, "publisher", "work", "website",
                                                      "newspaper", "journal", "magazine")
    author = _first(params, "author", "authors")
    if author is None and params.get("last"):
        author = " ".join(x for x in (params.get("first"), params.get("last")) if x)
    out["author"] = out["author"] or author
    out["date"] = out["date"] or normalise_date(params.get("date"))
    out["access_date"] = out["access_date"] or normalise_date(
        _first(params, "accessdate", "access-date"))
    out["archive_url"] = out["archive_url"] or _first(params, "archiveurl", "archive-url")
    out["archive_date"] = out["archive_date"] or normalise_date(
        _first(params, "archivedate", "archive-date"))
    if (_first(params, "deadurl", "dead-url") or "").lower() in _TRUE or (
        params.get("url-status", "").lower() == "dead"
    ):
        out["dead"] = True


def _inside_template(code: Wikicode, link: ExternalLink) -> bool:
    for template in code.filter_templates(recursive=True):
        for param in template.params:
            if link in param.value.filter_external_links(recursive=True):
                return True
    return False


def _loose_text(code: Wikicode) -> str | None:
    """Text of a citation outside its links and templates: the bare ref's publisher."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, Tag) and node.contents is not None and node.wiki_markup:
            inner = _loose_text(node.contents)
            if inner:
                parts.append(inner)
        elif isinstance(node, Wikilink):
            parts.append(_plain(node.text if node.text is not None else node.title))
    text = _SPACE_RUN.sub(" ", " ".join(parts)).strip(" .,;:-–—|\n")
    return text or None


def _first(params: dict[str, str], *names: str) -> str | None:
    for name in names:
        if params.get(name):
            return params[name]
    return None


def _shown(code: Wikicode) -> str:
    """Plain text with the templates that show text (``{{lang|ja|…}}``, ``{{lang-ru|…}}``,
    ``{{nowrap|…}}``) kept as the text they show: a citation's title."""
    code = mwparserfromhell.parse(str(code))
    for template in list(code.filter_templates(recursive=False)):
        name = _template_name(template)
        shown = _SHOWN.get(name) or (1 if name.startswith("lang-") else None)
        if shown is not None and template.has(shown):
            code.replace(template, template.get(shown).value)
    return _plain(code)


def _plain(code: Any) -> str:
    """Wikicode (or None) as plain text, links shown by their text, templates dropped."""
    if code is None:
        return ""
    if not isinstance(code, Wikicode):
        code = mwparserfromhell.parse(str(code))
    text = code.strip_code(normalize=True, collapse=True, keep_template_params=False)
    text = clean_text(text)[0]  # an entity may name a lone surrogate (`&#xD800;`)
    return _SPACE_RUN.sub(" ", _CONTROL.sub("", text)).strip()


_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_CJK_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})\d{0,6}$")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_DMY = re.compile(r"^(\d{1,2}) ([A-Za-z]+),? (\d{4})$")
_MDY = re.compile(r"^([A-Za-z]+) (\d{1,2}),? (\d{4})$")


def normalise_date(value: str | None) -> str | None:
    """A citation date as ISO at its precision (``2007-02-21``, ``2017-12``); else as written."""
    if not value:
        return None
    value = value.strip()
    for pattern in (_ISO, _CJK_DATE, _STAMP):
        m = pattern.match(value)
        if m:
            parts = [p for p in m.groups() if p]
            return "-".join([parts[0]] + [p.zfill(2) for p in parts[1:]])
    m = _DMY.match(value)
    if m and m.group(2).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = _MDY.match(value)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return value


def _freeze_refs(state: _RefState, prepared: Prepared) -> dict[str, Ref]:
    out: dict[str, Ref] = {}
    numbers: dict[str, int] = {}  # each group counts its own (MediaWiki: [1], [2]; [注 1])
    # in the order a reader meets them; defined in a list but never cited: last
    never_used = [ref_id for ref_id in state.defs if ref_id not in state.uses]
    named = {ref_id for ref_id in [*state.order, *never_used] if not ref_id.startswith(_UNNAMED)}
    for ref_id in [*state.order, *never_used]:
        fields = state.defs.get(ref_id)
        group = state.groups.get(ref_id, "")
        if fields is not None:
            numbers[group] = numbers.get(group, 0) + 1
        number = numbers.get(group, 0)
        # an unnamed reference is known by its number (in a group, as a reader sees it:
        # `注 1`), unless a named one has it (`name="1"`)
        label = f"{group} {number}" if group else str(number)
        shown_id = (label if label not in named else f"#{label}") \
            if ref_id.startswith(_UNNAMED) else ref_id
        # a note of a group (`<ref group=注>審判時認定的死者數…</ref>`) that cites nothing says
        # something: its words are what it is (its title), no publisher's name
        said = bool(group and fields and fields["form"] == "text" and not fields["title"]
                    and not fields["url"])
        out[ref_id] = Ref(
            id=shown_id,
            number=number if fields is not None else None,
            name=None if ref_id.startswith(_UNNAMED) else ref_id,
            url=fields["url"] if fields else None,
            title=(fields["publisher"] if said else fields["title"]) if fields else None,
            publisher=fields["publisher"] if fields and not said else None,
            author=fields["author"] if fields else None,
            date=fields["date"] if fields else None,
            access_date=fields["access_date"] if fields else None,
            archive_url=fields["archive_url"] if fields else None,
            archive_date=fields["archive_date"] if fields else None,
            dead=bool(fields and fields["dead"]),
            defined=fields is not None,
            uses=state.uses.get(ref_id, 0),
            span=(prepared.original(fields["span"][0]), prepared.original(fields["span"][1] - 1) + 1)
            if fields else None,
        )
    return out
