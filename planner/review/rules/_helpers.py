"""Small helpers the rule groups share."""

from __future__ import annotations

import re

from planner.blueprint.schema import Rule as SgRule
from planner.blueprint.schema import port_range

WORLD = ("0.0.0.0/0", "::/0")
ADMIN_PORTS = {22: "SSH", 3389: "RDP"}
DATABASE_PORTS = {3306: "MySQL", 5432: "PostgreSQL", 1433: "SQL Server", 1521: "Oracle", 27017: "MongoDB",
                  6379: "Redis", 9200: "Elasticsearch", 5439: "Redshift", 11211: "Memcached"}
SECRET_NAME = re.compile(r"(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)", re.IGNORECASE)


def open_ports(rule: SgRule, ports: dict[int, str]) -> list[str]:
    """Names of the ``ports`` that ``rule`` opens."""
    hits = []
    for spec in rule.ports:
        low, high = port_range(spec)
        hits += [f"{name} {port}" for port, name in ports.items() if low <= port <= high]
    return hits


def widest_range(rule: SgRule) -> int:
    return max(port_range(p)[1] - port_range(p)[0] + 1 for p in rule.ports)


def image_tag(image: str) -> str | None:
    """The tag of an image reference, None when it has none (``nginx``) or pins a digest."""
    if "@" in image:
        return "digest"
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None
