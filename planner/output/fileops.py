"""Low-level file operations of the output writer: no links followed, modes from the umask."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from planner.output.model import Content


def umask() -> int:
    """The process umask (read by setting and restoring it; planner is single-threaded here)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def read_no_follow(path: Path) -> bytes | None:
    """The bytes of a regular file, or None (missing, a link, not a regular file, unreadable)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def make_folders(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


def create_file(path: Path, data: bytes, make_parents: bool) -> None:
    """A new file (never an existing one, never through a link), mode 0o666 masked by the umask."""
    if make_parents:
        make_folders(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive flock on the folder itself; retry when it was replaced while we waited."""
    while True:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            now = os.stat(root)
            held = os.fstat(fd)
        except OSError:
            os.close(fd)
            raise
        if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)  # the folder was removed and made again while we waited: lock the new one
    try:
        yield
    finally:
        os.close(fd)  # closing releases the lock


def make_folder(path: Path) -> bool:
    """Create one folder (mode 0o777 masked by the umask); False when a concurrent run made it first."""
    try:
        os.mkdir(path, 0o777)
    except FileExistsError:
        if not path.is_dir():
            raise
        return False
    return True
