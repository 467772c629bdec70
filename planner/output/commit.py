"""The atomic commit of a run: stage every file, move all into place, undo every move when one fails."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from planner.errors import EnvironmentProblem
from planner.output.fileops import create_file, lstat, make_folders, sha256
from planner.output.manifest import MANIFEST, STAGING_PREFIX, Manifest
from planner.output.writeplan import FolderPlan, folders_used


class _Journal:
    """Undo actions of the moves made so far, run in reverse when a later move fails."""

    def __init__(self) -> None:
        self.undo: list[Callable[[], None]] = []

    def rollback(self) -> None:
        for action in reversed(self.undo):
            with contextlib.suppress(OSError):
                action()
        self.undo.clear()


class _Commit:
    """Stage, then move one folder's files into place, recording how to undo every step."""

    def __init__(self, plan: FolderPlan, staging: Path, journal: _Journal) -> None:
        self.plan = plan
        self.root = plan.unit.root
        self.staging = staging
        self.backup = staging / "backup"
        self.journal = journal
        self.created: set[str] = set()

    def stage(self) -> None:
        for rel, data in sorted(self.plan.data.items()):
            create_file(self.staging / "new" / rel, data, make_parents=True)

    def _set_aside(self, rel: str) -> None:
        """Move what is at ``rel`` into the backup (restored on rollback, dropped on success)."""
        src = self.root / rel
        dest = self.backup / rel
        make_folders(dest.parent)
        os.replace(src, dest)
        self.journal.undo.append(functools.partial(os.replace, dest, src))

    def _ensure_folder(self, rel: str) -> None:
        path = self.root / rel
        st = lstat(path)
        if st is not None and stat.S_ISDIR(st.st_mode):
            return
        if st is not None:  # a forced link or file in the way: set aside, never followed
            self._set_aside(rel)
        os.mkdir(path, 0o777)
        self.created.add(rel)
        self.journal.undo.append(functools.partial(os.rmdir, path))

    def move_in(self) -> None:
        for rel in self.plan.stale:
            self._set_aside(rel)
        for rel in sorted(self.plan.data):
            for parent in reversed(PurePosixPath(rel).parents):
                if str(parent) != ".":
                    self._ensure_folder(str(parent))
            target = self.root / rel
            if lstat(target) is not None:
                self._set_aside(rel)
            os.replace(self.staging / "new" / rel, target)
            self.journal.undo.append(functools.partial(os.unlink, target))

    def write_manifest(self) -> None:
        folders = self.created | {f for f in self.plan.old.folders if (self.root / f).is_dir()}
        used = folders_used(self.plan.data)
        manifest = Manifest({rel: sha256(data) for rel, data in self.plan.data.items()},
                            frozenset(f for f in folders if f in used))
        staged = self.staging / MANIFEST
        create_file(staged, manifest.to_bytes(), make_parents=False)
        target = self.root / MANIFEST
        if lstat(target) is not None:
            self._set_aside(MANIFEST)
        os.replace(staged, target)
        self.journal.undo.append(functools.partial(os.unlink, target))

    def tidy(self) -> None:
        """After success: drop empty folders an earlier run created and this one no longer uses."""
        used = folders_used(self.plan.data)
        for folder in sorted(self.plan.old.folders - used, key=lambda f: -len(PurePosixPath(f).parts)):
            path = self.root / folder
            st = lstat(path)
            if st is not None and stat.S_ISDIR(st.st_mode):
                with contextlib.suppress(OSError):
                    os.rmdir(path)  # only when empty: a user's file keeps its folder


def commit(plans: Sequence[FolderPlan]) -> None:
    """Stage every folder's files, then move them all in; on any failure undo every move made."""
    journal = _Journal()
    stagings: list[Path] = []
    commits: list[_Commit] = []
    try:
        for plan in plans:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=plan.unit.root))
            stagings.append(staging)
            commit = _Commit(plan, staging, journal)
            commit.stage()
            commits.append(commit)
        for commit in commits:
            commit.move_in()
            commit.write_manifest()
    except BaseException as exc:
        journal.rollback()
        if isinstance(exc, OSError):
            raise EnvironmentProblem(f"cannot write the output ({exc.strerror}: {exc.filename}); the previous "
                                     "output was left as it was") from exc
        raise
    finally:
        for staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)
    for commit in commits:
        commit.tidy()
