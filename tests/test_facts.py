"""Domain facts live in one place and agree with the instance data: the review and the cost
recommendations read the same Graviton and generation relations."""

from __future__ import annotations

from planner import facts
from planner.catalog import aws_instance_specs
from planner.cost import recommend
from planner.review.rules import efficiency


def _sizes(family: str) -> dict[str, tuple[int, float]]:
    return {spec.instance_type.split(".", 1)[1]: (spec.vcpu, spec.memory_gib)
            for spec in aws_instance_specs().values() if spec.family == family}


def test_review_and_recommendations_share_the_graviton_map() -> None:
    assert set(efficiency.GRAVITON) == set(recommend.GRAVITON) == set(facts.graviton_families())
    assert all(efficiency.GRAVITON[f] == recommend.GRAVITON[f][0] for f in recommend.GRAVITON)
    assert {"t2", "m4", "c4", "r4"} <= set(efficiency.GRAVITON)  # where the two copies had drifted


def test_every_family_and_its_counterparts_exist_in_the_ec2_data() -> None:
    known = {spec.family for spec in aws_instance_specs().values()}
    for family in facts.instance_families().values():
        assert family.family in known or family.previous_generation, family.family  # p2 is retired
        for other in (*family.graviton, *filter(None, [family.newer_generation])):
            assert other in known, (family.family, other)
        assert family.source


def test_a_counterpart_offers_the_virtualised_sizes_with_no_less_cpu_or_memory() -> None:
    # what the catalog's source column states: same sizes, at least the vCPUs, memory within 7 %,
    # with the one exception it names (c4.8xlarge: 36 vCPUs, c6g.8xlarge: 32)
    named_exceptions = {("c4", "c6g", "8xlarge")}
    for family, relation in facts.instance_families().items():
        for other in (*relation.graviton, *filter(None, [relation.newer_generation])):
            ours, theirs = _sizes(family), _sizes(other)
            common = {size for size in set(ours) & set(theirs) if size != "metal"}
            assert common, (family, other)
            for size in common - {s for f, o, s in named_exceptions if (f, o) == (family, other)}:
                assert theirs[size][0] >= ours[size][0], (family, other, size)
                assert ours[size][1] <= theirs[size][1] <= ours[size][1] * 1.07, (family, other, size)


def test_hours_per_month_is_one_value() -> None:
    assert facts.HOURS_PER_MONTH == 8760 / 12
