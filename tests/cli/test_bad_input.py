"""Every kind of bad input file is exit 2 with the file named and a fix, never a traceback.

Driven through the installed console script, as a user runs it, for every command that reads a
blueprint.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BLUEPRINTS, REPO

EXE = REPO / ".venv" / "bin" / "planner"
MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return make


def _mutated(old: str, new: str) -> Callable[[Path], Path]:
    assert old in MINIMAL
    return _write("bp.yaml", MINIMAL.replace(old, new, 1).encode())


def _folder(tmp: Path) -> Path:
    (tmp / "folder.yaml").mkdir()
    return tmp / "folder.yaml"


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty file": (_write("empty.yaml", b""), "a blueprint is a mapping"),
    "only comments": (_write("comments.yaml", b"# nothing here\n# at all\n"), "a blueprint is a mapping"),
    "several documents": (_write("multi.yaml", MINIMAL.encode() + b"---\nname: second\n"), "more than one YAML"),
    "JSON without the required keys": (_write("bp.json", b'{"version": 1}'), "missing required key 'name'"),
    "UTF-16": (_write("u16.yaml", MINIMAL.encode("utf-16")), "save it as UTF-8"),
    "a scalar document": (_write("scalar.yaml", b"just text\n"), "a blueprint is a mapping"),
    "a list document": (_write("list.yaml", b"- a\n- b\n"), "a blueprint is a mapping"),
    "count as a boolean": (_mutated("    type: t3.medium\n", "    type: t3.medium\n    count: true\n"),
                           "instances[0].count: true is a YAML boolean, not a number — write a whole number"),
    "count as a float": (_mutated("    type: t3.medium\n", "    type: t3.medium\n    count: 1.5\n"),
                         "instances[0].count: 1.5 is not a whole number — write a whole number"),
    "version as a boolean": (_mutated("version: 1\n", "version: true\n"),
                             "version: true is a boolean, not the format version; write 'version: 1'"),
    "size as NaN": (_mutated("size_gb: 8,", "size_gb: .nan,"), "root_volume.size_gb: .nan is not a number — write"),
    "size as infinity": (_mutated("size_gb: 8,", "size_gb: .inf,"), "root_volume.size_gb: .inf is not a number — write"),
    "size as 1e30": (_mutated("size_gb: 8,", "size_gb: 1e30,"), "root_volume.size_gb: '1e30' is text, not a number"),
    "size as 1.0e+30": (_mutated("size_gb: 8,", "size_gb: 1.0e+30,"), "root_volume.size_gb: 1e+30 is not a whole number"),
    "a folder": (_folder, "is a folder, not a blueprint file"),
}


@pytest.mark.parametrize("command", ["check", "estimate", "review"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_exit_2_with_the_file_and_no_traceback(tmp_path: Path, case: str, command: str) -> None:
    make, expected = CASES[case]
    path = make(tmp_path)
    done = subprocess.run([str(EXE), command, str(path)], check=False, capture_output=True, text=True, cwd=tmp_path,
                          timeout=120)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert expected in done.stderr, done.stderr
    assert path.name in done.stderr, done.stderr


def test_dev_null_is_exit_2() -> None:
    done = subprocess.run([str(EXE), "check", "/dev/null"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "/dev/null" in done.stderr and "a blueprint is a mapping" in done.stderr


def test_a_full_disk_is_an_environment_problem_not_an_internal_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([str(EXE), "estimate", str(BLUEPRINTS / "minimal-vm.yaml")], check=False,
                              stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 3
    assert "environment problem: No space left on device" in done.stderr
    assert "internal error" not in done.stderr and "PLANNER_DEBUG" not in done.stderr
