"""MediaWiki XML exports and dumps as seeds, and `kzct diff`: an export made from the real seed,
holding two revisions of it (the newer with three fact changes and four markup-only edits), one
other article, a redirect and a talk page."""

from __future__ import annotations

import bz2
import gzip
import json
import re
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import ROOT, SEED

TITLE = "恐怖主义与哈萨克斯坦"
OLD_ID, NEW_ID, OTHER_ID = 31000001, 31000002, 31000010
OTHER = "== 2019年 ==\n2019年5月1日，[[阿拉木图]]发生爆炸，造成3人死亡。\n"

# What the newer revision changes: facts, then markup only (which must change no record)
FACT_EDITS = [
    ("Oral Mukhamedzhanov在2006年10月31日会见了", "Oral Mukhamedzhanov在2006年11月1日会见了"),
    ("库尔德工人党、土耳其灰狼党", "土耳其灰狼党"),
    ("exchange views on terrorism] Channel News Asia", "exchange views on terrorism] CNA"),
    ("还导致另外两人受伤", "还导致另外三人受伤"),
]
MARKUP_EDITS = [
    ("[[伊扎布特|伊扎布特]]、中亚", "[[伊扎布特]]、中亚"),  # a link's form
    ("哈萨克斯坦边防管理部门在", "-{哈萨克斯坦}-边防管理部门在"),  # conversion markup
    ("==与新加坡的合作==", "==与新加坡的反恐合作=="),  # a heading renamed
    ("共同打击国际恐怖主义。\n", "共同打击国际恐怖主义。{{Citation needed|date=2020年1月}}\n"),
]


def edited(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _page(title: str, namespace: int, revisions: list[tuple[int, str, str]],
          redirect: str | None = None) -> str:
    out = [f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{namespace}</ns>\n"
           f"    <id>{revisions[0][0] // 7}</id>\n"]
    if redirect:
        out.append(f'    <redirect title="{escape(redirect)}" />\n')
    for revid, stamp, text in revisions:
        out.append(f"    <revision>\n      <id>{revid}</id>\n      <timestamp>{stamp}</timestamp>\n"
                   "      <contributor>\n        <username>Editor</username>\n        <id>7</id>\n"
                   "      </contributor>\n      <model>wikitext</model>\n"
                   "      <format>text/x-wiki</format>\n"
                   f'      <text bytes="{len(text.encode())}" xml:space="preserve">'
                   f"{escape(text)}</text>\n    </revision>\n")
    return "".join(out) + "  </page>\n"


def export(pages: str) -> str:
    """A Special:Export document (schema 0.11) of ``pages``."""
    return ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.11" '
            'xml:lang="zh">\n  <siteinfo>\n    <sitename>Wikipedia</sitename>\n'
            "    <dbname>zhwiki</dbname>\n"
            "    <base>https://zh.wikipedia.org/wiki/Wikipedia:%E9%A6%96%E9%A1%B5</base>\n"
            "  </siteinfo>\n" + pages + "</mediawiki>\n")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    """export.xml, and the same as .xml.bz2 and .xml.gz, in one directory."""
    seed = SEED.read_text(encoding="utf-8")
    newer = edited(seed, FACT_EDITS + MARKUP_EDITS)
    document = export(
        _page(TITLE, 0, [(OLD_ID, "2014-04-13T12:33:35Z", seed),
                         (NEW_ID, "2014-05-02T08:00:00Z", newer)])
        + _page("阿拉木图爆炸", 0, [(OTHER_ID, "2019-05-02T00:00:00Z", OTHER)])
        + _page("哈萨克斯坦恐怖主义", 0, [(31000020, "2014-06-01T00:00:00Z",
                                          f"#重定向 [[{TITLE}]]")], redirect=TITLE)
        + _page(f"Talk:{TITLE}", 1, [(31000030, "2014-06-01T00:00:00Z", "讨论。")]))
    directory = tmp_path_factory.mktemp("exports")
    data = document.encode("utf-8")
    (directory / "export.xml").write_bytes(data)
    (directory / "export.xml.bz2").write_bytes(bz2.compress(data))
    (directory / "export.xml.gz").write_bytes(gzip.compress(data))
    return directory


NOTE = "kzct: note: {path}: 2 articles; skipped 1 redirect, 1 page in another namespace\n"


def test_an_export_gives_the_latest_revision_of_each_page(run, exports) -> None:
    path = exports / "export.xml"
    groups = run("--seed", str(path), "groups", "--json")
    assert (groups.code, groups.err) == (0, NOTE.format(path=path))
    names = [g["name_en"] for g in groups.json()]
    assert len(names) == 13 and "Kurdistan Workers' Party" not in names  # the newer list
    assert {g["source"]["seed"] for g in groups.json()} == {f"{TITLE}.wikitext"}
    events = run("--seed", str(path), "timeline", "--year", "2019", "--json").json()
    assert [(e["date"], e["killed"], e["seed"]) for e in events] == [
        ("2019-05-01", 3, "阿拉木图爆炸.wikitext")]
    sources = run("--seed", str(path), "sources", "--json").json()
    assert {s["revision"]["id"] for s in sources if s["seed"] == f"{TITLE}.wikitext"} == {NEW_ID}
    assert sources[0]["revision"] == {
        "title": TITLE, "id": NEW_ID, "timestamp": "2014-05-02T08:00:00Z",
        "url": f"https://zh.wikipedia.org/w/index.php?oldid={NEW_ID}"}


@pytest.mark.parametrize("suffix", [".bz2", ".gz"])
def test_a_compressed_export_gives_the_same_articles(exports, tmp_path, suffix) -> None:
    """What --seed reads of an export: its articles written out, the same from a dump."""
    from kzct.exports import Pick, materialize

    plain = materialize(exports / "export.xml", Pick(), tmp_path)
    packed = materialize(exports / f"export.xml{suffix}", Pick(), tmp_path)
    assert [p.relative_to(p.parent.parent) for p in packed.paths] == [
        Path(f"{NEW_ID}/{TITLE}.wikitext"), Path(f"{OTHER_ID}/阿拉木图爆炸.wikitext")]
    assert [p.read_bytes() for p in packed.paths] == [p.read_bytes() for p in plain.paths]
    assert packed.skipped == plain.skipped == (1, 1, 0)


def test_revision_and_at_pick_an_older_revision(run, exports) -> None:
    path = str(exports / "export.xml")
    older = run("--seed", path, "--revision", str(OLD_ID), "groups", "--json")
    assert older.code == 0 and len(older.json()) == 14
    sources = run("--seed", path, "sources", "--revision", str(OLD_ID), "--json").json()
    assert {s["revision"]["id"] for s in sources if s["seed"] == f"{TITLE}.wikitext"} == {OLD_ID}
    then = run("--seed", path, "--at", "2014-05-01", "groups", "--json")
    assert then.json() == older.json()
    # the other article did not exist yet on that day
    assert then.err == (f"kzct: note: {path}: 1 article; skipped 1 page in another namespace, "
                        "2 pages without a revision to read\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--revision", "5"], "no XML export given holds revision 5"),
    (["--at", "2001-01-01"], "seed file {path} holds no article (skipped 1 page in another "
     "namespace, 3 pages without a revision to read)"),
])
def test_a_revision_the_export_lacks(run, exports, args, message) -> None:
    path = exports / "export.xml"
    result = run("--seed", str(path), *args, "groups")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"kzct: error: {message.format(path=path)}\n"


def test_revision_without_an_export_is_a_usage_error(run) -> None:
    result = run("--revision", "5", "groups")
    assert (result.code, result.err) == (2, "kzct: error: --revision picks a revision of an XML "
                                            "export, and no --seed is one (.xml, .xml.bz2, "
                                            ".xml.gz)\n")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bad.xml", b"<mediawiki><page><title>x</title>",
     "is not well-formed XML (line 1, column 34): no element found"),
    ("html.xml", b"<html><body>Not found</body></html>",
     "is not a MediaWiki export (its root element is <html>, not <mediawiki>)"),
    ("dtd.xml", b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><mediawiki/>',
     "declares a document type: MediaWiki exports have none, and kzct does not read one"),
    ("empty.xml", b"", "is empty"),
    ("split.xml", b"<?xml version='1.0'?>" + b" " * (2**16 - 25) + b"<!DOCTYPE m><mediawiki/>",
     "declares a document type"),
    ("broken.xml.bz2", b"BZh91AY&SY not really", "is not a readable bz2 archive"),
    ("none.xml", export("").encode(), "holds no article"),
])
def test_an_unreadable_export_is_one_line(run, tmp_path, name, data, message) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("--seed", str(path), "groups")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"kzct: error: seed file {path} {message}")
    assert result.err.count("\n") == 1


def test_a_dump_streams_in_flat_memory(tmp_path) -> None:
    """40 pages of 12 revisions of 8 KB: 4 MB of text read, at most a page's worth held
    (benchmarks/dump.py streams a generated dump of 1 GB and more)."""
    from kzct.exports import pages

    text = escape("正文" * 1300 + "\n")  # about 8 KB in UTF-8
    path = tmp_path / "dump.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        f.write(export("").removesuffix("</mediawiki>\n"))
        for n in range(40):
            f.write(_page(f"条目{n}", 0, [(n * 100 + r, f"2014-01-01T00:{r:02d}:00Z",
                                          text + str(r)) for r in range(12)]))
        f.write("</mediawiki>\n")
    tracemalloc.start()
    try:
        found = [(item.title, item.revision.id, len(item.text)) for item in pages(path)
                 if hasattr(item, "title")]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found[-1] == ("条目39", 3911, 2600 + len("\n11"))  # each page's latest revision
    assert len(found) == 40
    assert peak < 2 * 2**20


# -- diff ----------------------------------------------------------------------------------------

def test_diff_reports_exactly_the_fact_changes(run, exports) -> None:
    path = exports / "export.xml"
    result = run("diff", str(path), "--json")
    assert (result.code, result.err) == (1, "")
    changes = result.json()
    assert [(c["kind"], c["change"]) for c in changes] == [
        ("group", "removed"), ("event", "changed"), ("event", "changed"), ("source", "changed")]
    group, toll, event, source = changes
    assert (group["old"]["name_en"], group["old"]["authority_code"], group["new"]) == (
        "Kurdistan Workers' Party", "KZ", None)
    assert (toll["old"]["injured"], toll["new"]["injured"], toll["new"]["date"]) == (
        2, 3, "2011-05-17")
    assert (event["old"]["date"], event["new"]["date"]) == ("2006-10-31", "2006-11-01")
    assert (source["old"]["publisher"], source["new"]["publisher"]) == ("Channel News Asia", "CNA")
    assert (source["old"]["revision"]["id"], source["new"]["revision"]["id"]) == (OLD_ID, NEW_ID)
    # each with its span in OLD and NEW: the text there is what the record says
    old_text = SEED.read_text(encoding="utf-8")
    new_text = edited(old_text, FACT_EDITS + MARKUP_EDITS)
    start, end = group["old"]["source"]["span"]
    assert old_text[start:end] == "库尔德工人党"
    for record, text in ((event["old"], old_text), (event["new"], new_text)):
        start, end = record["span"]
        assert record["date_text"] in text[start:end]
    # a side named by date, the other the export's latest: the page of the first
    assert run("diff", f"{path}@2014-05-01", str(path), "--json").json() == changes
    # the same revision twice, named by id and by date: no change, exit code 0
    same = run("diff", f"{path}@{OLD_ID}", f"{path}@2014-05-01", "--json")
    assert (same.code, same.out) == (0, "[]\n")


def test_diff_of_two_files_and_its_table(run, exports) -> None:
    """The two revisions as wikitext files (those the export's articles were written to, whose
    index the cache holds)."""
    import os

    from kzct.exports import Pick, materialize

    pages = Path(os.environ["KZCT_CACHE_DIR"]) / "pages"
    old, new = (materialize(exports / "export.xml", Pick(revision=revid), pages).paths[0]
                for revid in (OLD_ID, NEW_ID))
    table = run("diff", str(old), str(new), env={"COLUMNS": "100"})
    assert (table.code, table.err) == (1, ""), table.err
    lines = table.out.splitlines()
    assert lines[0].split() == ["Kind", "Change", "What", "Changed", "Old", "span", "New", "span"]
    rows = [line.split()[:2] for line in lines[2:] if not line.startswith(" ")]
    assert rows == [["group", "removed"], ["event", "changed"], ["event", "changed"],
                    ["source", "changed"]]
    for detail in ("injured: 2 → 3", "date: 2006-10-31 → 2006-11-01",
                   "publisher: Channel News Asia → CNA"):
        assert detail in " ".join(table.out.split())
    same = run("diff", str(old), str(old))
    assert (same.code, same.out, same.err) == (0, "", f"no change in the facts from {old} to "
                                                      f"{old}\n")


def test_the_documented_diff_is_real_output(run, exports) -> None:
    page = (ROOT / "docs" / "fetch-and-diff.md").read_text(encoding="utf-8")
    documented = re.search(r"```text\n\$ kzct diff export.xml\n(.*?)```", page, re.S)
    assert documented is not None
    table = run("diff", str(exports / "export.xml"), env={"COLUMNS": "100"})
    assert table.code == 1 and table.out == documented.group(1)


@pytest.mark.parametrize(("args", "message"), [
    (["missing.wikitext", "x.wikitext"], "seed file missing.wikitext does not exist"),
    (["{old}"], "give NEW too: {old} is not an XML export (.xml, .xml.bz2, .xml.gz), whose "
     "page's last two revisions OLD alone would name"),
    (["{old}@5", "{old}"], "{old}@5: @5 picks a revision of an XML export (.xml, .xml.bz2, "
     ".xml.gz), and {old} is none"),
    (["{export}@99", "{export}"], "{export} holds no revision 99"),
    (["{export}@tuesday", "{export}"], "{export}@tuesday: after @ give a revision id or a date "
     "(YYYY-MM-DD)"),
    (["{export}@2001-01-01", "{export}"], "{export} holds no article with a revision to read"),
    (["{export}", "{export}"], "{export} holds 2 pages ('恐怖主义与哈萨克斯坦', '阿拉木图爆炸'): "
     "name one with --page TITLE"),
    (["{old}", "{old}", "--page", "x"], "--page picks a page of an XML export; {old} is none"),
])
def test_diff_usage_errors(run, exports, tmp_path, args, message) -> None:
    old = tmp_path / "old.wikitext"
    old.write_text(OTHER, encoding="utf-8")
    names = {"old": old, "export": exports / "export.xml"}
    result = run("diff", *(a.format(**names) for a in args))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"kzct: error: {message.format(**names)}\n"


def test_the_pages_of_an_export_are_kept_beside_their_revision(run, exports, tmp_path,
                                                               monkeypatch) -> None:
    """With the cache, an export's articles are written once; --no-cache writes none."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("KZCT_CACHE_DIR", str(cache))
    path = exports / "export.xml"
    from kzct.exports import Pick, materialize
    from kzct.files import own_directory

    own = own_directory(cache)  # kzct's directory in the cache, as the commands use it
    assert own is not None
    choice = materialize(path, Pick(), own / "pages")
    assert [p.parent.name for p in choice.paths] == [str(NEW_ID), str(OTHER_ID)]
    revision = json.loads((choice.paths[0].parent / f".{TITLE}.wikitext.revision.json")
                          .read_text(encoding="utf-8"))
    assert revision["id"] == NEW_ID
    assert materialize(path, Pick(), own / "pages") == choice  # from its manifest
    assert run("--no-cache", "--seed", str(exports / "export.xml"), "--at", "2014-01-01",
               "people").code == 2
    assert sorted(p.name for p in own.iterdir()) == ["CACHEDIR.TAG", "pages"]
    # two articles, their revision files, the manifest
    assert run("cache", "clear").out.startswith(f"removed 5 files (0.1 MB) from {own}")
    assert list(cache.iterdir()) == []


def test_check_of_an_export_names_its_pages_and_fixes_nothing(run, exports) -> None:
    export = exports / "export.xml"
    result = run("check", str(export), "--fail-on", "never")
    assert result.code == 0
    assert result.out.splitlines()[0].startswith(f"{export}#{TITLE}:6:168: N101 warning: ")
    refused = run("check", str(export), "--fix")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (NOTE.format(path=export) +
                           f"kzct: error: --fix changes wikitext files, and {export} is an XML "
                           "export: fix the page on the wiki, or a wikitext file of it (kzct "
                           "fetch writes one)\n")
    assert run("check", str(export), "--fail-on", "never").out == result.out  # nothing changed
    shown = run("check", str(export), "--diff")
    assert shown.out.startswith(f"--- {export}#{TITLE}\n")
    assert shown.err.splitlines()[1].endswith(
        "(--fix makes them in wikitext files, not in an XML export's pages)")
