"""Choosing the seeds: a file named twice is read once; a directory takes wikitext files only."""

from __future__ import annotations

import os

from conftest import SEED


def _seed(tmp_path, name: str = "article.wikitext"):
    path = tmp_path / name
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_the_same_seed_twice_is_read_once(run, tmp_path) -> None:
    path = _seed(tmp_path)
    once = run("--seed", str(path), "groups", "--json").json()
    assert len(once) == 14
    for args in (["--seed", str(path), "--seed", str(path)],
                 ["--seed", str(path), "--seed", str(tmp_path / "." / path.name)],
                 ["--seed", str(path), "groups", "--seed", str(path)]):
        if args[2] == "groups":
            result = run(*args, "--json")
        else:
            result = run(*args, "groups", "--json")
        assert (result.code, result.err) == (0, "") and result.json() == once
    (tmp_path / "link.wikitext").symlink_to(path)
    linked = run("--seed", str(path), "--seed", str(tmp_path / "link.wikitext"), "groups", "--json")
    assert linked.json() == once  # the same file by another name
    assert run("groups", "--json", env={"KZCT_SEED": f"{path}{os.pathsep}{path}"}).json() == once


def test_a_directory_takes_wikitext_files_and_says_what_it_skipped(run, tmp_path) -> None:
    _seed(tmp_path, "a.wikitext")
    (tmp_path / "README.md").write_text("# The seeds\n\nLicence: The article is CC BY-SA.\n")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden.wikitext").write_text("x")
    result = run("--seed", str(tmp_path), "people", "--json")
    assert result.code == 0
    assert result.err == (f"kzct: note: skipped 2 files that are not wikitext (.wikitext, .wiki, "
                          f".mediawiki, .txt): {tmp_path / 'README.md'}, {tmp_path / 'notes.json'}\n")
    names = {p["name_latin"] for p in result.json()}
    assert "Licence" not in names and "The" not in names
    assert {p["seed"] for p in result.json()} == {"a.wikitext"}


def test_every_wikitext_extension_is_taken(run, tmp_path) -> None:
    for name in ("a.wikitext", "b.wiki", "c.mediawiki", "d.txt", "e.WIKI"):
        _seed(tmp_path, name)
    result = run("--seed", str(tmp_path), "groups", "--json")
    assert (result.code, result.err) == (0, "")
    assert sorted({g["source"]["seed"] for g in result.json()}) == [
        "a.wikitext", "b.wiki", "c.mediawiki", "d.txt", "e.WIKI"]


def test_the_bundled_seeds_directory(run) -> None:
    """`--seed seeds/` in a checkout: the article, not its README."""
    result = run("--seed", str(SEED.parent), "groups", "--json")
    assert result.code == 0 and len(result.json()) == 14
    assert result.err == ("kzct: note: skipped 1 file that is not wikitext (.wikitext, .wiki, "
                          f".mediawiki, .txt): {SEED.parent / 'README.md'}\n")


def test_a_directory_holding_one_file_twice_reads_it_once(run, tmp_path) -> None:
    path = _seed(tmp_path, "a.wikitext")
    os.link(path, tmp_path / "b.wikitext")  # a second name for the same file
    result = run("--seed", str(tmp_path), "groups", "--json")
    assert (result.code, result.err) == (0, "")
    assert [g["source"]["seed"] for g in result.json()] == ["a.wikitext"] * 14


def test_a_kzct_seed_naming_no_file_is_unset(run) -> None:
    """`KZCT_SEED=:` names no file: the bundled seed, not an empty answer."""
    result = run("groups", "--json", env={"KZCT_SEED": os.pathsep})
    assert (result.code, len(result.json())) == (0, 14)
