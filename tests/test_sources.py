"""`kzct sources`: the references, their archives, dead links, and how much they back."""

from __future__ import annotations

SOURCE_KEYS = {"id", "number", "name", "url", "title", "publisher", "author", "date",
               "access_date", "archive_url", "archive_date", "dead", "defined", "uses", "span",
               "cited_by", "backs", "seed", "revision"}


def test_sources_json(run) -> None:
    result = run("sources", "--json")
    assert result.code == 0
    refs = result.json()
    assert len(refs) == 53
    assert all(set(r) == SOURCE_KEYS for r in refs)
    assert {r["revision"] for r in refs} == {None}  # the bundled seed: no revision recorded
    by_id = {r["id"]: r for r in refs}
    assert by_id["TERRORORG"]["number"] == 1
    assert by_id["HT"]["cited_by"] == len(by_id["HT"]["backs"]) == 10
    assert by_id["RELTHRET"]["uses"] == 6


def test_unresolved_name_is_one_row_marked_undefined(run) -> None:
    result = run("sources", "--json")
    shams = [r for r in result.json() if r["id"] == "SHAMSUDINOV"]
    assert shams and shams[0]["defined"] is False and shams[0]["uses"] == 1
    assert result.err == ""
    table = run("sources", env={"COLUMNS": "120"})
    assert table.err == ""  # no warning on every run: the row says it
    lines = table.out.splitlines()
    rows = [i for i, line in enumerate(lines) if "SHAMSUDINOV" in line]
    assert len(rows) == 1  # one row, once
    row = " ".join(" ".join(lines[rows[0]:rows[0] + 2]).split())
    assert row == "SHAMSUDINOV (undefined: cited by name 1 time, never 6 defined)"


def test_dead_lists_only_dead_urls(run) -> None:
    refs = run("sources", "--dead", "--json").json()
    assert [r["id"] for r in refs] == ["JCAM", "21", "NOEXPECT", "NUCLEAR"]
    assert all(r["dead"] for r in refs)


def test_sources_table(run) -> None:
    result = run("sources", "--dead", env={"COLUMNS": "160"})
    assert result.code == 0
    assert "MOSNEWS" in result.out and "dead" in result.out


def test_a_bare_url_is_titled_by_its_url(run) -> None:
    rows = run("sources", env={"COLUMNS": "200"}).out.splitlines()
    row = next(line for line in rows if line.startswith("22 "))
    assert "http://www.romandie.com/news/n/_Attaque_et_attentat_suicide_dans_une_ville_kazakhe_" \
           "quatre_morts121120111211.asp" in row
    wide = run("sources", "--wide", env={"COLUMNS": "300"}).out.splitlines()
    assert next(line for line in wide if line.startswith("22 ")).count("romandie") == 1


def test_a_reference_lists_what_it_backs(run) -> None:
    [jcam] = run("sources", "--id", "JCAM", "--json").json()
    assert jcam["cited_by"] == len(jcam["backs"]) == 8
    first = jcam["backs"][0]
    assert first["text"] == "2004年，KNB官员声称他们已经捣毁了中亚圣战者联盟。"
    assert first["section"][0] == "取缔恐怖组织"
    card = run("sources", "--id", "TERRORORG", env={"COLUMNS": "120"}).out
    assert card.splitlines()[0].startswith("[TERRORORG] ")
    assert "Sentences (2)" in card and "Designations (12)" in card and "Events (1)" in card
    assert "塔利班 Taliban: banned as terrorist by Kazakhstan (哈萨克斯坦政府), 2006-10-12" in card


def test_an_unknown_reference_id_is_a_usage_error(run) -> None:
    result = run("sources", "--id", "JCAMX")
    assert result.code == 2 and result.out == ""
    assert result.err == "kzct: error: --id 'JCAMX' names no reference of the article; " \
        "did you mean: JCAM?\n"


def test_a_group_of_notes_is_numbered_apart(run, tmp_path) -> None:
    """MediaWiki numbers `<ref group=注>` notes apart from the references ([1], [注 1], [2]), and
    a note that cites nothing says something: its words are its title, not a publisher."""
    article = tmp_path / "notes.wikitext"
    article.write_text(
        "2006年，阿拉木图发生爆炸。<ref>[http://e.org/a A report] Agency</ref>"
        "7人死亡。<ref group=注>審判時認定的死者數。</ref>"
        "2007年，阿斯塔纳发生袭击。<ref>[http://e.org/b B report] Agency</ref>"
        "{{#tag:ref|另一說。|group=\"注\"}}\n\n"
        "== 注释 ==\n{{Reflist|group=\"注\"}}\n== 参考资料 ==\n{{Reflist}}\n", encoding="utf-8")
    refs = run("--seed", str(article), "sources", "--json").json()
    assert [(r["id"], r["number"], r["title"], r["publisher"]) for r in refs] == [
        ("1", 1, "A report", "Agency"), ("注 1", 1, "審判時認定的死者數。", None),
        ("2", 2, "B report", "Agency"), ("注 2", 2, "另一說。", None)]
