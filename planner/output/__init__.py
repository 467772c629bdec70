"""Write planner's output without ever touching what the user put there.

This package is the public face; the jobs live in its modules: :mod:`.model` (what to write),
:mod:`.manifest` (``.planner-output.json``), :mod:`.writeplan` (collisions, stale files),
:mod:`.commit` (staging, atomic moves, rollback), :mod:`.folders` (one run's folders),
:mod:`.single` (one named file) and :mod:`.fileops` (link-safe low-level writes).

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

from planner.output.fileops import sha256, umask
from planner.output.folders import check_destination, write_folders, write_tree
from planner.output.manifest import (
    MANIFEST,
    MANIFEST_SCHEMA,
    STAGING_PREFIX,
    Manifest,
    read_manifest,
    safe_relative,
)
from planner.output.model import Content, OutputFolder
from planner.output.single import check_destination_file, write_file
from planner.output.writeplan import FORCE_FLAG

__all__ = [
    "FORCE_FLAG", "MANIFEST", "MANIFEST_SCHEMA", "STAGING_PREFIX", "Content", "Manifest", "OutputFolder",
    "check_destination", "check_destination_file", "read_manifest", "safe_relative", "sha256", "umask", "write_file",
    "write_folders", "write_tree",
]
