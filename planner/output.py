"""Write planner's output without ever touching what the user put there.

The rule, for every command that writes:

- A folder written by planner holds ``.planner-output.json``: the relative path and sha256 of every
  file the run wrote, and the folders it created. The next run into that folder replaces or deletes
  only those files, and only while they are unchanged; a file the user edited since is the user's.
- Everything else in the folder (the blueprint, notes, ``.git/``) is left alone. Planner writes
  beside it; a planner file name that collides with a file planner did not write (or one the user
  changed, or a symbolic link) is refused with :class:`InvalidInput` naming the folder, the file and
  ``--force``. ``--force`` replaces such files (a link itself, never its target); a folder in the
  way is never removed.
- Symbolic links are never written through: a link where planner writes a file or a folder is a
  collision, and files are created with ``O_NOFOLLOW`` | ``O_EXCL`` inside a private staging folder.
- Atomic: every file of every folder of a run is staged first (in a hidden folder inside its output
  folder, so renames stay on one file system), then moved into place; when a move fails, every move
  already made is undone, so the previous output stays whole. One run is one unit, however many
  folders it writes (a report of several blueprints and their comparison index).
- A lock (``flock`` on the output folder itself, so no lock file is left) serialises concurrent runs
  into the same folder: the second run waits, then replaces the first run's files.
- Files and folders follow the umask (``0o666``/``0o777`` masked), like any other tool's output.
- The named folder's parent must exist (``InvalidInput``, exit 2), unless the path is planner's
  default (``reports/``), which is created.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import EnvironmentProblem, InvalidInput

MANIFEST = ".planner-output.json"
MANIFEST_SCHEMA = "planner.output/v1"
STAGING_PREFIX = ".planner-staging-"
FORCE_FLAG = "--force"

Content = bytes | str


def umask() -> int:
    """The process umask (read by setting and restoring it; planner is single-threaded here)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def safe_relative(rel: str) -> PurePosixPath:
    """Refuse paths that could leave the output folder (absolute, '..', drive letters)."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts) or ":" in rel \
            or "\\" in rel or rel.endswith("/"):
        raise InvalidInput(f"refusing to write {rel!r}: it would leave the output folder")
    if path.name == MANIFEST or path.parts[0].startswith(STAGING_PREFIX):
        raise InvalidInput(f"refusing to write {rel!r}: the name is reserved for planner's own bookkeeping")
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class OutputFolder:
    """One folder of one run: ``files`` maps a relative POSIX path to its content."""

    root: Path
    files: Mapping[str, Content]


@dataclass(frozen=True)
class Manifest:
    """What an earlier run wrote into a folder."""

    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    folders: frozenset[str] = frozenset()

    def to_bytes(self) -> bytes:
        data = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(self.files.items())),
                "folders": sorted(self.folders),
                "note": "written by planner: the files it may replace or delete in this folder; nothing else here "
                        "is touched"}
        return (json.dumps(data, indent=2) + "\n").encode()


def _encode(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def _read_no_follow(path: Path) -> bytes | None:
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


def read_manifest(root: Path) -> Manifest:
    """The manifest of ``root``; an absent or unreadable one means planner wrote nothing there."""
    raw = _read_no_follow(root / MANIFEST)
    if raw is None:
        return Manifest()
    try:
        data = json.loads(raw)
        files = {str(k): str(v) for k, v in data["files"].items()}
        folders = frozenset(str(f) for f in data.get("folders", []))
        for rel in [*files, *folders]:
            safe_relative(rel)
    except (ValueError, KeyError, TypeError, AttributeError, InvalidInput):
        return Manifest()
    return Manifest(files, folders)


def _describe(path: Path, st: os.stat_result) -> str:
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link (planner never writes through links)"
    if stat.S_ISDIR(st.st_mode):
        return "a folder"
    return "a file"


@dataclass
class _Plan:
    """What one folder's commit does; ``problems`` are collisions found before anything is written."""

    unit: OutputFolder
    old: Manifest
    data: dict[str, bytes]
    stale: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)


def _owned_and_unchanged(root: Path, rel: str, old: Manifest) -> bool:
    digest = old.files.get(rel)
    if digest is None:
        return False
    current = _read_no_follow(root / rel)
    return current is not None and sha256(current) == digest


def _plan(unit: OutputFolder, force: bool) -> _Plan:
    root = unit.root
    old = read_manifest(root)
    data = {str(safe_relative(rel)): _encode(content) for rel, content in unit.files.items()}
    plan = _Plan(unit, old, data)
    folders_needed = {str(p) for rel in data for p in PurePosixPath(rel).parents if str(p) != "."}
    for folder in sorted(folders_needed):
        st = _lstat(root / folder)
        if st is None or stat.S_ISDIR(st.st_mode):
            continue
        what = _describe(root / folder, st)
        if force:
            plan.forced.append(folder)
        else:
            plan.problems.append(f"{root / folder} is {what}, where planner writes the folder {folder}/")
    for rel in sorted(data):
        path = root / rel
        st = _lstat(path)
        if st is None:
            continue
        if stat.S_ISDIR(st.st_mode):
            plan.problems.append(f"{path} is a folder where planner writes the file {rel} (never removed, even "
                                 f"with {FORCE_FLAG}: move it away)")
        elif stat.S_ISREG(st.st_mode) and _owned_and_unchanged(root, rel, old):
            continue
        elif force:
            plan.forced.append(rel)
        elif stat.S_ISREG(st.st_mode) and rel in old.files:
            plan.problems.append(f"{path} was changed since planner wrote it")
        elif stat.S_ISREG(st.st_mode):
            plan.problems.append(f"{path} was not written by planner")
        else:
            plan.problems.append(f"{path} is {_describe(path, st)}")
    for rel in sorted(set(old.files) - set(data)):
        if not _has_link_or_file_ancestor(root, rel) and _owned_and_unchanged(root, rel, old):
            plan.stale.append(rel)
    return plan


def _has_link_or_file_ancestor(root: Path, rel: str) -> bool:
    for parent in reversed(PurePosixPath(rel).parents):
        if str(parent) == ".":
            continue
        st = _lstat(root / parent)
        if st is None or not stat.S_ISDIR(st.st_mode):
            return True
    return False


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

    def __init__(self, plan: _Plan, staging: Path, journal: _Journal) -> None:
        self.plan = plan
        self.root = plan.unit.root
        self.staging = staging
        self.backup = staging / "backup"
        self.journal = journal
        self.created: set[str] = set()

    def stage(self) -> None:
        for rel, data in sorted(self.plan.data.items()):
            _create_file(self.staging / "new" / rel, data, make_parents=True)

    def _set_aside(self, rel: str) -> None:
        """Move what is at ``rel`` into the backup (restored on rollback, dropped on success)."""
        src = self.root / rel
        dest = self.backup / rel
        _make_folders(dest.parent)
        os.replace(src, dest)
        self.journal.undo.append(functools.partial(os.replace, dest, src))

    def _ensure_folder(self, rel: str) -> None:
        path = self.root / rel
        st = _lstat(path)
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
            if _lstat(target) is not None:
                self._set_aside(rel)
            os.replace(self.staging / "new" / rel, target)
            self.journal.undo.append(functools.partial(os.unlink, target))

    def write_manifest(self) -> None:
        folders = self.created | {f for f in self.plan.old.folders if (self.root / f).is_dir()}
        used = {str(p) for rel in self.plan.data for p in PurePosixPath(rel).parents if str(p) != "."}
        manifest = Manifest({rel: sha256(data) for rel, data in self.plan.data.items()},
                            frozenset(f for f in folders if f in used))
        staged = self.staging / MANIFEST
        _create_file(staged, manifest.to_bytes(), make_parents=False)
        target = self.root / MANIFEST
        if _lstat(target) is not None:
            self._set_aside(MANIFEST)
        os.replace(staged, target)
        self.journal.undo.append(functools.partial(os.unlink, target))

    def tidy(self) -> None:
        """After success: drop empty folders an earlier run created and this one no longer uses."""
        used = {str(p) for rel in self.plan.data for p in PurePosixPath(rel).parents if str(p) != "."}
        for folder in sorted(self.plan.old.folders - used, key=lambda f: -len(PurePosixPath(f).parts)):
            path = self.root / folder
            st = _lstat(path)
            if st is not None and stat.S_ISDIR(st.st_mode):
                with contextlib.suppress(OSError):
                    os.rmdir(path)  # only when empty: a user's file keeps its folder


def _make_folders(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


def _create_file(path: Path, data: bytes, make_parents: bool) -> None:
    """A new file (never an existing one, never through a link), mode 0o666 masked by the umask."""
    if make_parents:
        _make_folders(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
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


def _clean_leftovers(root: Path) -> None:
    """Staging folders of a run that was killed (held under the lock, so none is in use)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def check_destination(root: Path, create_parents: bool = False) -> None:
    """Refuse early (exit 2) an output folder that cannot be used: a file, or a missing parent."""
    if _lstat(root) is not None:
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
        st = _lstat(root)
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
                if _make_folder(folder):
                    created.append(folder)
        if _make_folder(root):
            created.append(root)
    return created


def _make_folder(path: Path) -> bool:
    """Create one folder (mode 0o777 masked by the umask); False when a concurrent run made it first."""
    try:
        os.mkdir(path, 0o777)
    except FileExistsError:
        if not path.is_dir():
            raise
        return False
    return True


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
                locks.enter_context(_locked(unit.root))
            for unit in ordered:
                _clean_leftovers(unit.root)
            plans = [_plan(unit, force) for unit in ordered]
            problems = [p for plan in plans for p in plan.problems]
            if problems:
                folders = ", ".join(sorted({str(plan.unit.root) for plan in plans if plan.problems}))
                raise InvalidInput(
                    f"refusing to write into {folders}: planner replaces only files it wrote itself\n"
                    + "\n".join(f"  {p}" for p in problems)
                    + f"\nnothing was written: move those away, choose another -o folder, or pass {FORCE_FLAG} to "
                      "replace them (other files in the folder are never touched)")
            _commit(plans)
            committed = True
    except OSError as exc:
        raise EnvironmentProblem(f"cannot write the output: {exc.strerror}: {exc.filename}") from exc
    finally:
        if not committed:
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # only the empty folders this run made


def _commit(plans: Sequence[_Plan]) -> None:
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


def write_tree(target: Path, files: Mapping[str, Content], *, force: bool = False,
               create_parents: bool = False) -> Path:
    """Write ``files`` into the folder ``target`` (one unit; see :func:`write_folders`)."""
    write_folders([OutputFolder(Path(target), files)], force=force, create_parents=create_parents)
    return Path(target)


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
    st = _lstat(target)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InvalidInput(f"cannot write {target}: it is a folder")
    data = _encode(content)
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
    st = _lstat(target)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InvalidInput(f"cannot write {target}: it is a folder")
