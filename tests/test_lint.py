"""The code follows its own rules: ruff over kzct/, Rich imported in kzct/render.py only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def _ruff() -> list[str] | None:
    beside = Path(sys.executable).parent / "ruff"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else None


@pytest.mark.skipif(_ruff() is None, reason="ruff is not installed (it comes with the test extra)")
def test_ruff_passes() -> None:
    proc = subprocess.run([*(_ruff() or []), "check", "--no-cache", "kzct", "scripts"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
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
