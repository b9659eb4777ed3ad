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
from typing import Any, NamedTuple

from kzct.build import Builder, BuiltArticle, build_article
from kzct.errors import UsageError
from kzct.model import Defect, Finding, Sentence, date_key
from kzct.parse.conversion import MAX_DEPTH
from kzct.parse.unclosed import OPEN_LIMIT
from kzct.text import has_cjk


class Rule(NamedTuple):
    code: str
    severity: str  # error, warning, info
    summary: str


# kind → its rule. Codes are stable: a kind keeps its code; a new kind takes a new one.
RULES: dict[str, Rule] = {
    "date-typo": Rule("D101", "error", "a date that had to be corrected to be read"),
    # info: an article on one event often gives its year once, in the lead or the infobox
    "date-no-year": Rule("D102", "info", "a month and day with no year in reach"),
    "stray-text": Rule("T101", "warning", "stray text between a sentence's end and its reference"),
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
    "surrogate": Rule("T102", "error", "a lone surrogate (no character), raw or as `&#xD800;`"),
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
    worst = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(f.severity) <= worst for f in findings)


def check_files(paths: list[Path], places_dir: Path | None, *,
                ignore: Collection[str] = ()) -> Iterator[Finding]:
    """The findings of each file, in the order given, each file's in text order."""
    from kzct.seeds import read_seed

    builder = Builder(places_dir)
    for path in paths:
        seed = read_seed(path)
        built = build_article(seed.name, str(path), seed.text, "", builder=builder)
        yield from check_article(built, built.text, str(path), builder, ignore=ignore)


def check_article(built: BuiltArticle, text: str, path: str, builder: Builder, *,
                  ignore: Collection[str] = ()) -> list[Finding]:
    """Every finding of one built article, in text order (``text``: the seed's, as read; the
    text ``build_article`` made valid, where it had to)."""
    text = built.text or text
    defects = [*built.defects, *_reference_defects(built), *_paragraph_defects(built),
               *_variant_defects(built, builder)]
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
                f"heading above; its event is left out of the timeline", ())
    if kind == "stray-text":
        return f"stray {written} between a sentence's end and its reference", ()
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
    reference in any of their sentences."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in built.sentences:
        if sentence.section:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    out = []
    for sentences in paragraphs.values():
        if any(s.refs for s in sentences):
            continue
        count = len(sentences)
        out.append(Defect("unreferenced-paragraph",
                          (sentences[0].span[0], sentences[-1].span[1]),
                          f"{count} sentence" + ("" if count == 1 else "s")))
    return out


# -- names written two ways ------------------------------------------------------------------

def _variant_defects(built: BuiltArticle, builder: Builder) -> list[Defect]:
    known_aliases: dict[tuple[str, str], tuple[str, ...]] = {}
    for entry in builder.gazetteer.entries:
        if entry.en:
            known_aliases[(entry.kind, entry.en)] = entry.aliases
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
