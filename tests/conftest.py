"""Shared fixtures: the real seed, its index, and a runner for the command line."""

from __future__ import annotations

import functools
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Property tests explore the same examples on every run (a newcomer's run never fails where the
# last one passed) and keep no example database in the clone: 100 a property, and 1,000 with
# `pytest --exhaustive`.
settings.register_profile("kzct", derandomize=True, database=None, deadline=None, max_examples=100)
settings.register_profile("kzct-exhaustive", settings.get_profile("kzct"), max_examples=1000)
settings.load_profile("kzct")

# What the user's shell may set that changes how kzct writes: each test starts without it.
_USER_SETTINGS = ("KZCT_SEED", "KZCT_NO_CACHE", "KZCT_DEBUG", "KZCT_PAGER", "PAGER", "LESS",
                  "FORCE_COLOR", "NO_COLOR", "COLORTERM", "LINES")
SEED = ROOT / "seeds" / "kazakhstan-terrorism.zhwiki.wikitext"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def places_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The place table (the one kzct ships, or made from the gazetteer packages where other
    versions are installed), written once for the session to the session's cache directory."""
    from kzct.files import own_directory
    from kzct.parse.gazetteer import load_places
    from kzct.text import Scripts

    own = own_directory(tmp_path_factory.getbasetemp() / "cache")  # kzct's own, in the cache
    assert own is not None
    load_places(own, Scripts())
    return next(own.glob("places-*.json"))


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory, places_file: Path) -> Path:
    """The session's cache directory, every test's ``KZCT_CACHE_DIR``: the place table, and the
    indexes the tests' runs built. A kzct process that reads what the tests read (the bundled
    seed) finds its index there instead of building it."""
    return tmp_path_factory.getbasetemp() / "cache"


@pytest.fixture(scope="session")
def builder(places_file: Path):
    """One builder for the session's in-process builds (its place table read from the session's
    cache, its converters started once)."""
    from kzct.build import Builder

    return Builder(places_file.parent)


def fresh_cache(directory: Path, places: Path) -> Path:
    """An empty cache directory but for the place table (in kzct's own directory inside it): for
    tests whose subject is the index cache, not the table."""
    from kzct.files import own_directory

    own = own_directory(directory)
    assert own is not None
    shutil.copy(places, own / places.name)
    return directory


def own(cache: Path) -> Path:
    """kzct's own directory in the cache directory ``cache``, where its files are."""
    from kzct.files import OWN_DIR

    return cache / OWN_DIR


@pytest.fixture(scope="module")
def module_env(session_cache: Path):
    """For a module-scoped fixture that runs kzct: the session's cache and none of the user's
    kzct settings (the autouse fixture below only starts with the first test)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KZCT_CACHE_DIR", str(session_cache))
        for name in _USER_SETTINGS:
            patch.delenv(name, raising=False)
        patch.setenv("TERM", "xterm-256color")
        yield


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, session_cache: Path) -> None:
    """Every test gets the session's cache directory and none of the user's kzct settings."""
    monkeypatch.setenv("KZCT_CACHE_DIR", str(session_cache))
    for name in _USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def document(seed_text: str):
    from kzct.parse.wikitext import parse_document

    return parse_document(seed_text)


@pytest.fixture(scope="session")
def index(seed_text: str, builder):
    from kzct.store.database import build_index

    return build_index([(SEED.name, str(SEED), seed_text, "test")], builder)


def built_alone(builder, text: str):
    """The index of an article of ``text`` alone (named `x.wikitext`)."""
    from kzct.store.database import build_index

    return build_index([("x.wikitext", "x.wikitext", text, "x")], builder)


@functools.cache
def _back_to_simplified() -> list:
    import opencc

    return [opencc.OpenCC("hk2s"), opencc.OpenCC("tw2s")]


def simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC's hk2s, then tw2s, as kzct reads a text)."""
    for converter in _back_to_simplified():
        text = converter.convert(text)
    return text


def normalised(value, convert):
    """Every string of a record through ``convert``, spans and file names dropped: to compare
    the records of one article in two scripts (spans differ by construction: s2twp changes
    lengths, and each file has its own name)."""
    if isinstance(value, dict):
        return {k: normalised(v, convert) for k, v in value.items()
                if k not in ("span", "toll_span", "seed", "seeds")}
    if isinstance(value, list):
        return [normalised(v, convert) for v in value]
    if isinstance(value, str):
        return convert(value)
    return value


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``kzct ARGS`` in-process through its real entry point; returns code, stdout, stderr."""
    from kzct.face.cli import main

    def _run(*args: str, env: dict[str, str] | None = None) -> Result:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def pytest_report_header() -> str:
    return f"kzct seed: {SEED} ({os.path.getsize(SEED)} bytes)"


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its files (a cache of Unicode data) outside the clone, and tries ten
    times as many examples with ``--exhaustive``."""
    import tempfile

    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                          str(Path(tempfile.gettempdir()) / "kzct-tests-hypothesis"))
    if config.getoption("--exhaustive"):
        settings.load_profile("kzct-exhaustive")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--exhaustive", action="store_true", default=False,
                     help="run the long exhaustive variants of the robustness tests")
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite tests/snapshots/ from the current output (then read them)")


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))
