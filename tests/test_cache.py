"""The index cache: used when fresh, rebuilt when stale or damaged, never a crash."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import SEED, fresh_cache, own
from hypothesis import given, settings
from hypothesis import strategies as st


def _database(cache: Path) -> Path:
    found = list(own(cache).glob("index-*.sqlite"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def cache(tmp_path, monkeypatch, places_file) -> Path:
    directory = fresh_cache(tmp_path / "cache", places_file)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(directory))
    return directory


# An article of a few sentences, for the tests whose subject is the cache's bookkeeping (which
# article is stored, rebuilt, dropped), not what is read from the seed: built in a hundredth of
# the seed's time.
SMALL = ("==事件==\n2006年5月1日，阿拉木图发生爆炸，3人死亡。<ref>[http://example.org/a 报道]</ref>\n"
         "2008年，努尔苏丹·纳扎尔巴耶夫访问了阿斯塔纳。\n")


def test_first_run_writes_the_cache_and_the_second_reads_it(run, cache) -> None:
    first = run("groups", "--json")
    database = _database(cache)
    stamp = database.stat().st_mtime_ns
    second = run("groups", "--json")
    assert first.out == second.out and first.code == second.code == 0
    assert database.stat().st_mtime_ns == stamp  # nothing rebuilt


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "zeroed-middle"])
def test_damaged_cache_is_rebuilt_silently(run, built_cache, damage) -> None:
    expected = run("timeline", "--json").out
    database = _database(built_cache)
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
    # the repaired database holds the article's events again
    (count,) = sqlite3.connect(_database(built_cache)).execute("SELECT COUNT(*) FROM events").fetchone()
    assert count == len(json.loads(expected))


def test_stale_article_is_rebuilt_and_only_it(run, cache, tmp_path) -> None:
    one, two = tmp_path / "one.wikitext", tmp_path / "two.wikitext"
    one.write_text(SMALL, encoding="utf-8")
    two.write_text(SMALL, encoding="utf-8")
    assert run("--seed", str(one), "--seed", str(two), "groups", "--json").code == 0
    query = ("SELECT seeds.name, seeds.digest, MIN(entities.id) FROM seeds JOIN entities "
             "ON entities.seed = seeds.id GROUP BY seeds.id")
    before = {name: rest for name, *rest in sqlite3.connect(_database(cache)).execute(query)}
    two.write_text(SMALL + "\n\n==新==\n2013年5月4日，阿拉木图发生了爆炸。\n", encoding="utf-8")
    events = run("--seed", str(one), "--seed", str(two), "timeline", "--year", "2013", "--json").json()
    assert [(e["date"], e["seed"]) for e in events] == [("2013-05-04", "two.wikitext")]
    after = {name: rest for name, *rest in sqlite3.connect(_database(cache)).execute(query)}
    assert after["one.wikitext"] == before["one.wikitext"]  # untouched: same rows
    assert after["two.wikitext"][0] != before["two.wikitext"][0]  # rebuilt from the new text
    assert after["two.wikitext"][1] > before["one.wikitext"][1]


def test_unwritable_cache_directory_only_costs_speed(run, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("KZCT_CACHE_DIR", str(blocker / "cache"))
    result = run("groups", "--json")
    assert (result.code, result.err) == (0, "") and len(result.json()) == 14


def test_read_only_database_falls_back_to_memory(run, built_cache, monkeypatch) -> None:
    run("groups", "--json")
    import kzct.store.database

    real = kzct.store.database._connect

    def read_only(path: str) -> sqlite3.Connection:
        if path == ":memory:":
            return real(path)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(kzct.store.database, "_connect", read_only)
    # the bundled seed is unchanged, so reading suffices
    assert run("groups", "--json").code == 0
    other = built_cache.parent / "other.wikitext"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("--seed", str(other), "groups", "--json")  # needs a build: cannot write it
    assert (result.code, result.err) == (0, "") and len(result.json()) == 14


def test_no_cache_writes_no_index(run, cache) -> None:
    """--no-cache builds the index afresh and keeps none; the place table, derived from the
    installed libraries and named by their versions, is kept all the same."""
    before = sorted(p.name for p in own(cache).iterdir())
    result = run("--no-cache", "groups", "--json")
    assert result.code == 0 and sorted(p.name for p in own(cache).iterdir()) == before
    assert run("groups", "--json", env={"KZCT_NO_CACHE": "1"}).code == 0
    assert sorted(p.name for p in own(cache).iterdir()) == before


def test_curated_data_change_starts_a_new_database_beside_the_old(run, built_cache, monkeypatch) -> None:
    """Another version of kzct (other data, other formats) sharing the cache keeps its own
    database beside this one's: neither removes the other's while it is in use."""
    from kzct.model import INDEX_FORMAT
    from kzct.store.database import STORE_FORMAT

    run("groups", "--json")
    old = _database(built_cache)
    assert old.name.startswith(f"index-{INDEX_FORMAT}.{STORE_FORMAT}-")
    import kzct.store.cache

    monkeypatch.setattr(kzct.store.cache, "data_key", lambda: "0123456789abcdef")
    assert run("groups", "--json").code == 0
    new = own(built_cache) / f"index-{INDEX_FORMAT}.{STORE_FORMAT}-0123456789abcdef.sqlite"
    assert old.exists() and new.exists()


def test_xdg_cache_home_is_the_default_place(run, tmp_path, monkeypatch, places_file) -> None:
    monkeypatch.delenv("KZCT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    fresh_cache(tmp_path / "xdg" / "kzct", places_file)
    assert run("groups", "--json").code == 0
    assert list(own(tmp_path / "xdg" / "kzct").glob("index-*.sqlite"))


def _spoil_event(cache: Path, which: str) -> None:
    """Replace one stored event by bytes that are no record (the first or the last in order)."""
    order = "ASC" if which == "first" else "DESC"
    conn = sqlite3.connect(_database(cache))
    conn.execute(f"UPDATE events SET data = X'00' WHERE rowid = (SELECT rowid FROM events "
                 f"ORDER BY sort {order}, seed_name {order}, start {order} LIMIT 1)")
    conn.commit()
    conn.close()


def test_damaged_record_before_any_output_is_rebuilt_silently(run, built_cache) -> None:
    expected = run("timeline", "--json").out
    _spoil_event(built_cache, "first")
    result = run("timeline", "--json")
    assert (result.code, result.err, result.out) == (0, "", expected)


def test_damaged_record_after_output_began_is_reported_and_removed(run, built_cache) -> None:
    expected = run("timeline", "--json").out
    _spoil_event(built_cache, "last")
    result = run("timeline", "--json")
    assert result.code == 1
    assert result.err == ("kzct: error: the index cache was damaged and has been removed: "
                          "run the command again\n")
    again = run("timeline", "--json")
    assert (again.code, again.out) == (0, expected)


# -- the cache does not only grow ------------------------------------------------------------------

def _articles(cache: Path, database: Path | None = None) -> list[str]:
    conn = sqlite3.connect(database or _database(cache))
    try:
        return sorted(Path(row[0]).name for row in conn.execute("SELECT path FROM seeds"))
    finally:
        conn.close()


def test_temporary_seeds_leave_nothing_behind(run, cache, tmp_path) -> None:
    """Five temporary seeds, then deleted: the next build drops their rows and words files."""
    for k in range(5):
        path = tmp_path / f"tmp{k}.wikitext"
        path.write_text(SMALL + f"\n\n==新==\n201{k}年5月4日，阿拉木图发生了爆炸。\n",
                        encoding="utf-8")
        assert run("--seed", str(path), "groups", "--json").code == 0
    assert len(_articles(cache)) == 5 and len(list(own(cache).glob("words-*.json"))) == 5
    size = _database(cache).stat().st_size
    for k in range(5):
        (tmp_path / f"tmp{k}.wikitext").unlink()
    # another article, as small: time to prune
    kept = tmp_path / "kept.wikitext"
    kept.write_text(SMALL, encoding="utf-8")
    assert run("--seed", str(kept), "groups", "--json").code == 0
    assert _articles(cache) == [kept.name]
    from kzct.words import words_path

    assert [p.name for p in own(cache).glob("words-*.json")] == [
        Path(words_path(str(own(cache)), [str(kept)])).name]
    assert _database(cache).stat().st_size < size


def test_unused_articles_are_dropped_after_a_while(run, cache, tmp_path) -> None:
    from kzct.store.cache import load_index, maintain

    old = tmp_path / "old.wikitext"
    old.write_text(SMALL, encoding="utf-8")
    assert run("--seed", str(old), "groups", "--json").code == 0
    assert run("groups", "--json").code == 0
    assert _articles(cache) == sorted([SEED.name, "old.wikitext"])
    index = load_index(None)
    now = int(__import__("time").time())
    maintain(index, own(cache), built=False, now=now + 29 * 86400)  # within 30 days: kept
    assert len(_articles(cache)) == 2
    maintain(index, own(cache), built=True, now=now + 31 * 86400)  # the one in use is never dropped
    assert _articles(cache) == [SEED.name]


def test_a_dropped_articles_names_leave_the_search(run, cache, tmp_path, seed_text) -> None:
    """The names kept once for searching (with the number of articles that have each) follow
    the articles: a name only a dropped article had is no longer matched."""
    mine = tmp_path / "own.wikitext"
    mine.write_text(seed_text.replace("Rashid Tusupbekov", "Rashid Qwertyuiop"), encoding="utf-8")
    assert run("--seed", str(mine), "--seed", str(SEED), "groups", "--json").code == 0
    conn = sqlite3.connect(_database(cache))
    spelled = dict(conn.execute("SELECT folded, articles FROM spellings WHERE kind = 'person'"))
    # its Tusupbeko is still the curated Rashid Tusupbekov, named so in both
    assert (spelled["rashid qwertyuiop"], spelled["rashid tusupbekov"]) == (1, 2)
    assert spelled["nursultan nazarbayev"] == 2
    mine.unlink()
    from kzct.store.cache import load_index, maintain

    maintain(load_index(None), own(cache), built=True)  # as after a build: its file gone, it goes
    spelled = dict(conn.execute("SELECT folded, articles FROM spellings WHERE kind = 'person'"))
    conn.close()
    assert ("rashid qwertyuiop" in spelled, spelled["nursultan nazarbayev"]) == (False, 1)
    assert run("search", "Qwertyuiop", "--json").json() == []


def test_the_database_is_kept_under_its_bound(run, cache, tmp_path, seed_text) -> None:
    from kzct.store.database import database_bytes, prune

    paths = []
    for k in range(3):
        path = tmp_path / f"a{k}.wikitext"
        path.write_text(seed_text + f"\n{k}\n", encoding="utf-8")
        paths.append(path)
        assert run("--seed", str(path), "groups", "--json").code == 0
    conn = sqlite3.connect(_database(cache), isolation_level=None)
    ids = dict(conn.execute("SELECT path, id FROM seeds"))
    for age, path in enumerate(paths):  # a0 the least recently used
        conn.execute("UPDATE seeds SET used = ? WHERE id = ?", (1000 + age, ids[str(path)]))
    full = database_bytes(conn)
    assert prune(conn, keep=[], now=2000, max_age=10**9, max_bytes=full) == []
    dropped = prune(conn, keep=[ids[str(paths[0])]], now=2000, max_age=10**9, max_bytes=1)
    assert dropped == [str(paths[1]), str(paths[2])]  # oldest first; never the one in use
    assert [row[0] for row in conn.execute("SELECT path FROM seeds")] == [str(paths[0])]
    kept = ids[str(paths[0])]
    for table in ("entities", "events", "refs", "groups", "dictionaries", "article_names"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE seed != ?",  # noqa: S608
                            (kept,)).fetchone() == (0,), table
    # the three articles name the same entities: their names are kept once, for the one left
    assert conn.execute("SELECT COUNT(*) FROM names WHERE id NOT IN (SELECT name FROM "
                        "article_names)").fetchone() == (0,)
    assert database_bytes(conn) < full * 0.6  # two articles' own rows gone, the names kept
    conn.close()


def test_cache_info(run, built_cache) -> None:
    run("groups", "--json")
    info = run("cache", "info", "--json")
    assert (info.code, info.err) == (0, "")
    data = info.json()
    assert set(data) == {"directory", "database", "bytes", "data_bytes", "articles",
                         "words_files", "max_age_days", "max_megabytes"}
    assert data["directory"] == str(own(built_cache)) and data["words_files"] == 1
    assert [a["path"] for a in data["articles"]] == [str(SEED)]
    assert data["articles"][0]["exists"] is True and data["max_age_days"] == 30
    text = run("cache", "info").out.splitlines()
    assert text[0] == f"directory: {own(built_cache)}"
    assert text[2:4] == ["articles: 1", f"  {SEED}, last used {data['articles'][0]['last_used']}"]


def test_cache_info_builds_nothing(run, cache) -> None:
    before = sorted(p.name for p in own(cache).iterdir())  # the place table only
    result = run("cache", "info", "--json")
    assert result.code == 0 and result.json()["articles"] == []
    assert sorted(p.name for p in own(cache).iterdir()) == before


def test_cache_clear(run, built_cache) -> None:
    run("groups", "--json")
    (built_cache / "unrelated.txt").write_text("not kzct's")
    result = run("cache", "clear")
    assert result.code == 0
    # the database, the words file and the place table
    assert result.out.startswith("removed 3 files (")
    assert result.out.endswith(f" from {own(built_cache)}\n")
    assert [p.name for p in built_cache.iterdir()] == ["unrelated.txt"]  # kzct's directory gone
    assert run("cache", "clear").out == f"removed 0 files (0.0 MB) from {own(built_cache)}\n"
    assert run("groups", "--json").code == 0  # and the next command builds it again


def test_a_locked_database_is_left_as_it_is(run, built_cache, tmp_path, seed_text,
                                           monkeypatch) -> None:
    """Another kzct writing (a lock held past SQLite's wait) costs only speed: the build goes
    to memory, the answer is the same, and the cache is not thrown away."""
    monkeypatch.setattr("kzct.store.database.LOCK_WAIT", 0.2)  # not the 5 s a user waits
    assert run("groups", "--json").code == 0
    before = _articles(built_cache)
    other = tmp_path / "other.wikitext"
    other.write_text(seed_text, encoding="utf-8")
    holder = sqlite3.connect(_database(built_cache), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a build of another kzct would, for longer than the wait
    try:
        result = run("--seed", str(other), "groups", "--json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.code, len(result.json())) == (0, 14)
    assert _articles(built_cache) == before  # still there, not discarded


def test_records_come_in_the_order_the_seeds_are_given(run, cache, tmp_path) -> None:
    """Whatever order the cache stored the articles in (one rebuilt is stored last)."""
    listed = "==名单==\n2006年10月12日，哈萨克斯坦最高法院宣布乌兹别克斯坦伊斯兰运动和伊扎布特为恐怖组织。\n"
    first, second = tmp_path / "a.wikitext", tmp_path / "b.wikitext"
    first.write_text(listed, encoding="utf-8")
    second.write_text(listed.replace("乌兹别克斯坦伊斯兰运动", "乌兹别克伊斯兰运动"), encoding="utf-8")
    args = ("--seed", str(first), "--seed", str(second))
    assert run(*args, "groups", "--json").code == 0
    first.write_text(listed + "\n", encoding="utf-8")  # rebuilt: stored after the other
    cached = run(*args, "groups", "--json").json()
    fresh = run(*args, "--no-cache", "groups", "--json").json()
    assert [g["source"]["seed"] for g in cached] == ["a.wikitext"] * 2 + ["b.wikitext"] * 2
    assert cached == fresh


# -- only kzct's own files, and other versions' beside them ----------------------------------------

OTHERS = {"index-mydata.sqlite": b"a database of mine", "index-mydata.sqlite-journal": b"j",
          "words-my-notes.json": b'{"notes": 1}', "places-visited.json": b"[]",
          ".tmp-keep.json": b"{}", "unrelated.txt": b"x"}


def test_kzct_touches_only_its_own_files(run, tmp_path, monkeypatch, places_file) -> None:
    """A cache directory the user keeps other files in, reached through a link: kzct works in
    its own marked directory there, and neither a build nor `cache clear` touches the rest."""
    shared = tmp_path / "shared"
    shared.mkdir()
    for name, data in OTHERS.items():
        (shared / name).write_bytes(data)
    link = tmp_path / "link"
    link.symlink_to(shared)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(link))
    fresh_cache(link, places_file)
    assert run("groups", "--json").code == 0
    assert (own(shared) / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55\n")
    assert len(list(own(shared).glob("index-*.sqlite"))) == 1
    cleared = run("cache", "clear")
    assert (cleared.code, cleared.err) == (0, "") and cleared.out.startswith("removed 3 files")
    assert {p.name: p.read_bytes() for p in shared.iterdir()} == OTHERS


def test_a_directory_of_kzcts_name_that_is_not_kzcts_is_left_alone(run, cache) -> None:
    """No marker, not kzct's: it is neither used (a command runs without a cache) nor cleared."""
    import shutil

    from kzct.context import Environment
    from kzct.store.cache import database_path, places_dir

    shutil.rmtree(own(cache))
    own(cache).mkdir()
    (own(cache) / "index-1.sqlite").write_bytes(b"someone else's")
    env = Environment.read()
    assert (database_path(env), places_dir(env)) == (None, None)
    assert run("cache", "clear").out == f"removed 0 files (0.0 MB) from {own(cache)}\n"
    assert [(p.name, p.read_bytes()) for p in own(cache).iterdir()] == [
        ("index-1.sqlite", b"someone else's")]


def test_clearing_a_cache_that_cannot_be_written_is_an_error(run, built_cache, monkeypatch) -> None:
    """A read-only cache: `cache clear` says what it could not do, exit code 1."""
    import errno

    real = Path.unlink

    def read_only(self, *args, **kwargs):
        if self.parent == own(built_cache):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", read_only)
    result = run("cache", "clear")
    assert (result.code, result.out) == (1, "")
    assert result.err == (f"kzct: error: cannot remove 3 of kzct's files in {own(built_cache)}: "
                          f"Read-only file system\n")


def test_other_versions_keep_their_databases(run, built_cache, monkeypatch) -> None:
    """Two versions of kzct sharing a cache, used in turn: each keeps its own database and its
    articles; one unused for 30 days goes at the next pruning."""
    import os
    import time

    import kzct.store.cache
    from kzct.store.cache import load_index, maintain

    cache = built_cache  # as this version left it
    first = _database(cache)
    with monkeypatch.context() as version:
        version.setattr(kzct.store.cache, "data_key", lambda: "0123456789abcdef")
        assert run("groups", "--json").code == 0  # another version: its own database
    second = next(p for p in own(cache).glob("index-*.sqlite") if p != first)
    assert _articles(cache, first) == _articles(cache, second) == [SEED.name]
    month = time.time() - 31 * 86400
    os.utime(second, (month, month))
    maintain(load_index(None), own(cache), built=True)
    assert sorted(own(cache).glob("index-*.sqlite")) == [first]


# -- a cache that is not as kzct made it is rebuilt --------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, places_file) -> Path:
    """A cache holding the bundled seed's index, built once for the tests that damage a copy."""
    from kzct.context import Environment
    from kzct.store.cache import load_index

    directory = fresh_cache(tmp_path_factory.mktemp("built") / "cache", places_file)
    load_index(None, env=Environment.read({"KZCT_CACHE_DIR": str(directory)})).conn.close()
    return directory


@pytest.fixture
def built_cache(built, tmp_path, monkeypatch) -> Path:
    """A copy of ``built``, as the cache of the test: to damage, or to read without a build."""
    import shutil

    directory = tmp_path / "cache"
    shutil.copytree(built, directory)
    monkeypatch.setenv("KZCT_CACHE_DIR", str(directory))
    return directory


def _count(cache: Path, table: str) -> int:
    conn = sqlite3.connect(_database(cache))
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608
    finally:
        conn.close()


@pytest.mark.parametrize("table", ["events", "entities", "names", "chars", "spellings"])
def test_a_database_missing_a_table_is_damaged(built_cache, table) -> None:
    from kzct.errors import CacheCorrupt
    from kzct.store.database import _connect

    conn = sqlite3.connect(_database(built_cache))
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    with pytest.raises(CacheCorrupt, match=f"the cache lacks .*{table}"):
        _connect(str(_database(built_cache)))


def test_a_dropped_table_is_rebuilt_silently(run, built_cache) -> None:
    events = _count(built_cache, "events")
    conn = sqlite3.connect(_database(built_cache))
    conn.execute("DROP TABLE events")
    conn.commit()
    conn.close()
    result = run("timeline", "--jsonl")
    assert (result.code, result.err) == (0, "")
    assert len([json.loads(line) for line in result.out.splitlines()]) == events
    assert _count(built_cache, "events") == events  # the repaired database holds them again


def _replace_text(conn: sqlite3.Connection, table: str, which: str, text: str) -> None:
    """Store ``text`` as the data of one row of ``table`` (``which``: MIN or MAX, by rowid),
    packed as kzct packs a record, its checksum left as it was."""
    from kzct.store.database import packer, whole_dictionary

    where = f"rowid = (SELECT {which}(rowid) FROM {table})"
    (seed,) = conn.execute(f"SELECT seed FROM {table} WHERE {where}").fetchone()  # noqa: S608
    (zdict,) = conn.execute("SELECT data FROM dictionaries WHERE seed = ?", (seed,)).fetchone()
    conn.execute(f"UPDATE {table} SET data = ? WHERE {where}",  # noqa: S608
                 (packer(whole_dictionary(zdict))(text),))
    conn.commit()


def test_a_malformed_row_never_reaches_stdout(run, built_cache) -> None:
    """Written out as stored (not decoded), a row is checked to be the text kzct wrote: one that
    is no JSON (which `jq` would choke on) is damage, and the cache is rebuilt."""
    events = _count(built_cache, "events")
    conn = sqlite3.connect(_database(built_cache))
    _replace_text(conn, "events", "MIN", '{"date": "2006", "text": "not JSON after all", }')
    conn.close()
    result = run("timeline", "--json")
    assert (result.code, result.err) == (0, "")
    assert len(result.json()) == events
    assert all(isinstance(r["date"], str) and isinstance(r["text"], str) for r in result.json())


@pytest.mark.parametrize(("table", "query"), [("events", "events_json"), ("groups", "groups_json"),
                                              ("refs", "refs_json"), ("entities", "entities_of")])
def test_a_row_of_the_wrong_shape_is_damage(built_cache, table, query) -> None:
    """Valid JSON of no record's shape (`--jsonl` would have written it out): damage too."""
    from kzct.context import Environment
    from kzct.errors import CacheCorrupt
    from kzct.store.cache import load_index

    conn = sqlite3.connect(_database(built_cache))
    _replace_text(conn, table, "MAX", '{"date": 2006, "text": ["wrong", "types"]}')
    conn.close()
    index = load_index(None, env=Environment.read())
    with pytest.raises(CacheCorrupt, match="damaged record"):
        list(getattr(index, query)())
    index.conn.close()


# -- records as stored: each sentence once, rows deflated against their article's dictionary ------

def test_the_seeds_records_are_stored_in_a_fifth_of_their_json(built_cache) -> None:
    """Each sentence is stored once, and the rows quote it by number; each row is deflated
    against its article's dictionary: the seed's rows, dictionary and sentences take less than a
    fifth of the JSON text of its records (a sentence is quoted by every entity it names, its
    event and the reference that backs it)."""
    from kzct.model import to_json
    from kzct.store.database import Sheet, entity_from_row, unpack

    conn = sqlite3.connect(_database(built_cache))
    zdict, sentences = conn.execute("SELECT data, sentences FROM dictionaries").fetchone()
    sheet = Sheet(zdict, sentences)
    stored, text = len(zdict) + len(sentences), 0
    for table in ("groups", "refs", "events", "entities"):
        columns = "entity_id, kind, name_zh, name_en" if table == "entities" else "NULL"
        for *values, data in conn.execute(f"SELECT {columns}, data FROM {table}"):  # noqa: S608
            stored += len(data)
            row = unpack(data, sheet)
            if table == "entities":
                row = json.dumps(to_json(entity_from_row(json.loads(row), sheet.line, values)),
                                 ensure_ascii=False)
            text += len(row.encode("utf-8"))
    conn.close()
    assert text > 400_000
    assert stored < text / 5


def test_a_dictionary_holds_the_most_repeated_values_last_and_within_reach() -> None:
    from kzct.store.database import dictionary, whole_dictionary

    repeated = ["甲" * 6000, "乙" * 6000, "甲" * 6000, "丙\"丁", "丙\"丁"]
    stored = dictionary(repeated)
    zdict = whole_dictionary(stored)
    assert len(zdict) == 32 * 1024 - 262  # what deflate reaches back, and no more
    text = zdict.decode("utf-8", "ignore")
    assert text.index("乙") < text.index("甲")  # repeated once, before the one repeated twice
    assert '丙\\"丁' in text  # as JSON writes it
    # then each record's fields, null, as JSON writes them: the same in every article, not stored
    assert '"mentions": null' in text and text.endswith('"sentences": null}')
    assert b'"mentions": null' not in stored


_SENTENCES = st.lists(st.text(max_size=40), min_size=1, max_size=5)


@given(_SENTENCES, st.lists(st.one_of(st.integers(0, 4), st.text(max_size=20)), max_size=6),
       st.binary(max_size=200))
@settings(deadline=None, derandomize=True)
def test_a_packed_record_unpacks_to_its_text(sentences: list[str], values: list[int | str],
                                             zdict: bytes) -> None:
    """A record whose strings are its article's sentences (a number picks one) or other text:
    its row, cut and packed, unpacks to its very text, and quotes each sentence by number."""
    from kzct.store.database import (
        Line,
        Sheet,
        cutter,
        pack_sentences,
        packer,
        unpack,
        whole_dictionary,
    )

    data = {"values": [sentences[v % len(sentences)] if isinstance(v, int) else v
                       for v in values], "sentence": sentences[0]}
    text = json.dumps(data, ensure_ascii=False)
    row = cutter(sentences)(text, data)
    sheet = Sheet(zdict, pack_sentences([Line(0, [], [], s) for s in sentences],
                                        whole_dictionary(zdict)))
    assert unpack(packer(whole_dictionary(zdict))(row), sheet) == text
    quoted = json.dumps(sentences[0], ensure_ascii=False)
    assert row.count(quoted) < text.count(quoted)  # its "sentence" quoted by number


def test_an_entitys_mentions_are_stored_as_spans_of_its_sentences(built_cache) -> None:
    """An entity's row holds no sentence text, and each of its mentions is its sentence's
    number and its span (its text, section and references are its sentence's); read back, it is
    the entity as built."""
    from kzct.context import Environment
    from kzct.store.cache import load_index
    from kzct.store.database import Sheet, unpack

    index = load_index(None, env=Environment.read())
    [kazakhstan] = [e for e in index.entities_of("place") if e.id == "place:kazakhstan"]
    index.conn.close()
    conn = sqlite3.connect(_database(built_cache))
    sheet = Sheet(*conn.execute("SELECT data, sentences FROM dictionaries").fetchone())
    (data,) = conn.execute("SELECT data FROM entities WHERE entity_id = 'place:kazakhstan'"
                           ).fetchone()
    conn.close()
    row = json.loads(unpack(data, sheet))
    assert "sentences" not in row and "name_en" not in row  # (a column of its row)
    first = kazakhstan.mentions[0]
    assert row["mentions"][0] == [first.sentence, *first.span]
    assert (first.text, first.section, first.span) == ("哈萨克斯坦", (), (61, 66))
    assert kazakhstan.sentence_of(first).startswith("相对于中亚地区的其他国家，哈萨克斯坦在")
    assert len(row["mentions"]) == len(kazakhstan.mentions) > 100


@pytest.mark.parametrize("damage", ["substr(sentences, 1, length(sentences) - 9)",
                                    "x'313b00'", "replace(sentences, x'3b', x'2c')"])
def test_damaged_sentences_are_rebuilt_silently(run, built_cache, damage) -> None:
    """Sentences cut short, of another length than they say, or made text that is no UTF-8
    (SQLite's `replace` of a blob): the rows that quote them cannot be read, and the cache is
    rebuilt."""
    expected = run("timeline", "--json").out
    conn = sqlite3.connect(_database(built_cache))
    conn.execute(f"UPDATE dictionaries SET sentences = {damage}")  # noqa: S608
    conn.commit()
    conn.close()
    result = run("timeline", "--json")
    assert (result.code, result.err, result.out) == (0, "", expected)


def test_a_lost_dictionary_is_rebuilt_silently(run, built_cache) -> None:
    """(Other bytes in its place unpack to other text, which the checksum tells.)"""
    expected = run("timeline", "--json").out
    conn = sqlite3.connect(_database(built_cache))
    conn.execute("DELETE FROM dictionaries")
    conn.commit()
    conn.close()
    result = run("timeline", "--json")
    assert (result.code, result.err, result.out) == (0, "", expected)


@pytest.mark.parametrize(("articles", "rewritten"), [(16, True), (15, False)])
def test_a_build_of_many_articles_is_followed_by_a_rewrite(built_cache, articles,
                                                           rewritten) -> None:
    """Pages left free (here by a row written and deleted) go when a build of 16 articles or
    more rewrites the database (VACUUM); a smaller build leaves them."""
    from kzct.store.database import _compact

    conn = sqlite3.connect(_database(built_cache), isolation_level=None)
    conn.execute("INSERT INTO meta VALUES ('filler', zeroblob(2000000))")
    conn.execute("DELETE FROM meta WHERE key = 'filler'")
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    assert free > 400
    _compact(conn, articles)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == (0 if rewritten else free)
    conn.close()


def test_an_entity_read_from_its_row_is_the_entity_built(built_cache, builder) -> None:
    """Stored compact, every entity of the seed reads back as the very record built."""
    from kzct.build import build_article
    from kzct.store.database import ENTITY_COLUMNS, Sheet, entity_from_row, unpack

    built = build_article(SEED.name, str(SEED), SEED.read_text(encoding="utf-8"), "", builder)
    conn = sqlite3.connect(_database(built_cache))
    sheet = Sheet(*conn.execute("SELECT data, sentences FROM dictionaries").fetchone())
    columns = ", ".join(ENTITY_COLUMNS.values())
    rows = conn.execute(f"SELECT {columns}, data FROM entities ORDER BY ord").fetchall()  # noqa: S608
    conn.close()
    assert len(rows) == len(built.entities) > 150
    for (*values, data), entity in zip(rows, built.entities):
        assert entity_from_row(json.loads(unpack(data, sheet)), sheet.line, values) == entity


def test_a_cache_directory_that_is_a_file_is_said(run, tmp_path, monkeypatch) -> None:
    """Not a silent build in memory on every run: the answer, and why it is slow."""
    path = tmp_path / "cache"
    path.write_text("not a directory\n", encoding="utf-8")
    article = tmp_path / "a.wikitext"
    article.write_text("2006年5月1日，阿拉木图发生爆炸，3人死亡。\n", encoding="utf-8")
    monkeypatch.setenv("KZCT_CACHE_DIR", str(path))
    result = run("--seed", str(article), "timeline", "--json")
    assert result.code == 0 and [(e["date"], e["killed"]) for e in result.json()] == [
        ("2006-05-01", 3)]
    assert result.err == (f"kzct: warning: the cache directory {path} is not a directory: kzct "
                          "builds the index in memory on every run\n")
    assert path.read_text(encoding="utf-8") == "not a directory\n"


def test_a_builder_keeps_the_last_articles_it_built(builder, tmp_path) -> None:
    """A process that builds the same article again (a notebook, this suite) takes its rows from
    the builder; another text, or the same text as another revision, is built; a few are kept."""
    from kzct.store import database

    seed = tmp_path / "a.wikitext"
    seed.write_text("2006年，阿拉木图发生爆炸。\n", encoding="utf-8")
    first = database._build_one(database.SeedFile(seed.name, str(seed)), builder)
    assert database._build_one(database.SeedFile(seed.name, str(seed)), builder) is first
    seed.write_text("2007年，阿拉木图发生爆炸。\n", encoding="utf-8")
    changed = database._build_one(database.SeedFile(seed.name, str(seed)), builder)
    assert changed is not first and changed.digest != first.digest
    from kzct.provenance import sidecar_path

    sidecar_path(seed).write_text('{"title": "A", "id": 1, "timestamp": "2020-01-01T00:00:00Z"}',
                                  encoding="utf-8")
    assert database._build_one(database.SeedFile(seed.name, str(seed)), builder) is not changed
    for n in range(database.KEPT_ARTICLES + 1):
        other = tmp_path / f"{n}.wikitext"
        other.write_text(f"{2000 + n}年，发生爆炸。\n", encoding="utf-8")
        database._build_one(database.SeedFile(other.name, str(other)), builder)
    assert len(builder.kept) == database.KEPT_ARTICLES
