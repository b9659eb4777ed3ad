"""Script invariance: the same article in traditional characters (OpenCC's s2t, s2tw, s2twp, s2hk)
gives the same records as the simplified original, field by field, texts and names compared after
conversion back to simplified characters. No tolerance."""

from __future__ import annotations

import json

import opencc
import pytest
from conftest import SEED, normalised, simplified

# s2tw is s2twp without Taiwan's words: with `pytest --exhaustive` only
CONFIGS = ("s2t", "s2twp", "s2hk")
EXHAUSTIVE_CONFIGS = ("s2tw",)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" in metafunc.fixturenames:
        exhaustive = metafunc.config.getoption("--exhaustive")
        metafunc.parametrize("variant", CONFIGS + (EXHAUSTIVE_CONFIGS if exhaustive else ()))
COMMANDS = (["groups", "--all"], ["timeline"], ["people"], ["places"], ["sources"])


@pytest.fixture(scope="module")
def original(module_env):
    return {tuple(c): _records(SEED, c) for c in COMMANDS}


@pytest.fixture(scope="module")
def converted(tmp_path_factory, module_env):
    """The seed converted by an OpenCC configuration, one file each for the module: each is
    built once, whichever tests read it."""
    directory = tmp_path_factory.mktemp("converted")
    text = SEED.read_text(encoding="utf-8")

    def path(config: str):
        found = directory / f"seed.{config}.wikitext"
        if not found.exists():
            found.write_text(opencc.OpenCC(config).convert(text), encoding="utf-8")
        return found

    return path


@pytest.fixture(scope="module")
def traditional(converted):
    """The seed in traditional characters (s2t)."""
    return converted("s2t")


def _records(path, command):
    import contextlib
    import io

    from kzct.face.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["--seed", str(path), *command, "--json"])  # built once, then from the cache
        except SystemExit as exc:
            assert not exc.code
    return json.loads(out.getvalue())


def test_converted_seed_gives_the_same_records(converted, original, variant) -> None:
    convert = opencc.OpenCC(variant).convert
    path = converted(variant)
    # what the original becomes when written in this variant, then read back in simplified
    # characters: the same round trip as the converted article's own text
    same = lambda s: simplified(convert(s))  # noqa: E731
    for command in COMMANDS:
        theirs = _records(path, command)
        ours = original[tuple(command)]
        assert len(theirs) == len(ours), command
        for mine, other in zip(ours, theirs):
            assert normalised(other, simplified) == normalised(mine, same), (command, mine)


def test_one_entity_one_row_across_articles_and_scripts(traditional, original) -> None:
    """The article and its traditional conversion, read together: each person and place is one
    row (別斯蘭 in one and 别斯兰 in the other), named by both, with the mentions of both."""
    path = traditional
    for command in (["people"], ["places"]):
        both = _records(SEED, ["--seed", str(path), *command])
        ours = original[tuple(command)]
        assert [r["id"] for r in both] == [r["id"] for r in ours]
        assert all(r["seeds"] == [SEED.name, path.name] for r in both)
        assert [r["mentions"] for r in both] == [2 * r["mentions"] for r in ours]
        if command == ["places"]:
            beslan = next(r for r in both if r["id"] == "place:beslan")
            assert {(o["text"], o["seed"]) for o in beslan["occurrences"]} == {
                ("别斯兰", SEED.name), ("別斯蘭", path.name)}


def test_search_gives_an_entity_across_articles_as_places_does(traditional) -> None:
    """The traditional article chosen first: `别斯兰` matches best in the simplified one, yet
    the record found is the one `places` gives (the first chosen article's, then the other)."""
    path = traditional
    [hit, *_] = _records(path, ["--seed", str(SEED), "search", "别斯兰"])
    places = {r["id"]: r for r in _records(path, ["--seed", str(SEED), "places"])}
    assert (hit["id"], hit["seed"], hit["seeds"]) == ("place:beslan", path.name,
                                                     [path.name, SEED.name])
    assert {k: v for k, v in hit.items() if k not in ("score", "matched", "matched_by")} == \
        places["place:beslan"]


def test_a_name_matched_is_as_the_article_chosen_writes_it(traditional) -> None:
    """The store keeps a name once for all the articles that give it (folded), with how each
    writes it where they differ: each article's search says its own writing."""
    path = traditional
    both = _records(path, ["--seed", str(SEED), "search", "别斯兰"])  # one cache holds both
    assert both[0]["seeds"] == [path.name, SEED.name]
    assert _records(SEED, ["search", "別斯蘭"])[0]["matched"] == "别斯兰"
    assert _records(path, ["search", "别斯兰"])[0]["matched"] == "別斯蘭"


def test_converted_seed_spans_point_into_the_file_read(converted, variant) -> None:
    path = converted(variant)
    text = path.read_text(encoding="utf-8")
    for event in _records(path, ["timeline"]):
        start, end = event["span"]
        assert text[start:end].startswith(event["text"][:1]) and event["date_text"] in text[start:end]
    for place in _records(path, ["places"]):
        for occurrence in place["occurrences"]:
            start, end = occurrence["span"]
            assert text[start:end] == occurrence["text"]


def test_names_shown_as_written_and_found_in_either_script(traditional) -> None:
    path = traditional
    places = {p["name_en"]: p for p in _records(path, ["places"])}
    assert places["Almaty"]["name_zh"] == "阿拉木圖"  # traditional stays traditional
    groups = _records(path, ["groups"])
    assert groups[0]["name_zh"] == "烏茲別克斯坦伊斯蘭運動" and groups[0]["listed_on"] == "2006-10-12"
    for query in ("阿拉木图", "阿拉木圖", "Almaty"):
        hits = _records(path, ["search", query])
        assert hits[0]["name_en"] == "Almaty", query
    assert _records(path, ["search", "Nazarbayev"])[0]["name_zh"] == "納扎爾巴耶夫"


def test_mixed_script_article(tmp_path) -> None:
    """A traditional lead and a simplified body read as the simplified original."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("==")
    mixed = opencc.OpenCC("s2tw").convert(text[:cut]) + text[cut:]
    path = tmp_path / "mixed.wikitext"
    path.write_text(mixed, encoding="utf-8")
    for command in (["groups"], ["people"]):
        theirs = [normalised(r, simplified) for r in _records(path, command)]
        ours = [normalised(r, simplified) for r in _records(SEED, command)]
        assert theirs == ours


@pytest.mark.parametrize("config", ["s2t", "s2twp"])
def test_a_written_test_article_in_traditional_script(tmp_path, module_env, config) -> None:
    """The same check on a second article: a designation list, a decade, a derived place."""
    from conftest import DATA

    source = DATA / "articles" / "tajikistan.hans.wikitext"
    convert = opencc.OpenCC(config).convert
    path = tmp_path / "tajikistan.wikitext"
    path.write_text(convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    same = lambda s: simplified(convert(s))  # noqa: E731
    for command in COMMANDS:
        ours = [normalised(r, same) for r in _records(source, command)]
        theirs = [normalised(r, simplified) for r in _records(path, command)]
        assert theirs == ours, command

