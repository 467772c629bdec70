"""What a run asks the output writer to write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

Content = bytes | str
"""The content of one output file: text (written as UTF-8) or bytes."""


@dataclass(frozen=True)
class OutputFolder:
    """One folder of one run: ``files`` maps a relative POSIX path to its content."""

    root: Path
    files: Mapping[str, Content]
