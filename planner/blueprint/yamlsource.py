"""Safe YAML reading that remembers the source line of every node.

Why not ``yaml.safe_load``: it forgets where values came from, silently keeps the last of two
duplicate keys, and expands aliases without bound. We drive PyYAML's C event parser
(``CSafeLoader``; pure-Python ``SafeLoader`` where libyaml is missing) and build plain Python data
ourselves with an explicit stack, so that

- every node's line is recorded under its YAML path (``("instances", 1, "type")``);
- only the standard YAML 1.1 tags are accepted (``!!python/...`` and custom tags are refused);
- nesting depth, alias expansion and file size are bounded, so a "billion laughs" file fails fast;
- duplicate keys are errors;
- merge keys (``<<: *defaults``) work as in PyYAML's safe loader.

No recursion is used, so deeply nested input cannot overflow the C stack.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field
from typing import Any

import yaml

from planner.errors import InvalidInput
from planner.findings import Finding, Path

try:  # the C-accelerated loader when libyaml is present
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 5_000_000
"""Total nodes after alias expansion; a legitimate 8,000-group blueprint has well under 1M."""

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS: set[str | None] = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_ALLOWED_TAGS |= {"!", None}
_MERGE_TAG = f"{_STD}merge"


@dataclass
class SourceDocument:
    """Plain data parsed from one YAML file, with the line of every node."""

    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        lines = self.lines
        while True:
            found = lines.get(path)
            if found is not None:
                return found
            if not path:
                return None
            path = path[:-1]


@dataclass
class _Frame:
    kind: str  # "map" | "seq"
    path: Path
    value: Any
    anchor: str | None
    line: int
    size: int = 1
    key: Any = None
    key_pending: bool = True
    key_line: int = 0
    merges: list[dict[Any, Any]] = field(default_factory=list)
    merge_next: bool = False


_MERGE = object()
"""Marks a plain ``<<`` key: PyYAML's merge key, not the string "<<"."""


def _fail(file: str, line: int | None, path: Path, message: str, fix: str) -> InvalidInput:
    problem = Finding("yaml", "error", message, path, fix, file, line)
    return InvalidInput(problem.render(), [problem])


def _scalar(loader: Any, event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    value = event.value
    if tag in (None, "!"):
        tag = loader.resolve(yaml.ScalarNode, value, event.implicit) if event.implicit[0] else f"{_STD}str"
    if tag == f"{_STD}str" or tag == f"{_STD}timestamp":
        # Timestamps stay text: a blueprint never needs a datetime object.
        return value
    node = yaml.ScalarNode(tag, value)
    if tag == f"{_STD}int":
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    if tag == f"{_STD}float":
        return yaml.SafeLoader.construct_yaml_float(loader, node)
    if tag == f"{_STD}bool":
        return yaml.SafeLoader.construct_yaml_bool(loader, node)
    if tag == f"{_STD}null":
        return None
    if tag == _MERGE_TAG:
        return _MERGE
    if tag in (f"{_STD}binary", f"{_STD}value", f"{_STD}yaml"):
        raise ValueError(f"the YAML type {tag!r} is not supported in a blueprint")
    return value


def read_yaml(path: str | os.PathLike[str], *, display_name: str | None = None) -> SourceDocument:
    """Read one YAML file into plain data with line numbers; raise :class:`InvalidInput`."""
    file = display_name or os.fspath(path)
    if os.path.isdir(path):
        yamls = sorted(p.name for p in pathlib.Path(path).glob("*.yaml"))[:1]
        raise _fail(file, None, (), "is a folder, not a blueprint file",
                    f"name a blueprint file in it, e.g. {os.path.join(file, yamls[0])}" if yamls
                    else "name a blueprint file (a .yaml file)")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise _fail(file, None, (), f"cannot read the file ({exc.strerror})", "check the path") from exc
    if size > MAX_FILE_BYTES:
        raise _fail(
            file, None, (), f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
            "split the environment into several blueprints",
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise _fail(file, None, (), f"cannot read the file ({exc.strerror})", "check the path") from exc
    return parse_yaml(raw, file)


def parse_yaml(raw: bytes | str, file: str = "<string>") -> SourceDocument:
    """Parse YAML text (see module doc for the rules); raise :class:`InvalidInput`."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fail(file, None, (), "file is not UTF-8 text", "save it as UTF-8") from exc
    else:
        text = raw
    if len(text) > MAX_FILE_BYTES:
        raise _fail(file, None, (), "document over the size limit", "split the environment")
    loader = _Loader(text)
    try:
        return _build(loader, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "nesting depth" in problem:  # libyaml 0.2.6+ stops deep flow nesting in its scanner, before us
            raise _fail(file, line, (), f"nesting deeper than {MAX_DEPTH} levels",
                        "flatten the structure") from exc
        raise _fail(file, line, (), f"YAML syntax error: {problem}",
                    "fix the indentation or quoting near this line") from exc
    except yaml.YAMLError as exc:
        raise _fail(file, None, (), f"YAML error: {exc}", "fix the YAML syntax") from exc
    finally:
        loader.dispose()


def _build(loader: Any, file: str) -> SourceDocument:
    """Build plain data and its line map from the loader's events (no recursion)."""
    return _Builder(loader, file).run()


class _Builder:
    """One parse in progress: the stack of open containers, the anchors, the line map and the alias budget."""

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[Path, int] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.expanded = 0
        self.documents = 0

    def run(self) -> SourceDocument:
        """Consume every event of the loader and return the finished document."""
        while self.loader.check_event():
            event = self.loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            self._handle(event, line)
        return SourceDocument(self.root, self.file, self.lines)

    def _handle(self, event: Any, line: int) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._scalar_event(event, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start_event(event, line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._end_event()
        elif isinstance(event, yaml.AliasEvent):
            self._alias_event(event, line)
        elif isinstance(event, yaml.DocumentStartEvent):
            self._document_start(line)

    # --- events -------------------------------------------------------------------------------------

    def _scalar_event(self, event: yaml.ScalarEvent, line: int) -> None:
        if event.tag not in (None, "!") and event.tag != _MERGE_TAG:
            self._check_tag(event.tag, line, self._current_path())
        try:
            value = _scalar(self.loader, event)
        except ValueError as exc:
            raise _fail(self.file, line, self._current_path(), str(exc), "write the value as plain text") from exc
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, 1, line)

    def _start_event(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent, line: int) -> None:
        self._check_tag(event.tag, line, self._current_path())
        if len(self.stack) >= MAX_DEPTH:
            raise _fail(self.file, line, self._current_path(), f"nesting deeper than {MAX_DEPTH} levels",
                        "flatten the structure")
        is_map = isinstance(event, yaml.MappingStartEvent)
        path = self._current_path()
        if not self.stack:
            self.lines[()] = line
        self.stack.append(_Frame("map" if is_map else "seq", path, {} if is_map else [], event.anchor, line))

    def _end_event(self) -> None:
        frame = self.stack.pop()
        value = _merged(frame.value, frame.merges) if frame.kind == "map" else frame.value
        if frame.anchor:
            self.anchors[frame.anchor] = (value, frame.size)
        self.expanded -= frame.size - 1  # children were already counted as they were attached
        self._attach(value, frame.size, self.lines.get(frame.path, frame.line) if self.stack else frame.line)

    def _alias_event(self, event: yaml.AliasEvent, line: int) -> None:
        if event.anchor not in self.anchors:
            raise _fail(self.file, line, self._current_path(), f"unknown alias *{event.anchor}",
                        "define the anchor (&name) before using it")
        value, size = self.anchors[event.anchor]
        self._attach(value, size, line)

    def _document_start(self, line: int) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _fail(self.file, line, (), "more than one YAML document in the file",
                        "keep one blueprint per file (remove the extra '---')")

    # --- placing finished values --------------------------------------------------------------------

    def _attach(self, value: Any, size: int, line: int) -> None:
        """Count ``value`` against the alias budget and put it into the open container (or make it the root)."""
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise _fail(
                self.file, line, self.stack[-1].path if self.stack else (),
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes",
                "remove the nested anchors and aliases (a 'billion laughs' pattern)",
            )
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if top.kind == "seq":
            self._append_item(top, value, line)
        elif top.key_pending:
            self._take_key(top, value, line)
        else:
            self._take_value(top, value, line)

    def _append_item(self, top: _Frame, value: Any, line: int) -> None:
        path = (*top.path, len(top.value))
        top.value.append(value)
        self.lines[path] = line

    def _take_key(self, top: _Frame, value: Any, line: int) -> None:
        if value is _MERGE:
            top.merge_next = True
        else:
            if isinstance(value, (dict, list)):
                raise _fail(self.file, line, top.path, "a mapping key must be a plain value", "use a string key")
            top.key = value
        top.key_pending = False
        top.key_line = line

    def _take_value(self, top: _Frame, value: Any, line: int) -> None:
        if top.merge_next:
            self._take_merge(top, value, line)
        else:
            key = top.key
            if key in top.value:
                raise _fail(
                    self.file, top.key_line, (*top.path, key),
                    f"duplicate key {key!r} (first on line {self.lines.get((*top.path, key))})",
                    "keep one of the two entries",
                )
            top.value[key] = value
            self.lines[(*top.path, key)] = top.key_line
        top.key_pending = True

    def _take_merge(self, top: _Frame, value: Any, line: int) -> None:
        """The value of a ``<<`` key: one mapping or a list of mappings, merged when the mapping ends."""
        merged = value if isinstance(value, list) else [value]
        if not all(isinstance(m, dict) for m in merged):
            raise _fail(self.file, line, top.path, "a merge key '<<' needs a mapping or a list of mappings",
                        "point '<<' at an anchored mapping")
        top.merges.extend(merged)
        top.merge_next = False

    # --- helpers ------------------------------------------------------------------------------------

    def _check_tag(self, tag: str | None, line: int, path: Path) -> None:
        if tag not in _ALLOWED_TAGS:
            raise _fail(self.file, line, path, f"the tag {tag!r} is not allowed in a blueprint",
                        "remove the tag; blueprints hold plain data only")

    def _current_path(self) -> Path:
        """The YAML path the next value will get."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.kind == "seq":
            return (*top.path, len(top.value))
        return (*top.path, top.key) if not top.key_pending else top.path


def _merged(value: dict[Any, Any], merges: list[dict[Any, Any]]) -> dict[Any, Any]:
    """A mapping with its ``<<`` sources applied: own keys win, then earlier sources over later ones."""
    if not merges:
        return value
    merged: dict[Any, Any] = {}
    for source in reversed(merges):
        merged.update(source)
    merged.update(value)
    return merged
