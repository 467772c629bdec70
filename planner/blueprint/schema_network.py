"""Blueprint models of the network (VPC, subnets) and its security groups, with the port-range parser.

Re-exported by :mod:`planner.blueprint.schema`; import from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from planner.blueprint.schema_base import Cidr, Model, Name, Tier


# --------------------------------------------------------------------------------------- network
class Subnet(Model):
    name: Name
    tier: Tier | None = Field(None, description="required on AWS; defaults to private on GCP")
    prefix: int | None = Field(None, ge=0, le=32, description="carve one block of this size per zone")
    cidrs: list[Cidr] | None = Field(None, description="explicit blocks, one per zone, in zone order")
    zones: list[str] | None = Field(None, description="subset of network.zones (default: all of them)")
    secondary: dict[str, Cidr] | None = Field(None, description="GCP only: named secondary ranges")

    @model_validator(mode="after")
    def _prefix_or_cidrs(self) -> Subnet:
        if (self.prefix is None) == (self.cidrs is None):
            raise ValueError("give exactly one of 'prefix' (carved per zone) or 'cidrs' (explicit)")
        return self


class Network(Model):
    cidr: Cidr
    zones: list[str] = Field(min_length=1)
    nat: Literal["none", "single", "per-zone"] | None = Field(None, description="AWS only")
    subnets: list[Subnet] = Field(default_factory=list)
    acls: list[NetworkAcl] = Field(default_factory=list, description=(
        "AWS network ACLs: stateless rules at the subnet edge, evaluated by rule number; subnets not named "
        "keep the VPC's default ACL (all traffic allowed)"))


# ------------------------------------------------------------------------------ security groups
def _ports(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


_PORT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 65535}, {"type": "string"}]}
_PORTS_SCHEMA: dict[str, Any] = {"anyOf": [_PORT, {"type": "array", "items": _PORT}],
                                 "description": '80 | "8000-8100" | [80, 443] | "all"'}


# One port, a 'low-high' range or 'all', or a list of them; checked by port_range (defined below).
Ports = Annotated[list[int | str], BeforeValidator(_ports), AfterValidator(lambda ports: _checked_ports(ports)),
                  WithJsonSchema(_PORTS_SCHEMA)]


class Rule(Model):
    ports: Ports = Field(min_length=1, description='80 | "8000-8100" | [80, 443] | "all"')
    source: str | None = Field(None, description="CIDR or sg:NAME (ingress)")
    destination: str | None = Field(None, description="CIDR or sg:NAME (egress)")
    protocol: Literal["tcp", "udp", "icmp", "all"] = "tcp"
    description: str | None = None



def _checked_ports(ports: list[int | str]) -> list[int | str]:
    """Every entry is a port, a 'low-high' range or 'all' (ValueError otherwise, located by pydantic)."""
    for port in ports:
        port_range(port)
    return ports


def port_range(port: int | str) -> tuple[int, int]:
    """``80`` -> (80, 80); ``"8000-8100"`` -> (8000, 8100); ``"all"`` -> (0, 65535)."""
    if isinstance(port, bool):
        raise ValueError("a port is a number, a 'low-high' range or 'all'")  # noqa: TRY004 - pydantic reports ValueError as a validation error
    if isinstance(port, int):
        low = high = port
    elif port == "all":
        return (0, 65535)
    else:
        parts = str(port).split("-")
        if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
            raise ValueError(f"{port!r} is not a port, a 'low-high' range or 'all'")
        low, high = int(parts[0]), int(parts[-1])
    if not 0 <= low <= high <= 65535:
        raise ValueError(f"{port!r} is outside 0-65535 or the range is reversed")
    return (low, high)


class SecurityGroup(Model):
    name: Name
    description: str | None = None
    ingress: list[Rule] = Field(default_factory=list)
    egress: list[Rule] | None = Field(None, description="default: all traffic out, as on AWS")


# ------------------------------------------------------------------------------ network ACLs
class AclRule(Model):
    rule: int = Field(ge=1, le=32766, description="rule number: lower numbers are evaluated first (1-32766)")
    ports: Ports = Field(min_length=1, description='80 | "1024-65535" | [80, 443] | "all"')
    source: Cidr | None = Field(None, description="CIDR the traffic comes from (ingress)")
    destination: Cidr | None = Field(None, description="CIDR the traffic goes to (egress)")
    protocol: Literal["tcp", "udp", "icmp", "all"] = "tcp"
    action: Literal["allow", "deny"] = "allow"



class NetworkAcl(Model):
    name: Name
    subnets: list[str] = Field(min_length=1, description="the blueprint's subnets the ACL guards (every zone)")
    ingress: list[AclRule] = Field(default_factory=list)
    egress: list[AclRule] = Field(default_factory=list)


Network.model_rebuild()  # its acls refer to NetworkAcl, defined after it
