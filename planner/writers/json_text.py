"""JSON as every command and file writes it: sorted keys, two-space indent, a trailing newline."""

from __future__ import annotations

import json
from typing import Any


def json_text(data: Any, *, ascii_only: bool = True) -> str:
    """``data`` as stable JSON text. Command output keeps ``ascii_only`` (\\u escapes survive any terminal);
    files written for people (report.json, review.sarif) keep their UTF-8 characters."""
    return json.dumps(data, indent=2, sort_keys=True, default=str, ensure_ascii=ascii_only) + "\n"
