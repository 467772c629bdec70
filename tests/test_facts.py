"""Domain facts live in one place and agree with the instance data: the review and the cost
recommendations read the same Graviton and generation relations."""

from __future__ import annotations

import csv

from planner import facts
from planner.catalog import aws_instance_specs, eni_limits
from planner.cost import recommend
from planner.datafiles import CATALOG_DIR
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


# EKS's published max pods per node (github:awslabs/amazon-eks-ami templates/shared/runtime/eni-max-pods.txt
# @0254c5b490f8, 2025-12-10): multi-card types count the ENIs of the default network card as EC2 reports them.
PUBLISHED_MAX_PODS = {"i7ie.48xlarge": 737, "i8ge.48xlarge": 1178, "p5.48xlarge": 100, "c6in.32xlarge": 394,
                      "trn1.32xlarge": 247, "c5.18xlarge": 737, "m6i.large": 29, "t3.medium": 17, "t3a.small": 8}


def test_eks_max_pods_match_the_published_list() -> None:
    specs = aws_instance_specs()
    assert {t: specs[t].max_pods for t in PUBLISHED_MAX_PODS} == PUBLISHED_MAX_PODS


def test_every_eni_limit_row_names_its_source() -> None:
    limits = eni_limits()
    assert len(limits) > 1000 and all(enis >= 1 and ips >= 1 for enis, ips in limits.values())
    with (CATALOG_DIR / "eks-eni-limits.csv").open() as handle:
        assert all(row["source"].startswith("github:awslabs/amazon-eks-ami") and row["read_on"]
                   for row in csv.DictReader(handle))


def test_node_allocatable_follows_the_eks_and_gke_reservations() -> None:
    from planner.k8s_capacity import allocatable

    # EKS m5.large: 2 vCPU, 8 GiB, 29 pods: CPU 2000 - (60 + 10) = 1930m; memory 8192 - (11*29 + 255) - 100 MiB
    assert allocatable("aws", 2, 8.0, 29) == allocatable("aws", 2, 8.0, 29).__class__(1930.0, 8192 - 574 - 100)
    # GKE n1-standard-1: 1 vCPU, 3.75 GiB: CPU 940m; memory 3840 - 25% of 3840 - 100 = 2780 MiB
    gke = allocatable("gcp", 1, 3.75, 110)
    assert (gke.cpu_millicores, gke.memory_mib) == (940.0, 2780.0)
    # 16 vCPU: 60 + 10 + 10 + 12 * 2.5 = 110m reserved
    assert allocatable("aws", 16, 64.0, 234).cpu_millicores == 16000 - 110
