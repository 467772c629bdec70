"""CIDR carving: aligned, inside the VPC, never overlapping, deterministic (hypothesis properties)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.network import Allocator, Block, gke_pod_prefix_per_node, usable_addresses


def test_aws_keeps_five_addresses_per_subnet() -> None:
    assert usable_addresses(24) == 251
    assert usable_addresses(28) == 11
    assert usable_addresses(24, "gcp") == 252


def test_gke_pod_range_per_node() -> None:
    assert gke_pod_prefix_per_node(110) == 24
    assert gke_pod_prefix_per_node(32) == 26
    assert gke_pod_prefix_per_node(8) == 28


def test_carving_skips_explicit_blocks_and_fills_gaps_first_fit() -> None:
    allocator = Allocator(Block.parse("10.0.0.0/16"), [Block.parse("10.0.0.0/24")])
    assert [str(allocator.allocate(p)) for p in (24, 20, 24)] == ["10.0.1.0/24", "10.0.16.0/20", "10.0.2.0/24"]


def test_full_range_returns_none() -> None:
    allocator = Allocator(Block.parse("10.0.0.0/24"))
    assert [str(allocator.allocate(26)) for _ in range(5)] == [
        "10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26", "None"]


@settings(max_examples=200, deadline=None)
@given(
    vpc_prefix=st.integers(16, 24),
    explicit=st.lists(st.tuples(st.integers(0, 255), st.integers(24, 28)), max_size=4),
    requests=st.lists(st.integers(16, 28), min_size=1, max_size=30),
)
def test_carved_blocks_never_overlap_and_stay_inside(vpc_prefix: int, explicit: list[tuple[int, int]],
                                                    requests: list[int]) -> None:
    vpc = Block.parse(f"10.0.0.0/{vpc_prefix}")
    taken = []
    for offset, prefix in explicit:
        size = 2 ** (32 - prefix)
        start = vpc.start + (offset * size) % vpc.size
        block = Block(start, start + size - 1)
        if vpc.contains(block) and not any(block.overlaps(t) for t in taken):
            taken.append(block)

    def carve() -> list[Block | None]:
        allocator = Allocator(vpc, list(taken))
        return [allocator.allocate(p) for p in requests]

    first = carve()
    assert first == carve(), "carving is deterministic"
    got = [b for b in first if b is not None]
    everything = got + taken
    for i, a in enumerate(everything):
        assert vpc.contains(a)
        for b in everything[i + 1:]:
            assert not a.overlaps(b)
    for block, prefix in zip(first, requests, strict=True):
        if block is not None:
            assert block.prefix == prefix
            assert block.start % block.size == 0, "aligned"
