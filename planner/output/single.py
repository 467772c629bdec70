"""Writing one file the user named (``-o diagram.dot``): a temporary beside it, then a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from planner.errors import EnvironmentProblem, InvalidInput
from planner.output.fileops import encode, lstat, umask
from planner.output.model import Content


def write_file(target: Path, content: Content, *, create_parent: bool = False) -> Path:
    """Write one file the user named: a temporary beside it, then a rename (a link is replaced, not followed).

    A failure leaves the earlier file whole and no temporary behind; a missing folder is exit 2.
    """
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        if not create_parent:
            raise InvalidInput(f"cannot write {target}: the folder {parent} does not exist (create it first)")
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnvironmentProblem(f"cannot create {parent}: {exc.strerror}") from exc
    st = lstat(target)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InvalidInput(f"cannot write {target}: it is a folder")
    data = encode(content)
    tmp: str | None = None
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=parent)
        os.fchmod(handle, 0o666 & ~umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # no half-written temporary left beside the target
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InvalidInput(f"cannot write {target}: {exc.strerror}") from exc
        raise EnvironmentProblem(f"cannot write {target}: {exc.strerror}") from exc
    return target


def check_destination_file(target: Path) -> None:
    """Refuse early (exit 2) a file destination whose folder is missing or that is a folder."""
    if not target.parent.is_dir():
        raise InvalidInput(f"cannot write {target}: the folder {target.parent} does not exist (create it first)")
    st = lstat(target)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InvalidInput(f"cannot write {target}: it is a folder")
