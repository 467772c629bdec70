"""Generate synthetic blueprints of N instance groups (with proportional buckets and workloads).

Usage: python bench/generate.py N [OUT]   (default OUT: bench/blueprints/synthetic-N.yaml)

The shape is fixed and deterministic (no randomness), so timings compare across runs: per 10
instance groups there are 2 buckets with lifecycle rules, 4 workloads, 1 security group and, per
100 groups, one EKS node group. The network is a /16: a /24 public, /18 app and /24 data subnet per zone.
"""

from __future__ import annotations

import sys
from pathlib import Path

TYPES = ["t3.large", "m5.large", "c5.xlarge", "r5.large", "m6i.large", "t3.medium", "c6i.large", "m6g.large"]


def blueprint_text(groups: int) -> str:
    out: list[str] = [
        "version: 1",
        f"name: synthetic-{groups}",
        "provider: aws",
        "region: us-east-1",
        "tags: {owner: bench, env: test}",
        "network:",
        "  cidr: 10.0.0.0/16",
        "  zones: [a, b, c]",
        "  nat: per-zone",
        "  subnets:",
        "    - {name: public, tier: public, prefix: 24}",
        "    - {name: app, tier: private, prefix: 18}",
        "    - {name: data, tier: isolated, prefix: 24}",
        "security_groups:",
        "  - name: alb",
        "    ingress:",
        "      - {ports: 443, source: 0.0.0.0/0}",
    ]
    sg_count = max(1, groups // 10)
    for s in range(sg_count):
        out += [f"  - name: app-{s}", "    ingress:", "      - {ports: [80, 443], source: sg:alb}",
                f"      - {{ports: \"8000-8100\", source: 10.{s % 16}.0.0/16}}"]
    out.append("instances:")
    for i in range(groups):
        out += [
            f"  - name: svc-{i}",
            f"    type: {TYPES[i % len(TYPES)]}",
            f"    count: {1 + i % 4}",
            "    subnet: app",
            f"    security_groups: [app-{i % sg_count}]",
            "    root_volume: {size_gb: 30, type: gp3, encrypted: true}",
            "    volumes:",
            "      - {size_gb: 100, type: gp3, iops: 3000, throughput_mbps: 125, encrypted: true}",
            f"    pricing: {'on-demand' if i % 3 else 'reserved-1y'}",
            f"    tags: {{team: team-{i % 20}}}",
        ]
    out.append("buckets:")
    for b in range(max(1, groups // 5)):
        out += [
            f"  - name: synthetic-bucket-{b}",
            "    storage_class: STANDARD",
            f"    size_gb: {100 + b % 1000}",
            "    monthly_growth_gb: 10",
            "    monthly_requests: {put: 100000, get: 1000000}",
            "    lifecycle:",
            "      - {after_days: 30, storage_class: STANDARD_IA}",
            "      - {after_days: 120, storage_class: GLACIER}",
            "      - {after_days: 400, expire: true}",
            "    versioning: true",
        ]
    out += ["load_balancers:", "  - name: web", "    type: application", "    subnet: public",
            "    security_groups: [alb]", "    targets: [svc-0]",
            "    listeners: [{port: 443, protocol: HTTPS, certificate: acm:cert}]"]
    node_groups = max(1, groups // 100)
    out += ["clusters:", "  - name: main", "    kind: eks", '    version: "1.35"', "    subnet: app",
            "    endpoint: private", "    logging: [api, audit]", "    node_groups:"]
    for n in range(node_groups):
        out += [(f"      - {{name: ng-{n}, instance_type: m6i.large, min_size: 1, desired_size: 2, max_size: 4, "
                f"labels: {{pool: ng-{n}}}}}")]
    out.append("workloads:")
    for w in range(max(1, groups * 2 // 5)):
        out += [
            f"  - name: app-{w}",
            "    cluster: main",
            f"    namespace: ns-{w % 25}",
            "    image: nginx:1.27",
            "    replicas: 2",
            "    ports: [8080]",
            "    service: {type: ClusterIP, port: 80, target_port: 8080}",
            "    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 200m, memory: 256Mi}}",
            "    probes: {readiness: {http: /ready, port: 8080}, liveness: {http: /healthz, port: 8080}}",
            f"    node_selector: {{pool: ng-{w % node_groups}}}",
        ]
    out += ["usage:", "  data_transfer_out_gb: 1000", "  nat_processed_gb: 500", "scenarios:",
            "  - name: commit", "    set:", "      instances.svc-0.pricing: reserved-3y"]
    return "\n".join(out) + "\n"


def write(groups: int, path: Path | None = None) -> Path:
    path = path or Path(__file__).resolve().parent / "blueprints" / f"synthetic-{groups}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(blueprint_text(groups))
    return path


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(write(n, Path(sys.argv[2]) if len(sys.argv) > 2 else None))
