"""Reading an estimate for ``planner diff``: a blueprint is analysed and estimated, a saved
``planner estimate --format json`` is read back into the typed estimate. File reading belongs to the CLI,
not to the cost stage."""

from __future__ import annotations

import json
from pathlib import Path

from planner.cost.estimate import estimate
from planner.cost.results import Estimate, NotAnEstimate, estimate_from_json
from planner.errors import InvalidInput
from planner.pipeline import analyze


def load_estimate(path: str) -> Estimate:
    """The estimate of a blueprint (.yaml/.yml) or of a saved ``planner estimate --format json``."""
    if Path(path).suffix.lower() == ".json":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInput(f"{path}: not a readable estimate JSON ({exc})") from exc
        try:
            return estimate_from_json(data)
        except NotAnEstimate as exc:
            detail = f" ({exc})" if str(exc) else ""
            raise InvalidInput(f"{path}: not an estimate (expected the output of planner estimate --format json)"
                               f"{detail}") from None
    return estimate(analyze(path))
