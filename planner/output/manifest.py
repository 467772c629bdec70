"""``.planner-output.json``: the record of what planner wrote into a folder, and the names it reserves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.errors import InvalidInput
from planner.output.fileops import read_no_follow

MANIFEST = ".planner-output.json"
MANIFEST_SCHEMA = "planner.output/v1"
STAGING_PREFIX = ".planner-staging-"


def safe_relative(rel: str) -> PurePosixPath:
    """Refuse paths that could leave the output folder (absolute, '..', drive letters)."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts) or ":" in rel \
            or "\\" in rel or rel.endswith("/"):
        raise InvalidInput(f"refusing to write {rel!r}: it would leave the output folder")
    if path.name == MANIFEST or path.parts[0].startswith(STAGING_PREFIX):
        raise InvalidInput(f"refusing to write {rel!r}: the name is reserved for planner's own bookkeeping")
    return path


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


def read_manifest(root: Path) -> Manifest:
    """The manifest of ``root``; an absent or unreadable one means planner wrote nothing there."""
    raw = read_no_follow(root / MANIFEST)
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
