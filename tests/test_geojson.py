"""`--geojson`: places and dated events for a map, as RFC 7946 GeoJSON (checked with the geojson
library's validator, not only parsed)."""

from __future__ import annotations

import geojson
import pytest


def _collection(run, *args: str):
    result = run(*args, "--geojson")
    assert result.code == 0, result.err
    collection = geojson.loads(result.out)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    return collection


def test_places_as_features_at_their_coordinates(run) -> None:
    features = _collection(run, "places")["features"]
    assert len(features) == len(run("places", "--json").json())
    almaty = next(f for f in features if f["properties"]["name_en"] == "Almaty")
    lon, lat = almaty["geometry"]["coordinates"]  # longitude first (RFC 7946 3.1.1)
    assert almaty["geometry"]["type"] == "Point" and (round(lon, 2), round(lat, 2)) == (76.91, 43.25)
    assert almaty["properties"]["geonames_id"] == 1526384 and almaty["properties"]["country"] == "KZ"
    assert "occurrences" not in almaty["properties"]  # --json has them
    # a country has no point in the gazetteers: listed with a null geometry, never placed
    kazakhstan = next(f for f in features if f["properties"]["name_en"] == "Kazakhstan")
    assert kazakhstan["geometry"] is None and kazakhstan["properties"]["place_type"] == "country"


def test_events_at_their_places(run) -> None:
    features = _collection(run, "timeline", "--year", "2005")["features"]
    events = run("timeline", "--year", "2005", "--json").json()
    assert (len(features), len(events)) == (8, 15)  # events at no located place are left out
    closing = next(f for f in features if f["properties"]["date"] == "2005-02-08")
    assert closing["properties"]["date_source"] == "relative"
    assert closing["properties"]["place_names"] == ["Almaty"]
    assert closing["geometry"]["type"] == "Point"
    several = [f for f in features if f["geometry"]["type"] == "MultiPoint"]
    assert [(f["properties"]["date"], f["properties"]["place_names"]) for f in several] == [
        ("2005-03", ["Astana", "Shymkent", "Pavlodar", "Almaty"]),
        ("2005-05-12", ["Moscow", "Almaty"]),
        ("2005-07-05", ["Almaty", "Andijan"])]
    assert all(len(f["geometry"]["coordinates"]) == len(f["properties"]["place_names"])
               for f in several)


def test_geojson_only_where_there_are_places(run) -> None:
    result = run("groups", "--geojson")
    assert result.code == 2 and result.out == ""


@pytest.mark.parametrize("command", [["places"], ["timeline"]])
def test_empty_geojson_is_an_empty_collection(run, tmp_path, command) -> None:
    path = tmp_path / "empty.wikitext"
    path.write_text("一篇没有地名也没有日期的文章。\n", encoding="utf-8")
    collection = _collection(run, "--seed", str(path), *command)
    assert collection["features"] == []
