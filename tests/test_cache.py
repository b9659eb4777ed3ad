"""The index cache: used when fresh, rebuilt when stale or damaged, never a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import SEED, fresh_cache


def _database(cache: Path) -> Path:
    found = list(cache.glob("index-*.sqlite"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def cache(tmp_path, monkeypatch, places_file) -> Path:  # type: ignore[no-untyped-def]
    directory = fresh_cache(tmp_path / "cache", places_file)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(directory))
    return directory


def test_first_run_writes_the_cache_and_the_second_reads_it(run, cache) -> None:  # type: ignore[no-untyped-def]
    first = run("groups", "--json")
    database = _database(cache)
    stamp = database.stat().st_mtime_ns
    second = run("groups", "--json")
    assert first.out == second.out and first.code == second.code == 0
    assert database.stat().st_mtime_ns == stamp  # nothing rebuilt


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "zeroed-middle"])
def test_damaged_cache_is_rebuilt_silently(run, cache, damage) -> None:  # type: ignore[no-untyped-def]
    expected = run("timeline", "--json").out
    database = _database(cache)
    data = database.read_bytes()
    if damage == "garbage":
        database.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        database.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        database.write_bytes(b"")
    else:
        middle = len(data) // 2
        database.write_bytes(data[:middle] + b"\0" * 8192 + data[middle + 8192:])
    result = run("timeline", "--json")
    assert (result.code, result.err) == (0, "")
    assert result.out == expected
    sqlite3.connect(_database(cache)).execute("SELECT COUNT(*) FROM events").fetchone()


def test_stale_article_is_rebuilt_and_only_it(run, cache, tmp_path, seed_text) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "one.wikitext", tmp_path / "two.wikitext"
    one.write_text(seed_text, encoding="utf-8")
    two.write_text(seed_text, encoding="utf-8")
    assert run("--seed", str(one), "--seed", str(two), "groups", "--json").code == 0
    query = ("SELECT seeds.name, seeds.digest, MIN(entities.id) FROM seeds JOIN entities "
             "ON entities.seed = seeds.id GROUP BY seeds.id")
    before = {name: rest for name, *rest in sqlite3.connect(_database(cache)).execute(query)}
    two.write_text(seed_text + "\n\n==新==\n2013年5月4日，阿拉木图发生了爆炸。\n", encoding="utf-8")
    events = run("--seed", str(one), "--seed", str(two), "timeline", "--year", "2013", "--json").json()
    assert [(e["date"], e["seed"]) for e in events] == [("2013-05-04", "two.wikitext")]
    after = {name: rest for name, *rest in sqlite3.connect(_database(cache)).execute(query)}
    assert after["one.wikitext"] == before["one.wikitext"]  # untouched: same rows
    assert after["two.wikitext"][0] != before["two.wikitext"][0]  # rebuilt from the new text
    assert after["two.wikitext"][1] > before["one.wikitext"][1]


def test_unwritable_cache_directory_only_costs_speed(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("KZCT_CACHE_DIR", str(blocker / "cache"))
    result = run("groups", "--json")
    assert (result.code, result.err) == (0, "") and len(result.json()) == 14


def test_read_only_database_falls_back_to_memory(run, cache, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run("groups", "--json")
    import kzct.store

    real = kzct.store._connect

    def read_only(path: str) -> sqlite3.Connection:
        if path == ":memory:":
            return real(path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(kzct.store, "_connect", read_only)
    Path(SEED)  # the bundled seed is unchanged, so reading suffices
    assert run("groups", "--json").code == 0
    other = cache.parent / "other.wikitext"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("--seed", str(other), "groups", "--json")  # needs a build: cannot write it
    assert (result.code, result.err) == (0, "") and len(result.json()) == 14


def test_no_cache_writes_no_index(run, cache) -> None:  # type: ignore[no-untyped-def]
    """--no-cache builds the index afresh and keeps none; the place table, derived from the
    installed libraries and named by their versions, is kept all the same."""
    before = sorted(p.name for p in cache.iterdir())
    result = run("--no-cache", "groups", "--json")
    assert result.code == 0 and sorted(p.name for p in cache.iterdir()) == before
    assert run("groups", "--json", env={"KZCT_NO_CACHE": "1"}).code == 0
    assert sorted(p.name for p in cache.iterdir()) == before
    assert [p.name for p in cache.glob("places-*.json")] == [n for n in before if n.startswith("places-")]


def test_curated_data_change_starts_a_new_database(run, cache, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run("groups", "--json")
    old = _database(cache)
    import kzct.cache

    monkeypatch.setattr(kzct.cache, "data_key", lambda: "0123456789abcdef")
    assert run("groups", "--json").code == 0
    assert not old.exists() and _database(cache).name == "index-0123456789abcdef.sqlite"


def test_xdg_cache_home_is_the_default_place(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("KZCT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run("groups", "--json").code == 0
    assert list((tmp_path / "xdg" / "kzct").glob("index-*.sqlite"))


def _spoil_event(cache: Path, which: str) -> None:
    """Replace one stored event by bytes that are no record (the first or the last in order)."""
    order = "ASC" if which == "first" else "DESC"
    conn = sqlite3.connect(_database(cache))
    conn.execute(f"UPDATE events SET data = X'00' WHERE rowid = (SELECT rowid FROM events "
                 f"ORDER BY sort {order}, seed_name {order}, start {order} LIMIT 1)")
    conn.commit()
    conn.close()


def test_damaged_record_before_any_output_is_rebuilt_silently(run, cache) -> None:  # type: ignore[no-untyped-def]
    expected = run("timeline", "--json").out
    _spoil_event(cache, "first")
    result = run("timeline", "--json")
    assert (result.code, result.err, result.out) == (0, "", expected)


def test_damaged_record_after_output_began_is_reported_and_removed(run, cache) -> None:  # type: ignore[no-untyped-def]
    expected = run("timeline", "--json").out
    _spoil_event(cache, "last")
    result = run("timeline", "--json")
    assert result.code == 1
    assert result.err == ("kzct: error: the index cache was damaged and has been removed: "
                          "run the command again\n")
    again = run("timeline", "--json")
    assert (again.code, again.out) == (0, expected)
