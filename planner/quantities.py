"""Kubernetes resource quantities (``250m``, ``1.5``, ``512Mi``, ``1G``) as numbers."""

from __future__ import annotations

import re

_SUFFIX = {
    "": 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
}
_QUANTITY = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")


def parse_quantity(value: str | float) -> float:
    """``"250m"`` -> 0.25, ``"512Mi"`` -> 536870912.0; raise ValueError on anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = _QUANTITY.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a Kubernetes quantity (e.g. 250m, 0.5, 512Mi, 2Gi)")
    return float(match.group(1)) * _SUFFIX[match.group(2) or ""]


def is_quantity(value: str) -> bool:
    return bool(_QUANTITY.match(str(value).strip()))
