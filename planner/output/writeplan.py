"""The write plan of one output folder: what a run will write, delete and replace, and what it refuses.

Everything here only reads the folder; collisions are collected as problems before anything is written.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.output.fileops import encode, lstat, read_no_follow, sha256
from planner.output.manifest import Manifest, read_manifest, safe_relative
from planner.output.model import OutputFolder

FORCE_FLAG = "--force"


def describe(path: Path, st: os.stat_result) -> str:
    """What is at ``path``, in the words of a collision message."""
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link (planner never writes through links)"
    if stat.S_ISDIR(st.st_mode):
        return "a folder"
    return "a file"


@dataclass
class FolderPlan:
    """What one folder's commit does; ``problems`` are collisions found before anything is written."""

    unit: OutputFolder
    old: Manifest
    data: dict[str, bytes]
    stale: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)


def folders_used(data: dict[str, bytes]) -> set[str]:
    """Every folder (relative, POSIX) that holds one of the files to write."""
    return {str(p) for rel in data for p in PurePosixPath(rel).parents if str(p) != "."}


def owned_and_unchanged(root: Path, rel: str, old: Manifest) -> bool:
    """Whether planner wrote ``rel`` (per the manifest) and it still has the bytes planner wrote."""
    digest = old.files.get(rel)
    if digest is None:
        return False
    current = read_no_follow(root / rel)
    return current is not None and sha256(current) == digest


def plan_folder(unit: OutputFolder, force: bool) -> FolderPlan:
    """The write plan of ``unit``: folders and files in the way, then the stale files of the last run."""
    root = unit.root
    old = read_manifest(root)
    data = {str(safe_relative(rel)): encode(content) for rel, content in unit.files.items()}
    plan = FolderPlan(unit, old, data)
    for folder in sorted(folders_used(data)):
        _check_folder(plan, folder, force)
    for rel in sorted(data):
        _check_file(plan, rel, force)
    for rel in sorted(set(old.files) - set(data)):
        if not _has_link_or_file_ancestor(root, rel) and owned_and_unchanged(root, rel, old):
            plan.stale.append(rel)
    return plan


def _check_folder(plan: FolderPlan, folder: str, force: bool) -> None:
    """A link or file where planner needs the folder ``folder``: forced aside, or a problem."""
    root = plan.unit.root
    st = lstat(root / folder)
    if st is None or stat.S_ISDIR(st.st_mode):
        return
    what = describe(root / folder, st)
    if force:
        plan.forced.append(folder)
    else:
        plan.problems.append(f"{root / folder} is {what}, where planner writes the folder {folder}/")


def _check_file(plan: FolderPlan, rel: str, force: bool) -> None:
    """Something already at ``rel``: replaced when planner owns it unchanged, else forced or a problem."""
    path = plan.unit.root / rel
    st = lstat(path)
    if st is None:
        return
    if stat.S_ISDIR(st.st_mode):
        plan.problems.append(f"{path} is a folder where planner writes the file {rel} (never removed, even "
                             f"with {FORCE_FLAG}: move it away)")
    elif stat.S_ISREG(st.st_mode) and owned_and_unchanged(plan.unit.root, rel, plan.old):
        return
    elif force:
        plan.forced.append(rel)
    elif stat.S_ISREG(st.st_mode) and rel in plan.old.files:
        plan.problems.append(f"{path} was changed since planner wrote it")
    elif stat.S_ISREG(st.st_mode):
        plan.problems.append(f"{path} was not written by planner")
    else:
        plan.problems.append(f"{path} is {describe(path, st)}")


def _has_link_or_file_ancestor(root: Path, rel: str) -> bool:
    for parent in reversed(PurePosixPath(rel).parents):
        if str(parent) == ".":
            continue
        st = lstat(root / parent)
        if st is None or not stat.S_ISDIR(st.st_mode):
            return True
    return False
