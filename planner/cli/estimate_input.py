"""Reading an estimate for ``planner diff``: a blueprint is analysed and estimated, a saved
``planner estimate --format json`` is read as it is. File reading belongs to the CLI, not to the
cost stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.cost.estimate import estimate
from planner.errors import InvalidInput
from planner.pipeline import analyze


def load_estimate(path: str) -> dict[str, Any]:
    """An estimate dict from a blueprint (.yaml/.yml) or a saved ``planner estimate --format json``."""
    if Path(path).suffix.lower() == ".json":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInput(f"{path}: not a readable estimate JSON ({exc})") from exc
        if not isinstance(data, dict) or "resources" not in data or "total_monthly_usd" not in data:
            raise InvalidInput(f"{path}: not an estimate (expected the output of planner estimate --format json)")
        return data
    return estimate(analyze(path)).to_dict()
