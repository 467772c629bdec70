"""Output folders: planner replaces only what it wrote; atomic, umask-respecting, no writes through links."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.output import MANIFEST, write_tree
from tests.conftest import BLUEPRINTS

GIT = {".git/config": "[core]\n", "notes.txt": "my notes\n"}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    return int(info.value.code or 0), capsys.readouterr().err


def user_folder(tmp_path: Path, blueprint: str = "minimal-vm") -> tuple[Path, Path]:
    folder = tmp_path / "work"
    folder.mkdir()
    bp = folder / "bp.yaml"
    shutil.copy(BLUEPRINTS / f"{blueprint}.yaml", bp)
    for rel, text in GIT.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder, bp


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_report_into_a_folder_with_user_files_keeps_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path)
    code, err = run(["report", str(bp), "-o", str(folder), "--no-dry-run", "-q"], capsys)
    assert code == 0, err
    assert (folder / "notes.txt").read_text() == "my notes\n" and (folder / ".git/config").exists() and bp.exists()
    assert (folder / "index.html").exists() and (folder / MANIFEST).exists()


def test_report_and_manifests_into_dot_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path, "shop-seoul")
    monkeypatch.chdir(folder)
    code, err = run(["manifests", "bp.yaml", "-o", "."], capsys)
    assert code == 0, err
    code, err = run(["report", "bp.yaml", "-o", ".", "--no-dry-run", "-q"], capsys)
    assert code == 0, err
    assert (folder / "kubernetes/shop/shop.yaml").exists() and (folder / "report.md").exists()
    assert (folder / "notes.txt").read_text() == "my notes\n" and bp.exists()


def test_rerun_replaces_and_deletes_only_planners_own_files(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path)
    assert run(["report", str(bp), "-o", str(folder), "-q"], capsys)[0] == 0
    assert (folder / "dry-run.log").exists()
    assert run(["report", str(bp), "-o", str(folder), "-q", "--no-dry-run"], capsys)[0] == 0
    assert not (folder / "dry-run.log").exists()  # planner's stale file is gone, the user's stay
    assert (folder / "notes.txt").exists() and (folder / ".git/config").exists() and bp.exists()


def test_a_collision_with_a_user_file_is_refused_and_force_overrides(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path)
    (folder / "report.md").write_text("my own report\n")
    before = snapshot(folder)
    code, err = run(["report", str(bp), "-o", str(folder), "--no-dry-run", "-q"], capsys)
    assert code == 2
    assert str(folder) in err and "report.md was not written by planner" in err and "--force" in err
    assert snapshot(folder) == before and sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    code, err = run(["report", str(bp), "-o", str(folder), "--no-dry-run", "-q", "--force"], capsys)
    assert code == 0, err
    assert (folder / "report.md").read_text() != "my own report\n" and (folder / "notes.txt").exists()


def test_a_planner_file_the_user_edited_is_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path, "shop-seoul")
    assert run(["manifests", str(bp), "-o", str(folder)], capsys)[0] == 0
    edited = folder / "kubernetes/shop/shop.yaml"
    edited.write_text("# my edit\n")
    code, err = run(["manifests", str(bp), "-o", str(folder)], capsys)
    assert code == 2 and "shop.yaml was changed since planner wrote it" in err
    assert edited.read_text() == "# my edit\n"


def test_a_symlink_in_the_output_is_never_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, bp = user_folder(tmp_path, "shop-seoul")
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "kubernetes").symlink_to(outside)
    code, err = run(["manifests", str(bp), "-o", str(folder)], capsys)
    assert code == 2 and "symbolic link" in err
    assert list(outside.iterdir()) == []
    code, err = run(["manifests", str(bp), "-o", str(folder), "--force"], capsys)
    assert code == 0, err
    assert list(outside.iterdir()) == [] and not (folder / "kubernetes").is_symlink()


def test_missing_parent_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _folder, bp = user_folder(tmp_path, "shop-seoul")
    for args in (["manifests", str(bp), "-o", str(tmp_path / "no" / "out")],
                 ["report", str(bp), "-o", str(tmp_path / "no" / "out"), "--no-dry-run"],
                 ["diagram", str(bp), "-o", str(tmp_path / "no" / "d.svg")]):
        code, err = run(args, capsys)
        assert code == 2, (args, err)
        assert str(tmp_path / "no") in err and "internal error" not in err
    assert not (tmp_path / "no").exists()


def test_written_files_and_folders_follow_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = os.umask(0o022)
    try:
        code, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), str(BLUEPRINTS / "minimal-vm.yaml"),
                         "-o", str(tmp_path / "r"), "--no-dry-run", "-q"], capsys)
        assert code == 0, err
        assert run(["diagram", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(tmp_path / "d.svg")], capsys)[0] == 0
    finally:
        os.umask(old)
    for path in [tmp_path / "r", tmp_path / "r/gke-bootcamp", tmp_path / "r/gke-bootcamp/kubernetes"]:
        assert path.stat().st_mode & 0o777 == 0o755, path
    for path in [tmp_path / "r/index.html", tmp_path / "r/minimal-vm/index.html", tmp_path / "d.svg"]:
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_several_blueprints_are_one_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r" / "index.html").mkdir(parents=True)  # the comparison index cannot be written
    code, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), str(BLUEPRINTS / "minimal-vm.yaml"),
                     "-o", str(tmp_path / "r"), "--no-dry-run", "-q"], capsys)
    assert code == 2 and "index.html is a folder" in err
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["index.html"]  # no per-blueprint folder


def test_diagram_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "precious.svg"
    target.write_text("precious")
    (tmp_path / "d.svg").symlink_to(target)
    code, err = run(["diagram", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(tmp_path / "d.svg")], capsys)
    assert code == 0, err
    assert target.read_text() == "precious" and not (tmp_path / "d.svg").is_symlink()


def test_a_failed_diagram_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "d.png"
    cmd = [sys.executable, "-c", "from planner.cli import main; main()", "diagram",
           str(BLUEPRINTS / "shop-seoul.yaml"), "-o", str(out)]
    assert subprocess.run(cmd, capture_output=True, timeout=120, check=False).returncode == 0
    old = out.read_bytes()

    def limit() -> None:  # a file-size limit: the write fails half-way, as on a full disk
        import resource
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False, preexec_fn=limit)
    assert done.returncode == 3 and "internal error" not in done.stderr, done.stderr
    assert out.read_bytes() == old and sorted(p.name for p in tmp_path.iterdir()) == ["d.png"]


def test_concurrent_runs_leave_no_hidden_folders_and_raise_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out"
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            for i in range(40):
                write_tree(target, {f"f{n}.txt": f"{tag}{i}" for n in range(10)})
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, *sorted(f"f{n}.txt" for n in range(10))]
    assert len({(target / f"f{n}.txt").read_text() for n in range(10)}) == 1  # one run's files, whole


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fail_at=st.integers(min_value=1, max_value=12))
def test_a_failure_during_the_moves_restores_the_previous_output(tmp_path_factory: pytest.TempPathFactory,
                                                                 fail_at: int) -> None:
    base = tmp_path_factory.mktemp("roll")
    target = base / "out"
    target.mkdir()
    (target / "mine.txt").write_text("user")
    write_tree(target, {"a.txt": "1", "k/b.txt": "2", "old.txt": "3"})
    before = snapshot(target)
    calls = {"n": 0}
    real = os.replace

    def flaky(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    mp = pytest.MonkeyPatch()
    mp.setattr(os, "replace", flaky)
    try:
        write_tree(target, {"a.txt": "new", "k/b.txt": "new", "k/c/d.txt": "new"})
        failed = False
    except Exception:  # noqa: BLE001 - EnvironmentProblem expected when the fault was hit
        failed = True
    finally:
        mp.undo()
    if failed:
        assert snapshot(target) == before
        assert sorted(p.name for p in target.iterdir()) == sorted([MANIFEST, "a.txt", "k", "mine.txt", "old.txt"])
    else:
        assert (target / "a.txt").read_text() == "new" and not (target / "old.txt").exists()
        assert (target / "mine.txt").read_text() == "user"
