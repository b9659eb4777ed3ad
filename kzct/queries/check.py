"""``kzct check``: what the article itself gets wrong, said as a linter says it.

Reading an article, kzct works around its defects: a mistyped date, a stray digit before a
reference, a reference cited but never defined, a name spelt two ways. Here they are reported,
each at its line and column in the wikitext, with a stable code, a severity and, where the text
shows one, the fix. Every finding comes from evidence in the text; none is a guess:

- the parse layer notes what it had to mend (``Document.defects``: references, stray text,
  unclosed conversion markup), the date reader the dates it corrected or could not place;
- this module adds what needs the whole article: the outline, the paragraphs no reference backs,
  the citations' dates and dead links, and the names one entity is written under.

A name is a *variant* when the article writes one entity two ways that are close in spelling
(`Tusupbeko` and `Tusupbekov`, `JMCA` and `JCAM`), and neither is a known other name (the
curated aliases, the standard name, names the article's conversion markup or {{NoteTA}} makes
one, the other script's form), a part of the other (`Tusupbekov`
of `Rashid Tusupbekov`, 纳扎尔巴耶夫 of 努尔苏丹·纳扎尔巴耶夫) or its initials (`JCAM` of
`Jamaat of Central Asian Mujahedins`). The form written less often is the variant; the fix is
the form it is closest to. Two names far apart in spelling are two names, not a variant. The fix is written as the article
writes it, or in the variant's script.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kzct.errors import UsageError
from kzct.model import Defect, Finding, Sentence, date_key
from kzct.parse.conversion import MAX_DEPTH
from kzct.parse.unclosed import OPEN_LIMIT
from kzct.text import has_cjk

if TYPE_CHECKING:  # building is imported when an article is checked: a TAB needs only RULES
    from kzct.build import Builder, BuiltArticle
    from kzct.store.database import Checks


class Rule(NamedTuple):
    code: str
    severity: str  # error, warning, info
    summary: str


# kind → its rule. Codes are stable: a kind keeps its code; a new kind takes a new one.
RULES: dict[str, Rule] = {
    "date-typo": Rule("D101", "error", "a date that had to be corrected to be read"),
    # info: an article on one event often gives its year once, in the lead or the infobox
    # (then it is in reach: ``kzct.parse.wikitext.article_year``)
    "date-no-year": Rule("D102", "info", "a month and day with no year in reach"),
    "date-impossible": Rule("D103", "warning", "a date no calendar has (`13月5日`, `2月30日`)"),
    "stray-text": Rule("T101", "warning", "stray text between a sentence's end and its reference"),
    "stray-punctuation": Rule("T102", "warning", "a punctuation mark after another that ends "
                                                 "the same clause (`。.`, `，，`)"),
    "unbalanced-bracket": Rule("T103", "warning", "a bracket its paragraph never closes, or one "
                                                  "that closes none"),
    "name-variant": Rule("N101", "warning", "one entity written two ways in Latin letters"),
    "name-variant-zh": Rule("N102", "warning", "one entity written two ways in Chinese"),
    "ref-undefined": Rule("R101", "error", "a reference name cited but never defined"),
    "ref-redefined": Rule("R102", "error", "a reference name defined twice, differently"),
    "ref-empty": Rule("R103", "error", "a reference with neither name nor content"),
    "ref-unclosed": Rule("R104", "error", "a <ref> tag never closed"),
    "cite-broken": Rule("R105", "error", "a citation template left open ({{ without }})"),
    "dead-link": Rule("R201", "warning", "a dead link with no archive"),
    "cite-no-title": Rule("R202", "warning", "a citation without a title"),
    "cite-no-url": Rule("R203", "warning", "a web citation without a URL"),
    # info: an archive older than the access is common (a bot adds the nearest snapshot), and
    # only may not hold what the editor read
    "archive-before-access": Rule("R204", "info", "a source accessed after it was archived"),
    "unreferenced-paragraph": Rule("R301", "info", "a body paragraph no reference backs"),
    "surrogate": Rule("T104", "error", "a lone surrogate (no character), raw or as `&#xD800;`"),
    "conversion-unclosed": Rule("S101", "error", "conversion markup `-{` never closed"),
    "conversion-deep": Rule("S104", "warning",
                            "conversion markup nested past MediaWiki's depth: read as text"),
    "markup-unclosed": Rule("S105", "warning",
                            "markup left open, more than 8 of a kind: each read as text"),
    "comment-unclosed": Rule("S106", "error", "a comment `<!--` never closed: it hides the rest"),
    "heading-skip": Rule("S102", "warning", "a heading level skipped"),
    "empty-section": Rule("S103", "warning", "a section with no text"),
}
SEVERITIES = ("error", "warning", "info")  # the most severe first
_CODES = {rule.code: kind for kind, rule in RULES.items()}

# two forms of one entity's name this alike (rapidfuzz's ratio, 0-100) are one name written
# two ways; a form the article never writes (a known spelling) must be nearly the same
_ALIKE = 70.0
_NEARLY = 90.0
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def rule_kinds(names: Iterable[str]) -> set[str]:
    """The kinds named by codes (`R301`) or kind names (`unreferenced-paragraph`); an unknown
    name is a usage error that lists the known ones."""
    kinds = set()
    for name in names:
        key = name.strip()
        kind = _CODES.get(key.upper()) or (key.lower() if key.lower() in RULES else None)
        if kind is None:
            raise UsageError(f"--ignore: no check is called {key!r}; the codes are "
                             + ", ".join(rule.code for rule in RULES.values()))
        kinds.add(kind)
    return kinds


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at least as severe as ``fail_on`` (never, for ``never``)."""
    if fail_on == "never":
        return False
    return any(at_least(f.severity, fail_on) for f in findings)


def at_least(severity: str, minimum: str) -> bool:
    """Whether ``severity`` is ``minimum`` or more severe (``info`` < ``warning`` < ``error``)."""
    return SEVERITIES.index(severity) <= SEVERITIES.index(minimum)


# Bump when what ``check_article`` finds changes: results stored by an older check are not used.
CHECK_FORMAT = 3


class Checked(NamedTuple):
    """One file checked: its path, its name as the findings give it, its text and every
    finding (none left out: ``--ignore`` and ``--severity`` choose among them)."""

    path: Path
    shown: str
    text: str
    findings: list[Finding]


def check_files(paths: list[Path], places_dir: Path | None, checks: Checks | None = None, *,
                names: dict[Path, str] | None = None) -> Iterator[Checked]:
    """Each file checked, in the order given, its findings in text order. ``checks``: the
    findings stored in the cache by the checked text's SHA-256, where an unchanged article's
    come from (and new ones go). ``names``: how the findings name a file, where not as its
    path (the bundled article)."""
    import hashlib
    import json

    from kzct.model import from_json, to_json
    from kzct.seeds import read_seed

    builder: Builder | None = None
    for path in paths:
        seed = read_seed(path, what="file")
        shown = (names or {}).get(path, str(path))
        digest = hashlib.sha256(seed.text.encode("utf-8")).hexdigest()
        stored = checks.get(digest, CHECK_FORMAT) if checks is not None else None
        if stored is not None:
            findings = [from_json(Finding, f)._replace(seed=shown) for f in json.loads(stored)]
        else:
            from kzct.build import build_article, shared_builder

            builder = builder or shared_builder(places_dir)
            built = build_article(seed.name, shown, seed.text, digest, builder=builder)
            findings = check_article(built, seed.text, shown, builder)
            if checks is not None:
                checks.put(digest, CHECK_FORMAT, json.dumps(
                    [to_json(f._replace(seed="")) for f in findings], ensure_ascii=False))
        yield Checked(path, shown, seed.text, findings)


def chosen(findings: Iterable[Finding], ignore: Collection[str] = (),
           severity: str = "info") -> list[Finding]:
    """The findings not of an ignored kind and at least as severe as ``severity``."""
    return [f for f in findings if f.kind not in ignore and at_least(f.severity, severity)]


# -- fixes -------------------------------------------------------------------------------------

class Fixed(NamedTuple):
    """A text with fixes made, and the findings whose fix was made."""

    text: str
    applied: list[Finding]


def fix_text(text: str, findings: Iterable[Finding]) -> Fixed:
    """``text`` with the fix of each finding that has one, in text order; a fix whose span
    overlaps one made before it is left for the next run (its text is no longer what was
    found)."""
    parts: list[str] = []
    applied: list[Finding] = []
    at = 0
    for finding in sorted((f for f in findings if f.fix is not None), key=lambda f: f.span):
        start, end = finding.span
        if start < at or text[start:end] != finding.text:
            continue
        parts += [text[at:start], finding.fix or ""]
        applied.append(finding)
        at = end
    parts.append(text[at:])
    return Fixed("".join(parts), applied)


def unified_diff(before: str, after: str, name: str) -> str:
    """The change from ``before`` to ``after`` as a unified diff of the file ``name`` (as
    ``diff -u`` and ``patch -p0`` read it; a last line without a newline marked so)."""
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True), name, name)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


# -- the forms of the report --------------------------------------------------------------------

# severity → the word of a GitHub Actions workflow command, and SARIF's level
_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def github_commands(findings: Iterable[Finding]) -> str:
    """One GitHub Actions workflow command a finding (`::warning file=F,line=L,col=C,title=CODE
    ::message`): the runner shows each as an annotation at its line. In a value, `%`, line
    breaks, `:` and `,` are escaped as the runner reads them; in the message `%` and line
    breaks."""

    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(value: str) -> str:
        return data(value).replace(":", "%3A").replace(",", "%2C")

    return "".join(f"::{_GITHUB[f.severity]} file={prop(f.seed)},line={f.line},col={f.column},"
                   f"title={prop(f.code)}::{data(f.message)}\n" for f in findings)


def sarif_log(findings: Iterable[Finding], version: str) -> dict[str, Any]:
    """The findings as a SARIF 2.1.0 log (OASIS's Static Analysis Results Interchange Format,
    which code-scanning tools read): one run of kzct, one rule per code, a result per finding
    with its region (columns in characters: ``columnKind`` unicodeCodePoints) and its fix."""
    codes = [rule.code for rule in RULES.values()]
    rules = [{"id": rule.code, "name": kind, "shortDescription": {"text": rule.summary},
              "defaultConfiguration": {"level": _SARIF[rule.severity]}}
             for kind, rule in RULES.items()]
    results = []
    for f in findings:
        location = {"artifactLocation": {"uri": _uri(f.seed)}, "region": _region(f)}
        result: dict[str, Any] = {
            "ruleId": f.code, "ruleIndex": codes.index(f.code), "level": _SARIF[f.severity],
            "message": {"text": f.message}, "locations": [{"physicalLocation": location}]}
        if f.fix is not None:
            what = f"delete {_quote(f.text)}" if f.fix == "" else f"write {_quote(f.fix)}"
            result["fixes"] = [{"description": {"text": what}, "artifactChanges": [{
                "artifactLocation": location["artifactLocation"],
                "replacements": [{"deletedRegion": _region(f),
                                  "insertedContent": {"text": f.fix}}]}]}]
        results.append(result)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "kzct", "version": version, "rules": rules}},
        "columnKind": "unicodeCodePoints", "results": results}]}


def _uri(path: str) -> str:
    """A file as a SARIF artifact's URI: a relative reference for a relative path (as code
    scanning wants it, from the repository's root), a `file:` URI for an absolute one."""
    from pathlib import PurePath
    from urllib.parse import quote

    pure = PurePath(path)
    return Path(path).as_uri() if pure.is_absolute() else quote(pure.as_posix())


def _region(f: Finding) -> dict[str, Any]:
    """Where a finding's text lies, from its first character to after its last."""
    lines = f.text.split("\n")
    end_column = (f.column if len(lines) == 1 else 1) + len(lines[-1])
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.line + len(lines) - 1,
            "endColumn": end_column, "snippet": {"text": f.text}}


def check_article(built: BuiltArticle, text: str, path: str, builder: Builder, *,
                  ignore: Collection[str] = ()) -> list[Finding]:
    """Every finding of one built article, in text order (``text``: the seed's, as read; the
    text ``build_article`` made valid, where it had to)."""
    text = built.text or text
    defects = [*built.defects, *_reference_defects(built), *_paragraph_defects(built),
               *_punctuation_defects(built), *_variant_defects(built, builder)]
    lines = [0] + [m.end() for m in re.finditer("\n", text)]
    refs = {ref.name or ref.id: ref for ref in built.refs.values()}
    out = [_finding(d, text, path, lines, refs) for d in defects if d.kind not in ignore]
    out.sort(key=lambda f: (f.span, f.code))
    return out


def _finding(defect: Defect, text: str, path: str, lines: list[int],
             refs: dict[str, Any]) -> Finding:
    rule = RULES[defect.kind]
    start, end = defect.span
    line = bisect.bisect_right(lines, start)
    message, alternatives = _message(defect, text, refs)
    return Finding(
        seed=path, line=line, column=start - lines[line - 1] + 1, code=rule.code,
        kind=defect.kind, severity=rule.severity, message=message, span=defect.span,
        text=text[start:end], fix=defect.fix, alternatives=alternatives,
    )


def _message(defect: Defect, text: str, refs: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    written = _quote(text[defect.span[0]:defect.span[1]])
    detail = defect.detail
    kind = defect.kind
    if kind == "date-typo":
        year, month, day = date_key(detail)
        other = f"{year}, days {month} and {day} of a month it does not name (与 read as 'and')"
        return (f"date {written} has a typo; read as {detail} (与 typed for 月); it could also "
                f"be {other}", (other,))
    if kind == "date-no-year":
        return (f"{written} has no year in reach: none earlier in its paragraph, none in a "
                f"heading above, none in the article's bold title or infobox; its event is "
                f"left out of the timeline", ())
    if kind == "date-impossible":
        return (f"date {written} is no day of the calendar; its event is left out of the "
                f"timeline", ())
    if kind == "stray-text":
        return f"stray {written} between a sentence's end and its reference", ()
    if kind == "stray-punctuation":
        return f"stray {written} after {_quote(detail)}: one clause, two punctuation marks", ()
    if kind == "unbalanced-bracket":
        side, bracket = detail.split("\t")
        if side == "open":
            return f"bracket {_quote(bracket)} is never closed in its paragraph", ()
        return f"bracket {_quote(bracket)} closes none opened before it in its paragraph", ()
    if kind in ("name-variant", "name-variant-zh"):
        fix, entity, count = detail.split("\t")
        times = ("the known spelling" if count == "0" else "written so once" if count == "1"
                 else f"written so {count} times")
        return f"{written} is written for {_quote(fix)} ({entity}; {times})", ()
    if kind == "ref-undefined":
        return f"reference {_quote(detail)} is cited but never defined", ()
    if kind == "ref-redefined":
        first = refs.get(detail)
        where = ""
        if first is not None and first.span is not None:
            where = f" (first at line {text.count(chr(10), 0, first.span[0]) + 1})"
        return f"reference {_quote(detail)} is defined again with other content{where}", ()
    if kind == "ref-empty":
        return "reference with neither a name nor content", ()
    if kind == "ref-unclosed":
        return "<ref> is never closed: the text after it is read as the citation", ()
    if kind == "cite-broken":
        return (f"citation {_ref_label(detail, refs)} has a template left open ({{{{ without "
                f"}}}})", ())
    if kind == "dead-link":
        return f"reference {_ref_label(detail, refs)} is marked dead and has no archive", ()
    if kind == "cite-no-title":
        return f"citation {_ref_label(detail, refs)} has no title", ()
    if kind == "cite-no-url":
        return f"web citation {_ref_label(detail, refs)} has no URL", ()
    if kind == "archive-before-access":
        ref = refs.get(detail)
        dates = f" ({ref.access_date} after {ref.archive_date})" if ref is not None else ""
        return (f"reference {_ref_label(detail, refs)} was accessed after it was "
                f"archived{dates}", ())
    if kind == "unreferenced-paragraph":
        return f"paragraph with no reference ({detail}): a citation-needed candidate", ()
    if kind == "surrogate":
        named = f"{_quote(detail)} names" if detail else "the text holds"
        return f"{named} a lone surrogate, half of a UTF-16 pair and no character: read as U+FFFD", ()
    if kind == "conversion-unclosed":
        return "conversion markup -{ is never closed", ()
    if kind == "conversion-deep":
        return (f"conversion markup -{{ nested more than {MAX_DEPTH} deep is read as text, "
                f"what it holds with it", ())
    if kind == "markup-unclosed":
        opening, count = detail.split("\t")
        return (f"{_quote(opening)} is never closed, nor are {int(count) - 1:,} more like it: "
                f"past {OPEN_LIMIT}, each is read as text", ())
    if kind == "comment-unclosed":
        return (f"comment <!-- is never closed: it hides the rest of the {detail}, as "
                f"MediaWiki shows it", ())
    if kind == "heading-skip":
        return detail, ()
    if kind == "empty-section":
        return f"section {_quote(detail)} has no text", ()
    raise AssertionError(kind)


def _quote(value: str, room: int = 40) -> str:
    value = " ".join(value.split())
    return "'" + (value if len(value) <= room else value[: room - 1] + "…") + "'"


def _ref_label(key: str, refs: dict[str, Any]) -> str:
    ref = refs.get(key)
    return _quote(key) if ref is None or ref.name else f"[{ref.number}]"


# -- references ------------------------------------------------------------------------------

def _reference_defects(built: BuiltArticle) -> list[Defect]:
    out = []
    for ref in built.refs.values():
        if ref.span is None:
            continue
        key = ref.name or ref.id
        if ref.dead and not ref.archive_url:
            out.append(Defect("dead-link", ref.span, key))
        access, archive = _iso_key(ref.access_date), _iso_key(ref.archive_date)
        if access is not None and archive is not None and access > _padded(access, archive):
            out.append(Defect("archive-before-access", ref.span, key))
    return out


# A citation's date as kzct.parse.wikitext.normalise_date gives it when it can read it: ISO at
# its precision. Any other form (`2 Mar 2014`, `{{subst:…}}`) is left as written, and compared
# with nothing: a citation's fields are the editors' text, never trusted to have a format.
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _iso_key(value: str | None) -> tuple[int, int, int] | None:
    """``2012-03-05`` → (2012, 3, 5), ``2012-03`` → (2012, 3, 0); None for any other text."""
    m = _ISO_DATE.fullmatch(value or "")
    if m is None:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def _padded(access: tuple[int, int, int], archive: tuple[int, int, int]) -> tuple[int, int, int]:
    """The archive date as a key at most as precise as the access date (an archive in March
    2012 is not before an access on 2012-03-05)."""
    year, month, day = archive
    return (year, month if access[1] else 0, day if access[2] else 0)


# -- paragraphs and the outline ----------------------------------------------------------------

def _paragraph_defects(built: BuiltArticle) -> list[Defect]:
    """Body paragraphs (outside the lead, which Wikipedia cites in the body below it) with no
    reference in any of their sentences, nor in a template among them (a quotation's source)."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in built.sentences:
        if sentence.section:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    out = []
    for number, sentences in paragraphs.items():
        if number in built.cited_paragraphs or any(s.refs for s in sentences):
            continue
        count = len(sentences)
        out.append(Defect("unreferenced-paragraph",
                          (sentences[0].span[0], sentences[-1].span[1]),
                          f"{count} sentence" + ("" if count == 1 else "s")))
    return out


# -- punctuation -------------------------------------------------------------------------------

# Chinese punctuation that ends a clause or a sentence, and what may not follow it at once: the
# same marks, or their Latin forms (`。.`: a full stop typed twice, in two scripts). A Latin mark
# before a Chinese one is not among them: `Inc.，` ends an abbreviation.
_CLAUSE_ENDS = frozenset("。，、；：")
_NOT_AFTER_CLAUSE_END = frozenset("。，、；：.,;:")
# brackets, each closer with its opener; the two widths of a bracket pair with each other
_OPENERS = {"(": "(", "（": "(", "[": "[", "［": "[", "【": "【", "〔": "〔", "《": "《",
            "〈": "〈", "「": "「", "『": "『"}
_CLOSERS = {")": "(", "）": "(", "]": "[", "］": "[", "】": "【", "〕": "〔", "》": "《",
            "〉": "〈", "」": "「", "』": "『"}


def _punctuation_defects(built: BuiltArticle) -> list[Defect]:
    """Stray punctuation and unbalanced brackets in the body's sentences, as the reader sees
    them (markup, templates and references left out). Two marks count as a pair only where
    they stand side by side in the wikitext, not where a template left out between them
    (`，{{IPA|…}}；`). A bracket may close in a later sentence of its paragraph (a Chinese
    sentence may end inside one); one time through the text, a stack of the open brackets."""
    out: list[Defect] = []
    paragraph: int | None = None
    stack: list[tuple[str, Sentence, int]] = []  # (family, sentence, position) of each opener
    open_count: Counter[str] = Counter()

    def unclosed() -> None:
        out.extend(Defect("unbalanced-bracket", s.seed_span(i, i + 1), f"open\t{s.text[i]}")
                   for _family, s, i in stack)
        stack.clear()
        open_count.clear()

    for sentence in built.sentences:
        if sentence.paragraph != paragraph:
            unclosed()
            paragraph = sentence.paragraph
        text = sentence.text
        for i, ch in enumerate(text):
            if ch in _OPENERS:
                family = _OPENERS[ch]
                stack.append((family, sentence, i))
                open_count[family] += 1
            elif ch in _CLOSERS:
                family = _CLOSERS[ch]
                if not open_count[family]:
                    out.append(Defect("unbalanced-bracket", sentence.seed_span(i, i + 1),
                                      f"close\t{ch}"))
                    continue
                while stack[-1][0] != family:  # brackets opened inside it and never closed
                    other, s, at = stack.pop()
                    open_count[other] -= 1
                    out.append(Defect("unbalanced-bracket", s.seed_span(at, at + 1),
                                      f"open\t{s.text[at]}"))
                stack.pop()
                open_count[family] -= 1
            elif ch in _NOT_AFTER_CLAUSE_END and i and text[i - 1] in _CLAUSE_ENDS:
                at = sentence.seed_offset(i)
                if sentence.seed_offset(i - 1) != at - 1:
                    continue  # not side by side in the wikitext
                # a Latin mark after a Chinese one, or one typed twice, is the one too many
                fix = "" if ch.isascii() or ch == text[i - 1] else None
                out.append(Defect("stray-punctuation", (at, at + 1), text[i - 1], fix=fix))
    unclosed()
    return out


# -- names written two ways ------------------------------------------------------------------

def _variant_defects(built: BuiltArticle, builder: Builder) -> list[Defect]:
    known_aliases: dict[tuple[str, str], tuple[str, ...]] = {}
    for entry in builder.gazetteer.entries:
        if entry.en:
            known_aliases[(entry.entity_kind, entry.en)] = entry.aliases
    simplified = builder.scripts.simplified
    said_one = [tuple(simplified(n) for n in names) for names in built.aliases]
    out = []
    for entity in built.entities:
        known = [n for n in (entity.name_en, *known_aliases.get((entity.kind, entity.name_en or ""),
                                                               ())) if n]
        label = f"{entity.name_en or entity.name_latin or entity.name_zh}, {entity.kind}"
        for chinese in (False, True):
            mentions = [m for m in entity.mentions if has_cjk(m.text) == chinese]
            if len(mentions) < 1:
                continue
            norm = simplified if chinese else _latin_key
            forms = [n for n in known if has_cjk(n) == chinese]
            if chinese:
                forms += [entity.name_zh] if entity.name_zh else []
                written = {simplified(m.text) for m in mentions}
                forms += [n for names in said_one if written & set(names) for n in names]
            out.extend(_variants(mentions, forms, norm, chinese, label,
                                 builder.scripts.traditional))
    return out


def _latin_key(name: str) -> str:
    return " ".join(name.split())


def _variants(mentions: list[Any], known: list[str], norm: Any, chinese: bool, label: str,
              traditional: Any) -> list[Defect]:
    from rapidfuzz.fuzz import ratio

    written = Counter(norm(m.text) for m in mentions)
    first: dict[str, Any] = {}
    for m in mentions:
        first.setdefault(norm(m.text), m)
    known_forms = {norm(k) for k in known}
    accepted = set(known_forms)
    out = []
    for form in sorted(written, key=lambda f: (-written[f], first[f].span)):
        if form in accepted or _part_or_initials(form, accepted, chinese):
            accepted.add(form)
            continue
        best, score = _closest(form, accepted, chinese, ratio)
        # alike enough to a form the article writes, or nearly the same as a known one
        if best is None or score < (_ALIKE if best not in known_forms or best in written
                                    else _NEARLY):
            accepted.add(form)  # another name, not a spelling of one
            continue
        kind = "name-variant-zh" if chinese else "name-variant"
        times = sum(n for f, n in written.items() if f == best or _has_part(f, best, chinese))
        # the fix as the article writes it, or in the script of the variant
        fix = first[best].text if best in first else (
            traditional(best) if chinese and norm(first[form].text) != first[form].text else best)
        for m in mentions:
            if norm(m.text) == form:
                out.append(Defect(kind, m.span, f"{fix}\t{label}\t{times}", fix=fix))
    return out


def _closest(form: str, names: set[str], chinese: bool, ratio: Any) -> tuple[str | None, float]:
    """The name (or, in Latin letters, the word of a name) most like ``form``."""
    candidates = {c for name in names for c in (name, *([] if chinese else _WORD.findall(name)))}
    scored = [(ratio(form, c), c) for c in sorted(candidates)]
    if not scored:
        return None, 0.0
    score, best = max(scored)
    return best, score


def _has_part(name: str, part: str, chinese: bool) -> bool:
    return part in name if chinese else part in name.split()


def _part_or_initials(form: str, others: set[str], chinese: bool) -> bool:
    """Whether ``form`` is a part of another name (a word or words of it; for Chinese, any
    part), holds one, or is its initials."""
    if chinese:
        return any(form in o or o in form for o in others if o)
    words = form.split()
    for other in others:
        other_words = other.split()
        if _within(words, other_words) or _within(other_words, words):
            return True
        initials = "".join(w[0] for w in other_words if w[:1].isupper())
        if form.isupper() and len(form) >= 2 and form in (initials, "".join(
                w[0].upper() for w in other_words)):
            return True
    return False


def _within(part: list[str], whole: list[str]) -> bool:
    """``part`` is consecutive words of ``whole`` (and shorter)."""
    n = len(part)
    return 0 < n < len(whole) and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))
