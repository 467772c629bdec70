"""IPv4 address arithmetic: carving aligned subnets out of a VPC range.

Pure functions over integers; no knowledge of blueprints. AWS keeps five addresses of every subnet
(network, router .1, DNS .2, reserved .3, broadcast), Google Cloud keeps four.
"""

from __future__ import annotations

import bisect
import ipaddress
import math
from dataclasses import dataclass

RESERVED_PER_SUBNET = {"aws": 5, "gcp": 4}


@dataclass(frozen=True, order=True, slots=True)
class Block:
    """A CIDR block as the integer range [start, end]."""

    start: int
    end: int

    @classmethod
    def parse(cls, cidr: str) -> Block:
        net = ipaddress.IPv4Network(cidr, strict=False)
        return cls(int(net.network_address), int(net.broadcast_address))

    @property
    def size(self) -> int:
        return self.end - self.start + 1

    @property
    def prefix(self) -> int:
        return 32 - (self.size.bit_length() - 1)

    def overlaps(self, other: Block) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Block) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return f"{ipaddress.IPv4Address(self.start)}/{self.prefix}"


def usable_addresses(prefix: int, provider: str = "aws") -> int:
    """Addresses a subnet of this size offers to resources (a /24 on AWS: 251)."""
    return max(0, (1 << (32 - prefix)) - RESERVED_PER_SUBNET[provider])


def is_private(cidr: str) -> bool:
    """True for RFC 1918 ranges (10/8, 172.16/12, 192.168/16)."""
    net = ipaddress.IPv4Network(cidr, strict=False)
    return any(net.subnet_of(ipaddress.IPv4Network(r)) for r in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


class Allocator:
    """First-fit, aligned allocation of blocks inside one range, avoiding what is already taken.

    Allocation walks the sorted taken blocks from the first one that could collide, so carving
    subnets in declaration order is deterministic and costs O(taken) per block at worst.
    """

    def __init__(self, within: Block, taken: list[Block] | None = None) -> None:
        self.within = within
        self._taken: list[Block] = sorted(taken or [])

    def take(self, block: Block) -> None:
        bisect.insort(self._taken, block)

    def allocate(self, prefix: int) -> Block | None:
        """The lowest free aligned block of ``prefix`` bits inside the range, or None if full."""
        size = 2 ** (32 - prefix)
        candidate = _align_up(self.within.start, size)
        index = max(0, bisect.bisect_left(self._taken, Block(candidate, candidate)) - 1)
        while candidate + size - 1 <= self.within.end:
            block = Block(candidate, candidate + size - 1)
            while index < len(self._taken) and self._taken[index].end < block.start:
                index += 1
            if index < len(self._taken) and self._taken[index].overlaps(block):
                candidate = _align_up(self._taken[index].end + 1, size)
                continue
            self.take(block)
            return block
        return None


def _align_up(value: int, size: int) -> int:
    return (value + size - 1) // size * size


def gke_pod_prefix_per_node(max_pods: int) -> int:
    """GKE gives each node a pod range of ``32 - ceil(log2(2 * max_pods))`` bits (110 pods: /24)."""
    return 32 - math.ceil(math.log2(2 * max_pods))
