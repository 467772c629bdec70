"""The estimate as typed, immutable values: what the estimate stage returns and every writer reads.

``to_dict`` is the JSON writer's view of each value (the keys and order of ``planner estimate --format json``);
:func:`estimate_from_json` reads that view back (``planner diff`` of a saved estimate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from planner.money import cents

SERVICE_NAMES = {"ec2": "EC2", "ebs": "EBS", "s3": "S3", "eks": "EKS", "nat": "NAT gateway", "elb": "Load balancing",
                 "data-transfer": "Data transfer", "rds": "RDS", "gce": "Compute Engine", "pd": "Persistent Disk",
                 "gke": "GKE", "gcs": "Cloud Storage", "vpc": "VPC (public IPv4)", "cloud-lb": "Cloud Load Balancing"}


def service_name(service: str) -> str:
    """The display name of a price-table service (``ec2`` -> ``EC2``); unknown services as they are."""
    return SERVICE_NAMES.get(service, service)


@dataclass(frozen=True, slots=True)
class PricedComponent:
    """One priced line of a resource: a quantity (None: depends on usage) at a unit price, with its source."""

    name: str
    service: str
    unit: str
    quantity: float | None
    unit_price_usd: float  # negative for a credit (e.g. a sustained-use discount)
    monthly_usd: float | None  # rounded to cents; None when the quantity depends on usage
    usage_based: bool
    price_key: str
    price_source: str
    estimate: bool  # the catalog marks the price as an estimate (spot prices float)

    @property
    def exact_monthly_usd(self) -> float | None:
        """The line's amount before rounding to cents (quantity x unit price)."""
        return None if self.quantity is None else self.quantity * self.unit_price_usd

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "service": self.service, "unit": self.unit, "quantity": self.quantity,
                "unit_price_usd": self.unit_price_usd, "monthly_usd": self.monthly_usd,
                "usage_based": self.usage_based, "price_key": self.price_key, "price_source": self.price_source,
                "estimate": self.estimate}


@dataclass(frozen=True, slots=True)
class ResourceCost:
    """The priced lines of one resource (``instances.web``) and their sum, rounded to cents."""

    address: str
    kind: str
    monthly_usd: float
    components: tuple[PricedComponent, ...]

    def to_dict(self, complete: bool) -> dict[str, Any]:
        return {"address": self.address, "kind": self.kind, "monthly_usd": self.monthly_usd,
                "components": [c.to_dict() for c in self.components], "complete": complete}


@dataclass(frozen=True, slots=True)
class Unpriced:
    """A component the catalog cannot price: listed with the key that was missing, never counted as $0."""

    address: str
    name: str
    key: str
    service: str
    quantity: float | None
    unit: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "name": self.name, "key": self.key, "service": self.service,
                "quantity": self.quantity, "unit": self.unit, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class DependsOnUsage:
    """A usage-based component with no usage figure: its unit price is shown, its amount is not counted."""

    address: str
    name: str
    unit: str
    unit_price_usd: float

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "name": self.name, "unit": self.unit, "unit_price_usd": self.unit_price_usd}


@dataclass(frozen=True, slots=True)
class EstimatedPrice:
    """A line priced from a catalog row marked ``estimate``: counted, and said so."""

    address: str
    name: str
    monthly_usd: float | None
    price_key: str

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "name": self.name, "monthly_usd": self.monthly_usd,
                "price_key": self.price_key}


@dataclass(frozen=True, slots=True)
class ServiceSubtotal:
    """The priced lines of one service; ``complete`` is False when the service has an unpriced component."""

    service: str
    monthly_usd: float
    complete: bool

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "monthly_usd": self.monthly_usd, "complete": self.complete}


@dataclass(frozen=True, slots=True)
class Estimate:
    """The monthly cost of one blueprint: priced resources, what is unpriced or usage-based, and assumptions."""

    blueprint: str
    provider: str
    region: str
    total_monthly_usd: float
    resources: tuple[ResourceCost, ...] = ()
    unpriced: tuple[Unpriced, ...] = ()
    depends_on_usage: tuple[DependsOnUsage, ...] = ()
    assumptions: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every component is priced; otherwise the total misses the ``unpriced`` components."""
        return not self.unpriced

    def incomplete_addresses(self) -> set[str]:
        """The resource paths with at least one unpriced component."""
        return {u.address for u in self.unpriced}

    def resource(self, address: str) -> ResourceCost | None:
        return next((r for r in self.resources if r.address == address), None)

    def by_service(self) -> list[ServiceSubtotal]:
        """Subtotals per service, largest first."""
        totals: dict[str, float] = {}
        for res in self.resources:
            for comp in res.components:
                if comp.monthly_usd is not None:
                    name = service_name(comp.service)
                    totals[name] = totals.get(name, 0.0) + comp.monthly_usd
        missing = {service_name(u.service) for u in self.unpriced}
        return [ServiceSubtotal(k, cents(v), k not in missing) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])]

    def estimated_prices(self) -> list[EstimatedPrice]:
        """Lines priced from a catalog row marked ``estimate`` (spot prices float)."""
        return [EstimatedPrice(res.address, comp.name, comp.monthly_usd, comp.price_key)
                for res in self.resources for comp in res.components if comp.estimate]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; ``complete`` False means ``total_monthly_usd`` leaves out the ``unpriced`` components."""
        incomplete = self.incomplete_addresses()
        return {"blueprint": self.blueprint, "provider": self.provider, "region": self.region,
                "total_monthly_usd": cents(self.total_monthly_usd), "currency": "USD", "complete": self.complete,
                "resources": [r.to_dict(r.address not in incomplete) for r in self.resources],
                "by_service": [s.to_dict() for s in self.by_service()],
                "unpriced": [u.to_dict() for u in self.unpriced],
                "depends_on_usage": [d.to_dict() for d in self.depends_on_usage],
                "estimated_prices": [e.to_dict() for e in self.estimated_prices()],
                "assumptions": list(self.assumptions)}


_ESTIMATE_JSON = TypeAdapter(Estimate)


class NotAnEstimate(ValueError):
    """The data is not the JSON view of an estimate; the message says which field is wrong."""


def estimate_from_json(data: object) -> Estimate:
    """An :class:`Estimate` from its JSON view (``planner estimate --format json``); derived keys are ignored.

    Raises NotAnEstimate naming the first field that is missing or of the wrong type."""
    if not isinstance(data, dict) or "resources" not in data or "total_monthly_usd" not in data:
        raise NotAnEstimate("")
    try:
        return _ESTIMATE_JSON.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise NotAnEstimate(f"{where}: {first['msg']}") from None
