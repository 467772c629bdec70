"""Usage the blueprint states: internet egress, inter-zone and inter-region transfer."""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.cost.declare.component import Component


def usage(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    aws = bp.provider == "aws"
    out: list[Component] = []
    usage = bp.usage
    out.append(Component("usage.data_transfer_out", "usage", "data-transfer", "data transfer out to the internet", "gb",
                         usage.data_transfer_out_gb, "internet-out", usage_based=True))
    if usage.inter_az_gb is not None:
        # AWS bills a GB that crosses zones twice: leaving one zone and entering the other.
        sides = 2 if aws else 1
        out.append(Component("usage.inter_az", "usage", "data-transfer",
                             "data transfer between zones" + (" (billed out and in)" if aws else ""), "gb",
                             usage.inter_az_gb * sides, "inter-az", usage_based=True))
    if usage.inter_region_gb is not None:
        out.append(Component("usage.inter_region", "usage", "data-transfer", "data transfer to other regions", "gb",
                             usage.inter_region_gb, "inter-region", usage_based=True))
    return out
