"""The real wheel: built, installed into a fresh virtual environment, run from elsewhere."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the kzct wheel installed (its dependencies borrowed from this one)."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(dist), str(ROOT)], check=True, timeout=600)
    wheels = list(dist.glob("kzct-*.whl"))
    assert len(wheels) == 1
    venv = work / "venv"
    # a venv without a pip of its own (making one is most of a venv's cost): this environment's
    # pip installs the wheel into it
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheels[0])], check=True, timeout=300)
    # Dependencies come from the environment running the tests, appended after the venv's own
    # site-packages, so that kzct itself can only come from the wheel.
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    Path(purelib, "zz_borrowed_deps.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return venv


def test_wheel_ships_the_seed_and_runs_from_any_directory(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KZCT_")}
    env["KZCT_CACHE_DIR"] = str(tmp_path / "cache")  # a first run: nothing there yet
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import kzct; print(kzct.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert where.stdout.strip().startswith(str(installed))
    proc = subprocess.run([str(installed / "bin" / "kzct"), "groups", "--json"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    groups = json.loads(proc.stdout)
    assert len(groups) == 14 and groups[0]["listed_on"] == "2006-10-12"
    # the place table the wheel ships (which a first run reads: tests/test_places_table.py), kept
    # in the cache
    from kzct.parse.gazetteer import PLACES_FORMAT, SHIPPED, table_key

    [package] = (installed / "lib").glob("python3*/site-packages/kzct")
    assert (package / "data" / SHIPPED.name).read_bytes() == SHIPPED.read_bytes()
    assert (tmp_path / "cache" / "kzct-cache" / f"places-{PLACES_FORMAT}-{table_key()}.json").is_file()
    version = subprocess.run([str(installed / "bin" / "kzct"), "--version"], capture_output=True,
                             text=True, cwd=tmp_path, env=env)
    from kzct import __version__

    assert version.stdout.strip() == f"kzct {__version__}"
