"""People, places and groups mentioned in body sentences.

Mentions are found in the text: the forms the curated gazetteer knows (as the article writes them,
misspellings included), and, for names nobody curated, Latin-script personal names (sequences of
capitalised words that are not organisations or acronyms) and Chinese transliterated names joined
by ``·`` or ``•``. Curated data names and kinds what the text mentions; it never adds a mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from kzct.gazetteer import Curated, Gazetteer
from kzct.model import Entity, Mention, Sentence

# A Latin personal name: capitalised words (Bin-Zayid, al, an- particles inside), or one word.
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z\-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
    r"(?:\s+(?:(?:al|an|bin|ibn|de|van|von)\s+)?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)*(?![A-Za-z])"
)
# A Chinese transliterated name: syllables joined by · or • (`坦雅•卡斯特罗`).
_CJK_JOINED = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[·•・][\u4e00-\u9fff]{1,6})+")
# Chinese words that end a name's run when they follow it (`塞拉潘·纳丹。`), and titles before it.
# A Chinese name followed by a title (`告诉卡里莫夫总统`): the name must start at a clear left edge
# (the sentence start, punctuation, or a word that cannot end a name), so that `中国国家主席` or
# `美国国防部长` yield nothing; names curated or already found are taken first.
# Not after an opening quote (`“侮辱总统”` quotes a charge), and never holding a character that
# transliterated names do not use (`常务副主席` is a rank).
_TITLED = re.compile(
    r"(?:^|(?<=[，。、；：”）》\s])|(?<=告诉|会见|会晤|接见|致信)|(?<=[和与及向对将被同]))"
    r"(?P<name>[\u4e00-\u9fff]{2,5}?)(?=总统|总理|主席|部长|主任|发言人|大使|议员|将军|教授)"
)
_NOT_IN_NAMES = re.compile(r"[副务长部委会员主总的了是在其这那国家省州市县区党政府院局处]")
# Characters that end the words around a joined name (`分析人士坦雅•卡斯特罗的说法`): the name
# starts after the last of them before the dot and ends before the first after it.
_AROUND_NAMES = frozenset("的和与及在是了也说称向对将被同把从为由给跟士员长官者人们")


def _trim_joined(text: str, start: int, end: int) -> tuple[int, int]:
    first_dot = min(text.find(d, start, end) for d in "·•・" if text.find(d, start, end) >= 0)
    last_dot = max(text.rfind(d, start, end) for d in "·•・")
    for i in range(first_dot - 1, start - 1, -1):
        if text[i] in _AROUND_NAMES:
            start = i + 1
            break
    for i in range(last_dot + 1, end):
        if text[i] in _AROUND_NAMES:
            end = i
            break
    return start, end


class _Found:
    """An entity while its mentions are being collected."""

    def __init__(self, key: str, kind: str, curated: Curated | None, name_latin: str | None = None,
                 name_zh: str | None = None) -> None:
        self.key = key  # entity id
        self.kind = kind
        self.curated = curated
        self.name_latin = name_latin
        self.name_zh = name_zh
        self.mentions: list[Mention] = []


def slug(text: str) -> str:
    out = re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", text.lower()).strip("-")
    return out or "x"


def entity_id(entry: Curated) -> str:
    return f"{entry.kind}:{slug(entry.en or (entry.forms[0] if entry.forms else 'unnamed'))}"


class Matcher:
    """Finds the curated forms in a text, longest first, without overlaps."""

    def __init__(self, entries: Iterable[Curated], other_names: Iterable[str] = ()) -> None:
        self.by_form: dict[str, Curated | None] = {}
        for entry in entries:
            for form in entry.forms:
                # A form two entries share would be ambiguous; the first curated one keeps it.
                self.by_form.setdefault(form, entry)
        for name in other_names:
            self.by_form.setdefault(name, None)  # matched, so nothing inside it is, but no entity
        # Forms by their first character, longest first: at each position the longest name wins.
        self.by_first: dict[str, list[str]] = {}
        for form in sorted(self.by_form, key=len, reverse=True):
            if form:
                self.by_first.setdefault(form[0], []).append(form)

    def find(self, text: str) -> list[tuple[int, int, Curated | None]]:
        """``(start, end, entry)`` for each name, left to right, without overlaps; ``entry`` is
        None for a name that is no entity. Latin names match whole words only."""
        found: list[tuple[int, int, Curated | None]] = []
        i, n = 0, len(text)
        by_first = self.by_first
        while i < n:
            candidates = by_first.get(text[i])
            if candidates is not None:
                for form in candidates:
                    if text.startswith(form, i) and _whole_word(text, i, i + len(form), form):
                        found.append((i, i + len(form), self.by_form[form]))
                        i += len(form)
                        break
                else:
                    i += 1
                continue
            i += 1
        return found


def _whole_word(text: str, start: int, end: int, form: str) -> bool:
    if not (form[0].isascii() and form[0].isalpha()):
        return True
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def extract_entities(
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    seed: str,
    traditional: Callable[[str], str] | None = None,
) -> list[Entity]:
    """Every person, place and group the body mentions, with all its mentions."""
    matcher = Matcher(gazetteer.entries, gazetteer.other_names)
    found: dict[str, _Found] = {}
    latin_people: list[tuple[Sentence, int, int, str]] = []

    ids: dict[int, str] = {}
    for sentence in sentences:
        text = sentence.text
        covered: list[tuple[int, int]] = []  # what curated names already took

        def taken(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in covered)  # noqa: B023 - used at once

        for start, end, entry in matcher.find(text):
            covered.append((start, end))
            if entry is None:
                continue
            key = ids.get(id(entry)) or ids.setdefault(id(entry), entity_id(entry))
            item = found.setdefault(key, _Found(key=key, kind=entry.kind, curated=entry))
            item.mentions.append(_mention(sentence, start, end))
        for m in _LATIN_NAME.finditer(text):
            name = m.group(0)
            if taken(m.start(), m.end()) or name in gazetteer.not_people:
                continue
            if name.isupper() or len(name) < 3:
                continue
            latin_people.append((sentence, m.start(), m.end(), name))
        for m in _CJK_JOINED.finditer(text):
            if taken(m.start(), m.end()):
                continue
            start, end = _trim_joined(text, m.start(), m.end())
            if end - start < 3:
                continue
            name = text[start:end]
            covered.append((start, end))
            key = f"person:{slug(name)}"
            item = found.setdefault(key, _Found(key=key, kind="person", curated=None, name_zh=name))
            item.mentions.append(_mention(sentence, start, end))
        for m in _TITLED.finditer(text):
            start, end = m.span("name")
            if taken(start, end):
                continue
            name = m.group("name")
            if _NOT_IN_NAMES.search(name):
                continue
            key = f"person:{slug(name)}"
            item = found.setdefault(key, _Found(key=key, kind="person", curated=None, name_zh=name))
            item.mentions.append(_mention(sentence, start, end))

    # Uncurated Latin names: a surname alone joins the full name that ends with it.
    full_names = sorted({n for _, _, _, n in latin_people if " " in n}, key=len, reverse=True)
    for sentence, start, end, name in latin_people:
        owner = name
        if " " not in name:
            owner = next((f for f in full_names if f.split()[-1] == name), name)
        key = f"person:{slug(owner)}"
        item = found.setdefault(key, _Found(key=key, kind="person", curated=None, name_latin=owner))
        item.mentions.append(_mention(sentence, start, end))

    entities = [_freeze(item, seed, traditional) for item in found.values()]
    entities.sort(key=lambda e: (e.kind, -len(e.mentions), e.name_en or e.name_latin or e.name_zh or ""))
    return entities


def _mention(sentence: Sentence, start: int, end: int) -> Mention:
    return Mention(text=sentence.text[start:end], sentence=sentence.text, section=sentence.section,
                   span=sentence.seed_span(start, end), refs=sentence.refs)


def _freeze(item: _Found, seed: str, traditional: Callable[[str], str] | None) -> Entity:
    entry = item.curated
    role = None
    if entry is not None:
        written = {m.text for m in item.mentions}
        zh = [f for f in entry.zh if f in written] or list(entry.zh)
        latin = [f for f in entry.latin if f in written] or list(entry.latin)
        name_zh = zh[0] if zh else None
        name_latin = latin[0] if latin else None
        name_en = entry.en
        names = list(entry.zh) + list(entry.latin) + list(entry.aliases)
        role = entry.role
    else:
        name_zh, name_latin, name_en = item.name_zh, item.name_latin, None
        names = sorted({m.text for m in item.mentions})
    if traditional is not None:
        names += [traditional(n) for n in list(names) if re.search(r"[\u3400-\u9fff]", n)]
    primary = {name_zh, name_latin, name_en}
    aliases: list[str] = []
    for name in names:
        if name and name not in primary and name not in aliases:
            aliases.append(name)
    return Entity(
        id=item.key, kind=item.kind, name_zh=name_zh, name_latin=name_latin, name_en=name_en,
        aliases=tuple(aliases), role=role, mentions=tuple(item.mentions), seed=seed,
    )
