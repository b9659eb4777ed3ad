"""Choosing the seeds: a file named twice is read once; a directory takes wikitext files only;
a pipe is read once, a device or an oversized file refused at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SEED, fresh_cache


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


# -- special files: read once, or refused at once ----------------------------------------------

def _pipe_of(data: bytes) -> tuple[str, threading.Thread]:
    """A real pipe between writer and reader, as `<(cat seed)` makes: its reading end as a path
    (/dev/fd/N), its writer a thread (a pipe holds less than an article)."""
    read, write = os.pipe()

    def writer() -> None:
        try:
            with os.fdopen(write, "wb") as out:
                out.write(data)
        except BrokenPipeError:  # the reader stopped first: what a bound is for
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return f"/dev/fd/{read}", thread


# A short article (a build of it costs little more than reading the place table): its one event.
ARTICLE = "'''测试'''是一篇文章。\n\n==事件==\n2006年5月4日，阿拉木图发生了爆炸。\n"


def test_pipes_are_read_once(run, tmp_path) -> None:
    """`--seed <(cat seed)` and a named pipe (mkfifo) with a writer: a pipe can be read only
    once, and kzct reads each only once (it used to say "empty": it read them twice)."""
    path, writer = _pipe_of(ARTICLE.encode("utf-8"))
    fifo = tmp_path / "fifo.wikitext"
    os.mkfifo(fifo)

    def fifo_writer() -> None:
        with open(fifo, "w", encoding="utf-8") as out:  # waits for kzct to open it
            out.write(ARTICLE.replace("阿拉木图", "阿斯塔纳"))

    thread = threading.Thread(target=fifo_writer, daemon=True)
    thread.start()
    try:
        result = run("--seed", path, "--seed", str(fifo), "timeline", "--json")
    finally:
        writer.join(5)
        thread.join(5)
        os.close(int(path.rsplit("/", 1)[1]))
    assert (result.code, result.err) == (0, "")
    assert [(e["seed"], e["places"]) for e in result.json()] == [
        (path.rsplit("/", 1)[1], ["阿拉木图"]), ("fifo.wikitext", ["阿斯塔纳"])]


def test_standard_input_as_the_seed(tmp_path, places_file) -> None:
    """`--seed /dev/stdin` (and `-`, which names it) reads a piped article: a real process and
    its standard input."""
    from kzct.seeds import find_seeds

    assert find_seeds([Path("-")]).paths == [Path("/dev/stdin")]
    env = {**os.environ, "KZCT_CACHE_DIR": str(fresh_cache(tmp_path / "cache", places_file))}
    done = subprocess.run([sys.executable, "-m", "kzct", "--seed", "/dev/stdin", "timeline",
                           "--json"], input=ARTICLE.encode("utf-8"), capture_output=True,
                          env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert [(e["seed"], e["date"]) for e in json.loads(done.stdout)] == [("stdin", "2006-05-04")]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once(run, device) -> None:
    started = time.monotonic()
    result = run("--seed", device, "groups", "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"kzct: error: seed file {device} is a character device, not a file: "
                          f"give a wikitext file, a directory of them, or - for standard input\n")
    assert time.monotonic() - started < 2


def test_a_file_over_the_size_bound_is_refused_unread(run, tmp_path) -> None:
    from kzct.seeds import MAX_SEED_BYTES

    path = tmp_path / "huge.wikitext"
    with open(path, "wb") as f:
        f.truncate(MAX_SEED_BYTES + 1)  # sparse: nothing is written, nothing need be read
    result = run("--seed", str(path), "groups", "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"kzct: error: seed file {path} is larger than 64 MiB, the most kzct "
                          f"reads as one article\n")


def test_a_pipe_over_the_size_bound_stops_at_it() -> None:
    from kzct.errors import SeedError
    from kzct.seeds import read_seed

    path, writer = _pipe_of(b"x" * 300_000)
    try:
        with pytest.raises(SeedError, match="is larger than 0 MiB"):
            read_seed(Path(path), limit=100_000)
    finally:
        os.close(int(path.rsplit("/", 1)[1]))  # the writer, blocked, sees the pipe close
        writer.join(5)


def test_a_named_pipe_nothing_writes_to_is_an_error_after_a_wait(tmp_path) -> None:
    from kzct.errors import SeedError
    from kzct.seeds import read_seed

    fifo = tmp_path / "article.wikitext"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(SeedError) as caught:
        read_seed(fifo, wait=0.2)
    assert str(caught.value) == (f"seed file {fifo} is a named pipe that nothing wrote to in "
                                 f"0.2 s: start its writer first, or give a file")
    assert 0.2 <= time.monotonic() - started < 2
