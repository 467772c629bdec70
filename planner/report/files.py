"""Compatibility home of the output writers: everything lives in :mod:`planner.output`."""

from __future__ import annotations

from planner.output import (
    OutputFolder,
    check_destination,
    safe_relative,
    write_file,
    write_folders,
    write_tree,
)

__all__ = ["OutputFolder", "check_destination", "safe_relative", "write_file", "write_folders", "write_tree"]
