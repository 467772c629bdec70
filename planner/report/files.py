"""Write a folder of generated files atomically, confined to the chosen output folder.

Everything is written into a temporary sibling folder first and swapped into place at the end, so
a failure half-way leaves no partial report and an earlier report of the same name stays intact.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from planner.errors import EnvironmentProblem, InvalidInput


def safe_relative(rel: str) -> PurePosixPath:
    """Refuse paths that could leave the output folder (absolute, '..', drive letters)."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", "") for p in path.parts) or ":" in rel or "\\" in rel:
        raise InvalidInput(f"refusing to write {rel!r}: it would leave the output folder")
    return path


def write_tree(target: Path, files: Mapping[str, bytes | str]) -> Path:
    """Write ``files`` (relative path -> content) as the folder ``target``, replacing it atomically."""
    target = Path(target)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot create {parent}: {exc.strerror}") from exc
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
    try:
        root = staging.resolve()
        for rel, content in sorted(files.items()):
            dest = (staging / safe_relative(rel)).resolve()
            if root not in dest.parents:
                raise InvalidInput(f"refusing to write {rel!r}: it would leave the output folder")
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            dest.write_bytes(data)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(staging: Path, target: Path) -> None:
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError as exc:
        if old is not None:
            os.replace(old, target)
        raise EnvironmentProblem(f"cannot move the report into {target}: {exc.strerror}") from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_file(target: Path, content: bytes | str) -> Path:
    """Write one file atomically (temporary sibling, then rename)."""
    target = Path(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)  # no half-written temporary left beside the target
        raise EnvironmentProblem(f"cannot write {target}: {exc.strerror}") from exc
    return target
