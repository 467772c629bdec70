"""Writing the folders of one run as one unit: create, lock, plan, refuse or commit."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from planner.errors import EnvironmentProblem, InvalidInput
from planner.output.commit import commit
from planner.output.fileops import locked, lstat, make_folder
from planner.output.manifest import STAGING_PREFIX, safe_relative
from planner.output.model import Content, OutputFolder
from planner.output.writeplan import FORCE_FLAG, plan_folder


def _clean_leftovers(root: Path) -> None:
    """Staging folders of a run that was killed (held under the lock, so none is in use)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def check_destination(root: Path, create_parents: bool = False) -> None:
    """Refuse early (exit 2) an output folder that cannot be used: a file, or a missing parent."""
    if lstat(root) is not None:
        if not root.is_dir():
            raise InvalidInput(f"the output folder {root} is a file: choose a folder with -o")
        return
    if not create_parents and not root.parent.is_dir():
        raise InvalidInput(f"cannot write {root}: the folder {root.parent} does not exist (create it first, or "
                           f"choose another -o)")


def _prepare_roots(units: Sequence[OutputFolder], create_parents: bool) -> list[Path]:
    """Create missing output folders (parents only when allowed); returns those created, deepest last."""
    created: list[Path] = []
    roots = {u.root for u in units}
    for unit in sorted(units, key=lambda u: len(u.root.parts)):
        root = unit.root
        st = lstat(root)
        if st is not None:
            if stat.S_ISLNK(st.st_mode) and root.parent in roots:
                raise InvalidInput(f"{root} is a symbolic link (planner never writes through links): remove it "
                                   f"or choose another -o")
            if not root.is_dir():
                raise InvalidInput(f"the output folder {root} is a file: choose a folder with -o")
            continue
        if not root.parent.is_dir() and root.parent not in roots:
            if not create_parents:
                raise InvalidInput(f"cannot write {root}: the folder {root.parent} does not exist (create it first, "
                                   f"or choose another -o)")
            for folder in [p for p in reversed(root.parents) if not p.exists()]:
                if make_folder(folder):
                    created.append(folder)
        if make_folder(root):
            created.append(root)
    return created


def write_folders(units: Sequence[OutputFolder], *, force: bool = False, create_parents: bool = False) -> None:
    """Write every folder of one run as one unit (see the module docstring for the rules)."""
    for unit in units:
        for rel in unit.files:
            safe_relative(rel)
    try:
        created = _prepare_roots(units, create_parents)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot create the output folder: {exc.strerror}: {exc.filename}") from exc
    ordered = sorted(units, key=lambda u: os.path.abspath(u.root))  # one lock order for every run
    committed = False
    try:
        with contextlib.ExitStack() as locks:
            for unit in ordered:
                locks.enter_context(locked(unit.root))
            for unit in ordered:
                _clean_leftovers(unit.root)
            plans = [plan_folder(unit, force) for unit in ordered]
            problems = [p for plan in plans for p in plan.problems]
            if problems:
                folders = ", ".join(sorted({str(plan.unit.root) for plan in plans if plan.problems}))
                raise InvalidInput(
                    f"refusing to write into {folders}: planner replaces only files it wrote itself\n"
                    + "\n".join(f"  {p}" for p in problems)
                    + f"\nnothing was written: move those away, choose another -o folder, or pass {FORCE_FLAG} to "
                      "replace them (other files in the folder are never touched)")
            commit(plans)
            committed = True
    except OSError as exc:
        raise EnvironmentProblem(f"cannot write the output: {exc.strerror}: {exc.filename}") from exc
    finally:
        if not committed:
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # only the empty folders this run made


def write_tree(target: Path, files: Mapping[str, Content], *, force: bool = False,
               create_parents: bool = False) -> Path:
    """Write ``files`` into the folder ``target`` (one unit; see :func:`write_folders`)."""
    write_folders([OutputFolder(Path(target), files)], force=force, create_parents=create_parents)
    return Path(target)
