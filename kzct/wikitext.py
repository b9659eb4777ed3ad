"""Wikitext → ``Document``: sections, clean body sentences with seed spans, wikilinks, references.

mwparserfromhell does the parsing; this module walks its node tree once, keeping for every
character of clean text the offset it came from in the seed (``str(node)`` of consecutive nodes
concatenates back to the source, so offsets are cumulative lengths).
"""

from __future__ import annotations

import re
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

from kzct.model import Link, Ref, Section, Sentence

# Sections that hold apparatus, not article text.
NON_BODY_SECTIONS = frozenset(
    {"参考内容", "参考资料", "参考文献", "参考", "外部链接", "外部連結", "参见", "參見", "注释", "註釋",
     "References", "External links", "See also", "Notes"}
)
NON_TEXT_LINK_PREFIXES = ("category:", "分类:", "分類:", "file:", "image:", "文件:", "檔案:", "图像:")

SENTENCE_ENDS = frozenset("。！？!?；;")
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』"}
CLOSERS = frozenset("”」』’）)》】\"'")
TRAILING_PUNCT = frozenset(".。")
_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3400-\u9fff]")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # whitespace that is not a single plain space
# Every character ``add_char`` treats specially; the rest is added a run at a time.
_SPECIAL = re.compile(
    "[\n\r\x00-\x08\x0b-\x1f\x7f-\x9f"
    + re.escape("".join(sorted(set(SENTENCE_ENDS) | set(OPEN_QUOTES) | set(OPEN_QUOTES.values())
                               | CLOSERS | TRAILING_PUNCT)))
    + "]"
)


class Document(NamedTuple):
    """The parsed article."""

    text: str
    sections: list[Section]
    sentences: list[Sentence]
    refs: dict[str, Ref]
    unresolved: list[str]


class _RefState:
    """References as the walk meets them, before they are frozen into ``Ref`` records."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.uses: dict[str, int] = {}
        self.order: list[str] = []  # ids by first appearance
        self.anonymous = 0

    def use(self, ref_id: str) -> None:
        if ref_id not in self.uses:
            self.order.append(ref_id)
        self.uses[ref_id] = self.uses.get(ref_id, 0) + 1


class _Builder:
    """Accumulates clean characters with their seed offsets and cuts them into sentences."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.sentences: list[Sentence] = []
        self.sections: list[Section] = []
        self.section: tuple[str, ...] = ()
        self.body = True
        self.paragraph = 0
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.refs: list[str] = []
        self.links: list[tuple[str, int, int, int, int]] = []  # target, clean start/end, seed start/end
        self.quote_depth = 0
        self.pending_end = False  # a sentence end was seen; closing quotes may still follow
        self.newlines = 0

    # -- characters -----------------------------------------------------------------------------
    def add_text(self, text: str, offset: int) -> None:
        """Add text that starts at ``offset`` in the seed; plain runs go in whole."""
        pos = 0
        for m in _SPECIAL.finditer(text):
            if m.start() > pos:
                self._add_plain(text[pos:m.start()], offset + pos)
            self.add_char(m.group(), offset + m.start())
            pos = m.end()
        if pos < len(text):
            self._add_plain(text[pos:], offset + pos)

    def _add_plain(self, chunk: str, offset: int) -> None:
        """Characters that are neither line breaks, control characters, quotes nor stops."""
        if self.newlines and not chunk.isspace():
            self.newlines = 0
        if self.pending_end:
            self.end_sentence()
        self.chars.extend(chunk)
        self.offsets.extend(range(offset, offset + len(chunk)))

    def add_char(self, ch: str, offset: int) -> None:
        if ch == "\n":
            self.newlines += 1
            self.end_sentence()
            if self.newlines >= 2:
                self.new_paragraph()
            return
        if ch == "\r" or _CONTROL.match(ch):
            return  # control characters (ANSI escapes' ESC, NUL …) are never text
        if self.newlines and not ch.isspace():
            self.newlines = 0
        if self.pending_end:
            if ch in CLOSERS or ch in TRAILING_PUNCT:
                self._append(ch, offset)
                if ch in OPEN_QUOTES.values():
                    self.quote_depth = max(0, self.quote_depth - 1)
                return
            self.end_sentence()
        if ch in OPEN_QUOTES:
            # A second opening quote inside a quote is, in this article, a closing quote typed
            # wrongly: `并没有向当局注册申报。“哈萨克斯坦司法部…`. Chinese nests with ‘’ instead.
            if self.quote_depth >= 1 and ch == "“":
                self.quote_depth -= 1
                self._append(ch, offset)
                if self._last_visible_before_is_end():
                    self.pending_end = True
                return
            self.quote_depth += 1
        elif ch in OPEN_QUOTES.values():
            self.quote_depth = max(0, self.quote_depth - 1)
        self._append(ch, offset)
        if ch in SENTENCE_ENDS:
            if self.quote_depth == 0:
                self.pending_end = True
            elif self._next_is_closer(offset):
                self.pending_end = True
        elif ch == "." and self._latin_sentence_end(offset):
            self.pending_end = True

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
        """A reference backs the sentence it follows (or the one it sits in)."""
        if self.pending_end:
            self.end_sentence()
        if not any(_LETTER.match(c) for c in self.chars):
            # Nothing but punctuation or a stray digit since the last sentence end
            # (`开枪拒捕。1<ref name=STEPNOGORSK>`, `。.<ref name=CPJDOC>`): the reference
            # belongs to the sentence before, and the stray characters are not a sentence.
            self.chars.clear()
            self.offsets.clear()
            if self.sentences and self.sentences[-1].paragraph == self.paragraph and self.body:
                last = self.sentences[-1]
                if ref_id not in last.refs:
                    self.sentences[-1] = _with_ref(last, ref_id)
                return
        if ref_id not in self.refs:
            self.refs.append(ref_id)

    def add_link(self, target: str, text: str, offset: int) -> None:
        start = len(self.chars)
        self.add_text(text, offset)
        if text:
            self.links.append((target, start, len(self.chars), offset, offset + len(text)))

    def heading(self, title: str, level: int, span: tuple[int, int]) -> None:
        self.end_sentence()
        self.new_paragraph()
        depth = max(1, level - 1)  # == is level 2, the top of an article's outline
        path = list(self.section[: depth - 1])
        path += [""] * (depth - 1 - len(path))
        path.append(title)
        self.section = tuple(path)
        self.body = not (set(self.section) & NON_BODY_SECTIONS)
        self.sections.append(Section(path=self.section, level=level, span=span))

    def new_paragraph(self) -> None:
        self.end_sentence()
        self.paragraph += 1
        self.quote_depth = 0

    def end_sentence(self) -> None:
        self.pending_end = False
        chars, offsets, refs, links = self.chars, self.offsets, self.refs, self.links
        self.chars, self.offsets, self.refs, self.links = [], [], [], []
        if not self.body:
            return
        # Trim whitespace at both ends, collapse inner runs of spaces.
        start, end = 0, len(chars)
        while start < end and chars[start].isspace():
            start += 1
        while end > start and chars[end - 1].isspace():
            end -= 1
        if start == end or not any(_LETTER.match(c) for c in chars[start:end]):
            if refs and self.sentences and self.sentences[-1].paragraph == self.paragraph:
                for ref_id in refs:
                    self.sentences[-1] = _with_ref(self.sentences[-1], ref_id)
            return
        text = "".join(chars[start:end])
        if _ODD_SPACE.search(text):
            # Collapse runs of whitespace to one space, keeping each kept char's seed offset.
            text_chars: list[str] = []
            text_offsets: list[int] = []
            clean_pos = []
            for i in range(start, end):
                ch = chars[i]
                if ch.isspace():
                    if text_chars and text_chars[-1] == " ":
                        clean_pos.append(len(text_chars) - 1)
                        continue
                    ch = " "
                clean_pos.append(len(text_chars))
                text_chars.append(ch)
                text_offsets.append(offsets[i])
            text = "".join(text_chars)
        else:
            text_offsets = offsets[start:end]
            clean_pos = range(end - start)
        runs = _runs(text_offsets)
        sentence_links = []
        for target, c_start, c_end, s_start, s_end in links:
            if c_start >= start and c_end <= end and c_end > c_start:
                shown = text[clean_pos[c_start - start] : clean_pos[c_end - 1 - start] + 1]
                sentence_links.append(Link(target=target, text=shown, span=(s_start, s_end)))
        self.sentences.append(
            Sentence(
                index=len(self.sentences),
                text=text,
                section=self.section,
                paragraph=self.paragraph,
                span=(text_offsets[0], text_offsets[-1] + 1),
                refs=tuple(refs),
                links=tuple(sentence_links),
                runs=runs,
            )
        )


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


def _runs(offsets: list[int]) -> tuple[tuple[int, int, int], ...]:
    """``(clean_start, seed_start, length)`` for each stretch of consecutive seed offsets."""
    if not offsets:
        return ()
    breaks = [i for i, (a, b) in enumerate(zip(offsets, offsets[1:]), start=1) if b != a + 1]
    starts = [0, *breaks]
    ends = [*breaks, len(offsets)]
    return tuple((start, offsets[start], end - start) for start, end in zip(starts, ends))


def parse_document(text: str) -> Document:
    """Parse wikitext into a ``Document``. Never raises on any text."""
    code = mwparserfromhell.parse(text)
    builder = _Builder(text)
    refs = _RefState()
    _walk(code, 0, builder, refs)
    builder.new_paragraph()
    frozen = _freeze_refs(refs)
    # An unnamed reference is known by its footnote number, known only once all are counted.
    rename = {key: ref.id for key, ref in frozen.items() if key != ref.id}
    sentences = _backed_by_paragraph(builder.sentences)
    if rename:
        sentences = [
            s._replace(refs=tuple(rename.get(r, r) for r in s.refs)) for s in sentences
        ]
    return Document(
        text=text,
        sections=builder.sections,
        sentences=sentences,
        refs={ref.id: ref for ref in frozen.values()},
        unresolved=[r for r in refs.order if r not in refs.defs],
    )


def _walk(code: Wikicode, base: int, builder: _Builder, refs: _RefState) -> None:
    offset = base
    for node in code.nodes:
        raw = str(node)
        _node(node, raw, offset, builder, refs)
        offset += len(raw)


def _node(node: Any, raw: str, offset: int, builder: _Builder, refs: _RefState) -> None:
    if isinstance(node, Text):
        builder.add_text(node.value, offset)
    elif isinstance(node, Wikilink):
        target = _plain(node.title)
        if target.lower().lstrip(":").startswith(NON_TEXT_LINK_PREFIXES):
            return
        if node.text is not None:
            part, inner = str(node.text), offset + 2 + len(str(node.title)) + 1
        else:
            part, inner = str(node.title), offset + 2
        shown = _plain(part)
        # MediaWiki trims the shown text (`[[ Almaty]]`): point at it, not at the space before it.
        at = part.find(shown) if shown else -1
        inner += at if at >= 0 else len(part) - len(part.lstrip())
        builder.add_link(target, shown, inner)
    elif isinstance(node, Tag):
        _tag(node, raw, offset, builder, refs)
    elif isinstance(node, Heading):
        builder.heading(_plain(node.title) or "(untitled)", node.level, (offset, offset + len(raw)))
    elif isinstance(node, HTMLEntity):
        try:
            builder.add_text(node.normalize()[:1] or " ", offset)
        except (ValueError, OverflowError):
            builder.add_text(" ", offset)
    elif isinstance(node, ExternalLink):
        if not node.brackets:
            builder.add_text(_CONTROL.sub("", raw), offset)  # a bare URL reads as itself
        elif node.title is not None:
            title = str(node.title)
            builder.add_text(_plain(node.title), offset + raw.find(title) if title else offset)
    elif isinstance(node, (Template, Comment, Argument)):
        return  # citation and maintenance templates, comments: never body text


def _tag(node: Tag, raw: str, offset: int, builder: _Builder, refs: _RefState) -> None:
    name = str(node.tag).strip().lower()
    if name == "ref":
        ref_id = _ref(node, offset, raw, refs)
        if ref_id is not None:
            builder.add_ref(ref_id)
        return
    if name in ("references", "nowiki", "math", "score", "gallery", "timeline", "syntaxhighlight",
                "source", "templatedata", "style", "script"):
        return
    if name == "br":
        builder.add_text(" ", offset)
        return
    if name in ("li", "dt", "dd") and node.wiki_markup:
        builder.end_sentence()
        return
    if node.self_closing or node.contents is None:
        return
    contents = str(node.contents)
    inner = raw.find(contents, len(node.wiki_markup or "") if node.wiki_markup else raw.find(">") + 1)
    if inner < 0:
        inner = 0
    _walk(node.contents, offset + inner, builder, refs)


# -- references ----------------------------------------------------------------------------------

def _attr(node: Tag, name: str) -> str | None:
    try:
        if node.has(name):
            value = _CONTROL.sub("", str(node.get(name).value)).strip().strip("\"'").strip()
            return value or None
    except (ValueError, AttributeError):
        return None
    return None


def _ref(node: Tag, offset: int, raw: str, refs: _RefState) -> str | None:
    name = _attr(node, "name")
    contents = node.contents if not node.self_closing else None
    has_body = contents is not None and str(contents).strip() != ""
    if name is None and not has_body:
        return None  # <ref/> or <ref></ref>: nothing to cite
    if name is None:
        refs.anonymous += 1
        ref_id = f"#{refs.anonymous}"
    else:
        ref_id = name
    if has_body and ref_id not in refs.defs:
        assert contents is not None
        fields = _citation(contents)
        fields["span"] = (offset, offset + len(raw))
        refs.defs[ref_id] = fields
    refs.use(ref_id)
    return ref_id


_TRUE = {"yes", "y", "true", "1", "dead"}


def _citation(code: Wikicode) -> dict[str, Any]:
    """The fields of one citation: bare ``[url title] publisher`` or ``{{cite …}}``."""
    out: dict[str, Any] = dict.fromkeys(
        ("url", "title", "publisher", "author", "date", "access_date", "archive_url", "archive_date"))
    out["dead"] = False
    for template in code.filter_templates(recursive=True):
        tname = _plain(template.name).lower().replace("_", " ")
        params = {str(p.name).strip().lower().replace("_", "-"): _plain(p.value) for p in template.params}
        if tname.startswith("cite") or tname.startswith("citation"):
            out["url"] = out["url"] or params.get("url") or None
            out["title"] = out["title"] or params.get("title") or None
            out["publisher"] = out["publisher"] or _first(params, "publisher", "work", "website",
                                                              "newspaper", "journal", "magazine")
            author = _first(params, "author", "authors")
            if author is None and params.get("last"):
                author = " ".join(x for x in (params.get("first"), params.get("last")) if x)
            out["author"] = out["author"] or author
            out["date"] = out["date"] or normalise_date(params.get("date"))
            out["access_date"] = normalise_date(_first(params, "accessdate", "access-date"))
            out["archive_url"] = out["archive_url"] or _first(params, "archiveurl", "archive-url")
            out["archive_date"] = out["archive_date"] or normalise_date(
                _first(params, "archivedate", "archive-date"))
            if (_first(params, "deadurl", "dead-url") or "").lower() in _TRUE or (
                params.get("url-status", "").lower() == "dead"
            ):
                out["dead"] = True
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
        if link.title is not None:
            out["title"] = out["title"] or _plain(link.title) or None
        break
    rest = _loose_text(code)
    if rest and not out["publisher"]:
        out["publisher"] = rest
    return out


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


def _plain(code: Any) -> str:
    """Wikicode (or None) as plain text, links shown by their text, templates dropped."""
    if code is None:
        return ""
    if not isinstance(code, Wikicode):
        code = mwparserfromhell.parse(str(code))
    text = code.strip_code(normalize=True, collapse=True, keep_template_params=False)
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


def _freeze_refs(state: _RefState) -> dict[str, Ref]:
    out: dict[str, Ref] = {}
    number = 0
    for ref_id in state.order:
        fields = state.defs.get(ref_id)
        if fields is not None:
            number += 1
        out[ref_id] = Ref(
            id=str(number) if ref_id.startswith("#") else ref_id,
            number=number if fields is not None else None,
            name=None if ref_id.startswith("#") else ref_id,
            url=fields["url"] if fields else None,
            title=fields["title"] if fields else None,
            publisher=fields["publisher"] if fields else None,
            author=fields["author"] if fields else None,
            date=fields["date"] if fields else None,
            access_date=fields["access_date"] if fields else None,
            archive_url=fields["archive_url"] if fields else None,
            archive_date=fields["archive_date"] if fields else None,
            dead=bool(fields and fields["dead"]),
            defined=fields is not None,
            uses=state.uses.get(ref_id, 0),
            span=fields["span"] if fields else None,
        )
    return out
