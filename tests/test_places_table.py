"""The place table kzct ships (kzct/data/places.json.gz): what the pinned gazetteer packages
make, read on a first run instead of making it, and made anew where other versions are installed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kzct.parse import gazetteer
from kzct.text import Scripts


def test_the_shipped_table_is_what_the_pinned_packages_make() -> None:
    shipped = gazetteer.SHIPPED.read_bytes()
    assert json.loads(gzip.decompress(shipped))["key"] == gazetteer.table_key()
    made = gazetteer.shipped_json(gazetteer.table_key(), gazetteer.build_place_data(Scripts()))
    # (the JSON compared, not its compression at level 9, which takes a second)
    assert gzip.decompress(shipped) == made, \
        "kzct/data/places.json.gz is out of date: run python scripts/gen_places.py"


def _no_build(scripts: Scripts) -> dict:
    raise AssertionError("the table was made, not read")


def test_a_first_run_reads_the_shipped_table(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "build_place_data", _no_build)
    table = gazetteer.load_places(tmp_path, Scripts())
    almaty = table.places[table.names["阿拉木图"][0]]
    assert (almaty.en, almaty.country, almaty.geonames_id) == ("Almaty", "KZ", 1526384)
    # kept in the cache, to be read from there next time
    [written] = tmp_path.glob("places-*.json")
    assert written.name == f"places-{gazetteer.PLACES_FORMAT}-{gazetteer.table_key()}.json"
    assert gazetteer.load_places(tmp_path, Scripts()) == table


@pytest.mark.parametrize("damage", ["a row without its fields", 7], ids=["row", "type"])
def test_a_damaged_table_in_the_cache_is_read_again_from_the_shipped_one(
        tmp_path: Path, monkeypatch, places_file: Path, damage) -> None:
    """A place is read from its row when first asked for: a row that could not be read would
    fail then, in the middle of a build, so every row is checked when the table is read."""
    good = json.loads(places_file.read_bytes())  # the session's table, as kzct wrote it
    written = tmp_path / places_file.name
    data = {**good, "places": damage if isinstance(damage, int) else good["places"] + "\n" + damage}
    written.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(gazetteer, "build_place_data", _no_build)
    assert gazetteer.load_places(tmp_path, Scripts()) == gazetteer._from_json(good)
    assert json.loads(written.read_bytes())["places"] == good["places"]  # written again


def test_a_place_is_read_from_its_row_as_it_was_made() -> None:
    places = [gazetteer.Place("gn:1526384", "Almaty", "city", "KZ", 1526384, 43.25, 76.91667,
                              2000900, "geonames"),
              gazetteer.Place("cldr:002", "Africa", "region", None, None, None, None, 0, "cldr")]
    rows = gazetteer.PlaceRows([gazetteer.place_row(p) for p in places])
    assert list(rows) == places and rows[-1] == places[1] and rows[:1] == places[:1]
    assert (rows.index_of("cldr:002"), rows.index_of("cldr:KZ")) == (1, None)
    assert rows.of_kind("region") == places[1:]


def test_other_package_versions_make_the_table_anew(tmp_path: Path, monkeypatch) -> None:
    shipped = json.loads(gzip.decompress(gazetteer.SHIPPED.read_bytes()))["data"]
    made: list[bool] = []

    def build(scripts: Scripts) -> dict:
        made.append(True)
        return shipped

    monkeypatch.setattr(gazetteer, "table_key", lambda: "0ther0ne")
    monkeypatch.setattr(gazetteer, "build_place_data", build)
    gazetteer.load_places(tmp_path, Scripts())
    assert made == [True]
    assert [p.name for p in tmp_path.glob("places-*.json")] == \
        [f"places-{gazetteer.PLACES_FORMAT}-0ther0ne.json"]


@pytest.mark.parametrize("damage", [b"", b"not gzip", gzip.compress(b'{"key": 1}', mtime=0)],
                         ids=["empty", "not-gzip", "no-data"])
def test_a_damaged_shipped_table_is_made_anew(tmp_path: Path, monkeypatch, damage: bytes) -> None:
    broken = tmp_path / "places.json.gz"
    broken.write_bytes(damage)
    monkeypatch.setattr(gazetteer, "SHIPPED", broken)
    assert gazetteer._shipped(gazetteer.table_key()) is None


def test_the_key_follows_the_generic_terms_the_table_reads(tmp_path: Path, monkeypatch) -> None:
    key = gazetteer.table_key()
    terms = (gazetteer.DATA / "place_terms.toml").read_text(encoding="utf-8")
    (tmp_path / "place_terms.toml").write_text(terms + '\n[terms."泽"]\nkind = "lake"\nen = ["Lake"]\n',
                                               encoding="utf-8")
    monkeypatch.setattr(gazetteer, "DATA", tmp_path)
    assert gazetteer.table_key() != key
