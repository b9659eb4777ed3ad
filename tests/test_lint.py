"""The code follows its own rules: ruff over the whole repository, mypy (strict) over kzct/, no
dead code (vulture), Rich imported in kzct/face/render.py only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _tool(name: str) -> list[str] | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def _ruff() -> list[str] | None:
    return _tool("ruff")


@pytest.mark.skipif(_ruff() is None, reason="ruff is not installed (it comes with the test extra)")
def test_ruff_passes() -> None:
    proc = subprocess.run([*(_ruff() or []), "check", "--no-cache", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(_tool("mypy") is None, reason="mypy comes with the test extra")
def test_mypy_passes(tmp_path: Path) -> None:
    # strict, as pyproject.toml configures it; its cache kept out of the clone
    proc = subprocess.run([*(_tool("mypy") or []), "--cache-dir", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_type_ignores_are_few_and_explained() -> None:
    found = [(str(path.relative_to(ROOT)), line.split("type: ignore", 1)[1])
             for path in sorted((ROOT / "kzct").rglob("*.py"))
             for line in path.read_text(encoding="utf-8").splitlines() if "type: ignore" in line]
    assert found == [("kzct/queries/records.py", "[misc]")]  # SearchHit's fields, built (said there)


@pytest.mark.skipif(_tool("vulture") is None, reason="vulture comes with the test extra")
def test_no_dead_code() -> None:
    proc = subprocess.run(_tool("vulture") or [], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(_ruff() is None, reason="ruff is not installed (it comes with the test extra)")
def test_rich_outside_render_is_refused(tmp_path: Path) -> None:
    offender = tmp_path / "kzct" / "offender.py"
    offender.parent.mkdir()
    offender.write_text("import rich\n")
    proc = subprocess.run([*(_ruff() or []), "check", "--no-cache", "--config",
                           str(ROOT / "pyproject.toml"),
                           str(offender)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "TID251" in proc.stdout
