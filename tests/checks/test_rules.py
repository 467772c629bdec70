"""Every static rule: the examples pass it, and a one-line mutation fails it at the right place.

Each case mutates a valid example with one text replacement and asserts the rule id, the YAML path
and that the reported line is the line holding ``at`` in the mutated file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from planner.blueprint import load_blueprint_text
from planner.checks import RULES
from planner.errors import InvalidInput
from planner.pipeline import analyze, analyze_loaded
from tests.conftest import BLUEPRINTS, EXAMPLES


@dataclass
class Case:
    id: str
    old: str
    new: str
    code: str
    path: str
    at: str
    severity: str = "error"
    example: str = "shop-seoul.yaml"
    fix_contains: str = ""


CASES = [
    Case("duplicate-sg", "  - name: web\n    ingress:", "  - name: alb\n    ingress:", "CHK-NAME-001",
         "security_groups[1].name", "- name: alb\n    ingress:\n      - {ports: 80"),
    Case("unknown-subnet", "    subnet: app\n    security_groups: [web]", "    subnet: ap\n    security_groups: [web]",
         "CHK-REF-001", "instances[0].subnet", "subnet: ap\n", fix_contains="did you mean 'app'"),
    Case("unknown-sg-source", "source: sg:web}", "source: sg:webb}", "CHK-REF-002",
         "security_groups[2].ingress[0].source", "sg:webb", fix_contains="did you mean 'web'"),
    Case("unknown-sg-member", "security_groups: [web]", "security_groups: [wbe]", "CHK-REF-002",
         "instances[0].security_groups[0]", "[wbe]"),
    Case("bad-source", "source: 0.0.0.0/0}", "source: everywhere}", "CHK-REF-002",
         "security_groups[0].ingress[0].source", "everywhere"),
    Case("unknown-cluster", "    cluster: shop\n", "    cluster: shopp\n", "CHK-REF-003", "workloads[0].cluster",
         "cluster: shopp"),
    Case("unknown-target", "targets: [web]", "targets: [wev]", "CHK-REF-004", "load_balancers[0].targets[0]",
         "[wev]"),
    Case("https-no-cert", ", certificate: acm:shop-cert}", "}", "CHK-REF-004", "load_balancers[0].listeners[0]",
         "listeners: [{port: 443"),
    Case("unknown-type", "type: t3.large", "type: t3.larg", "CHK-TYPE-001", "instances[0].type", "t3.larg",
         fix_contains="did you mean 't3.large'"),
    Case("not-offered", "zones: [a, c]\n", "zones: [a, b]\n", "CHK-TYPE-002", "clusters[0].node_groups[0].instance_type",
         "instance_type: m4.large", fix_contains="use zones where it is offered"),
    Case("node-sizes", "max_size: 6", "max_size: 1", "CHK-NODE-001", "clusters[0].node_groups[0]",
         "- name: general"),
    Case("eks-one-zone", "zones: [a, c]\n", "zones: [a]\n", "CHK-EKS-001", "clusters[0].subnet", "subnet: app\n    endpoint"),
    Case("st1-root", "root_volume: {size_gb: 30, type: gp3", "root_volume: {size_gb: 30, type: st1", "CHK-EBS-001",
         "instances[0].root_volume.size_gb", "root_volume"),
    Case("gp3-iops", "iops: 3000,", "iops: 90000,", "CHK-EBS-002", "instances[0].volumes[0].iops", "iops: 90000"),
    Case("gp3-throughput", "throughput_mbps: 125,", "throughput_mbps: 1500,", "CHK-EBS-003",
         "instances[0].volumes[0].throughput_mbps", "throughput_mbps: 1500"),
    Case("pd-on-aws", "{size_gb: 100, type: gp3", "{size_gb: 100, type: pd-ssd", "CHK-EBS-001",
         "instances[0].volumes[0].type", "pd-ssd"),
    Case("bucket-name", "name: shop-assets-prod", "name: shop..assets", "CHK-S3-001", "buckets[0].name", "shop..assets"),
    Case("ia-too-early", "{after_days: 30, storage_class: STANDARD_IA}", "{after_days: 10, storage_class: STANDARD_IA}",
         "CHK-S3-003", "buckets[0].lifecycle[0].after_days", "after_days: 10"),
    Case("lifecycle-upward", "{after_days: 180, storage_class: GLACIER}",
         "{after_days: 180, storage_class: INTELLIGENT_TIERING}", "CHK-S3-003", "buckets[0].lifecycle[1].storage_class",
         "INTELLIGENT_TIERING"),
    Case("expire-early", "{after_days: 730, expire: true}", "{after_days: 200, expire: true}", "CHK-S3-004",
         "buckets[0].lifecycle[2].after_days", "after_days: 200", severity="warning"),
    Case("rule-after-expiry", "{after_days: 730, expire: true}", "{after_days: 100, expire: true}", "CHK-S3-003",
         "buckets[0].lifecycle[1]", "after_days: 180"),
    Case("rds-class", "class: db.r6g.large", "class: r6g.large", "CHK-RDS-002", "databases[0].class", "class: r6g",
         fix_contains="db.r6g.large"),
    Case("rds-replicas", "read_replicas: 1", "read_replicas: 40", "CHK-RDS-004", "databases[0].read_replicas",
         "read_replicas: 40"),
    Case("aurora-storage", "engine: mysql", "engine: aurora-mysql", "CHK-RDS-003", "databases[0].storage_type",
         "storage_type: gp3"),
    Case("request-over-limit", "requests: {cpu: 250m", "requests: {cpu: 2", "CHK-K8S-001",
         "workloads[0].resources.requests.cpu", "resources:"),
    Case("bad-quantity", "memory: 256Mi}", "memory: lots}", "CHK-K8S-001", "workloads[0].resources.requests.memory",
         "resources:"),
    Case("autoscale-min-max", "autoscale: {min: 3,", "autoscale: {min: 12,", "CHK-K8S-002", "workloads[0].autoscale",
         "autoscale:"),
    Case("capacity-at-max-replicas", "autoscale: {min: 3, max: 10, cpu_percent: 70}",
         "autoscale: {min: 3, max: 100, cpu_percent: 70}", "CHK-K8S-012", "clusters[0].node_groups", "node_groups:",
         "warning"),
    Case("pod-larger-than-any-node", "resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}",
         "resources: {requests: {cpu: 4, memory: 256Mi}, limits: {cpu: 4, memory: 512Mi}}", "CHK-K8S-012",
         "workloads[0].resources", "resources:", "warning"),
    Case("namespace-quota-too-small", "    secrets_encryption: true\n",
         "    secrets_encryption: true\n    namespaces: [{name: shop, quota: {requests_cpu: '1'}}]\n", "CHK-K8S-013",
         "clusters[0].namespaces[0].quota", "namespaces:", "warning"),
    Case("namespace-quota-not-a-quantity", "    secrets_encryption: true\n",
         "    secrets_encryption: true\n    namespaces: [{name: shop, quota: {requests_memory: lots}}]\n",
         "CHK-K8S-013", "clusters[0].namespaces[0].quota.requests_memory", "namespaces:"),
    Case("planner-label-overridden", "    strategy: RollingUpdate", "    labels: {app.kubernetes.io/name: other}\n"
         "    strategy: RollingUpdate", "CHK-K8S-004", "workloads[0].labels.app.kubernetes.io/name", "labels: {app.kubernetes.io"),
    Case("pod-with-replicas", "kind: Deployment", "kind: Pod", "CHK-K8S-002", "workloads[0].replicas", "replicas: 3"),
    Case("ingress-class-of-another-cloud", "ingress: {host: shop.example.com,", "ingress: {class_name: gce, "
         "host: shop.example.com,", "CHK-K8S-004", "workloads[0].ingress.class_name", "ingress: {class_name"),
    Case("role-cannot-grant-nodes", "    strategy: RollingUpdate", "    rbac: [{scope: namespace, resources: [nodes], "
         "verbs: [get]}]\n    strategy: RollingUpdate", "CHK-K8S-004", "workloads[0].rbac[0].scope", "rbac:"),
    Case("externalname-with-image", "service: {type: ClusterIP, port: 80, target_port: 8080}",
         "service: {type: ExternalName, external_name: db.example.com}", "CHK-K8S-004", "workloads[0].image",
         "image:", "warning"),
    Case("policy-action-not-s3", "          Action: s3:*\n", "          Action: [s3:GetObject, ec2:RunInstances]\n",
         "CHK-S3-004", "buckets[0].policy.Statement[0].Action", "Action: [s3:GetObject"),
    Case("policy-other-bucket", "Resource: [arn:aws:s3:::shop-assets-prod, arn:aws:s3:::shop-assets-prod/*]",
         "Resource: [arn:aws:s3:::someone-else/*]", "CHK-S3-004", "buckets[0].policy.Statement[0].Resource",
         "Resource: [arn:aws:s3:::someone"),
    Case("policy-without-principal", '          Principal: "*"\n', "", "CHK-S3-004", "buckets[0].policy.Statement[0]",
         "- Sid: DenyPlainHttp"),
    Case("policy-unknown-operator", "Condition: {Bool: {aws:SecureTransport: false}}",
         "Condition: {Boolean: {aws:SecureTransport: false}}", "CHK-S3-004",
         "buckets[0].policy.Statement[0].Condition.Boolean", "Condition: {Boolean"),
    Case("policy-public-on-a-blocked-bucket", "          Effect: Deny\n          Principal: \"*\"\n          Action: s3:*\n",
         "          Effect: Allow\n          Principal: \"*\"\n          Action: s3:GetObject\n", "CHK-S3-004",
         "buckets[0].policy.Statement[0].Principal", 'Principal: "*"'),
    Case("acl-unknown-subnet", "      subnets: [data]\n      ingress:", "      subnets: [dta]\n      ingress:",
         "CHK-ACL-001", "network.acls[0].subnets[0]", "subnets: [dta]"),
    Case("acl-no-way-back", "        - {rule: 100, ports: 1024-65535, destination: 10.0.0.0/16}",
         "        - {rule: 100, ports: 443, destination: 10.0.0.0/16}", "CHK-ACL-001", "network.acls[0].ingress[0]",
         "{rule: 100, ports: 3306", "warning"),
    Case("acl-rule-number-taken", "        - {rule: 100, ports: 3306, source: 10.0.0.0/16}",
         "        - {rule: 100, ports: [3306, 3307], source: 10.0.0.0/16}\n        - {rule: 101, ports: 22, source: 10.0.0.0/16}",
         "CHK-ACL-001", "network.acls[0].ingress[1].rule", "{rule: 101"),
    Case("acl-ingress-without-source", "{rule: 100, ports: 3306, source: 10.0.0.0/16}",
         "{rule: 100, ports: 3306, destination: 10.0.0.0/16}", "CHK-ACL-001", "network.acls[0].ingress[0]",
         "{rule: 100, ports: 3306"),
    Case("unreachable-service", "    ingress: {host: shop.example.com, path: /, tls_secret: shop-tls}\n", "",
         "CHK-K8S-011", "workloads[0].service", "service:", "warning"),
    Case("allow-from-other-namespace", "    strategy: RollingUpdate", "    allow_from: [shop/checkout]\n"
         "    strategy: RollingUpdate", "CHK-K8S-011", "workloads[0].allow_from[0]", "allow_from:"),
    Case("allow-from-bad-namespace", "    strategy: RollingUpdate", "    allow_from: [Shop_NS/*]\n"
         "    strategy: RollingUpdate", "CHK-K8S-011", "workloads[0].allow_from[0]", "allow_from:"),
    Case("replicas-outside", "replicas: 3\n", "replicas: 20\n", "CHK-K8S-002", "workloads[0].replicas", "replicas: 20"),
    Case("hpa-without-cpu-request", "resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}",
         "resources: {requests: {memory: 256Mi}, limits: {memory: 512Mi}}", "CHK-K8S-002", "workloads[0].resources",
         "resources:", "warning"),
    Case("hpa-sidecar-without-request", "    strategy: RollingUpdate",
         "    sidecars: [{name: proxy, image: envoyproxy/envoy:v1.31.0}]\n    strategy: RollingUpdate", "CHK-K8S-002",
         "workloads[0].autoscale", "autoscale:", "warning"),
    Case("cronjob-no-schedule", "kind: Deployment", "kind: CronJob", "CHK-K8S-003", "workloads[0]", "- name: storefront"),
    Case("externalname", "service: {type: ClusterIP, port: 80, target_port: 8080}", "service: {type: ExternalName}",
         "CHK-K8S-004", "workloads[0].service", "service:"),
    Case("probe-port", "liveness: {http: /healthz, port: 8080}", "liveness: {http: /healthz, port: 9090}", "CHK-K8S-005",
         "workloads[0].probes.liveness.port", "port: 9090", severity="warning"),
    Case("unschedulable", "node_selector: {disktype: ssd}", "node_selector: {disktype: hdd}", "CHK-K8S-008",
         "workloads[0].node_selector", "disktype: hdd"),
    Case("gke-key-on-eks", "    endpoint: private\n", "    endpoint: private\n    mode: zonal\n", "CHK-PROV-001",
         "clusters[0].mode", "mode: zonal"),
    Case("unknown-k8s-version", 'version: "1.35"', 'version: "1.99"', "CHK-PROV-002", "clusters[0].version", "1.99"),
    Case("nat-none", "nat: per-zone", "nat: none", "nat-missing", "network.subnets[1].tier", "tier: private"),
    Case("vpc-too-big", "cidr: 10.0.0.0/16", "cidr: 10.0.0.0/8", "vpc-size", "network.cidr", "10.0.0.0/8"),
    Case("subnet-too-small", "prefix: 24\n", "prefix: 30\n", "subnet-size", "network.subnets[0].prefix", "prefix: 30"),
    Case("cidr-outside", "cidrs: [10.0.200.0/24, 10.0.201.0/24]", "cidrs: [10.0.200.0/24, 10.9.201.0/24]",
         "subnet-outside", "network.subnets[2].cidrs[1]", "10.9.201.0"),
    Case("cidr-overlap", "cidrs: [10.0.200.0/24, 10.0.201.0/24]", "cidrs: [10.0.200.0/24, 10.0.200.128/25]",
         "overlap", "network.subnets[2].cidrs", "10.0.200.128/25"),
    Case("no-room", "prefix: 20\n", "prefix: 17\n", "subnet-fit", "network.subnets[1].prefix", "prefix: 17"),
    Case("unknown-zone", "zones: [a, c]\n", "zones: [a, z]\n", "zone", "network.zones[1]", "zones: [a, z]"),
    Case("cidrs-count", "cidrs: [10.0.200.0/24, 10.0.201.0/24]", "cidrs: [10.0.200.0/24]", "cidrs-count",
         "network.subnets[2].cidrs", "cidrs: [10.0.200.0/24]"),
    Case("pod-ips", "prefix: 20\n", "prefix: 26\n", "pod-ips", "clusters[0].subnet", "subnet: app\n    endpoint"),
    Case("unknown-region", "region: ap-northeast-2", "region: ap-northeast-9", "region", "region", "ap-northeast-9",
         fix_contains="did you mean"),
    Case("public-range", "cidr: 10.0.0.0/16", "cidr: 11.0.0.0/16", "vpc-public-range", "network.cidr", "11.0.0.0/16",
         severity="warning"),
    Case("gke-pod-range", "pods: 10.20.0.0/14", "pods: 10.20.0.0/22", "pod-range", "network.subnets[0].secondary.pods",
         "pods: 10.20.0.0/22", example="gke-bootcamp.yaml"),
    Case("nat-on-gcp", "  zones: [a]\n", "  zones: [a]\n  nat: single\n", "provider-key", "network.nat", "nat: single",
         example="gke-bootcamp.yaml"),
    Case("aws-reserved-tag", "tags: {owner: me, env: dev}", "tags: {owner: me, 'aws:env': dev}", "CHK-TAG-001",
         "tags.aws:env", "tags: {owner: me", example="minimal-vm.yaml"),
    Case("alb-name-too-long", "  - name: web\n    type: application", "  - name: web-frontend-application\n"
         "    type: application", "CHK-NAME-002", "load_balancers[0].name", "name: web-frontend-application"),
    Case("lb-target-port-closed", "{ports: 80, source: sg:alb}", "{ports: 8080, source: sg:alb}", "CHK-NET-001",
         "security_groups[1].ingress", "ingress:\n      - {ports: 8080", severity="warning",
         fix_contains="{ports: 80, source: sg:alb}"),
    Case("listener-port-closed", "{ports: 443, source: 0.0.0.0/0}", "{ports: 8443, source: 0.0.0.0/0}",
         "CHK-NET-002", "security_groups[0].ingress", "ingress:\n      - {ports: 8443", severity="warning",
         fix_contains="{ports: 443, source: 0.0.0.0/0}"),
    Case("db-port-closed", "{ports: 3306, source: sg:web}", "{ports: 5432, source: sg:web}", "CHK-NET-003",
         "security_groups[2].ingress", "ingress:\n      - {ports: 5432", severity="warning",
         fix_contains="{ports: 3306, source: sg:web}"),
    Case("endpoint-unreachable", "    endpoint: private\n", "    endpoint: public\n    public_access_cidrs: [203.0.113.0/24]\n",
         "CHK-NET-004", "clusters[0].public_access_cidrs", "public_access_cidrs: [203", severity="warning",
         fix_contains="public-and-private"),
    Case("eks-on-gcp", "kind: gke", "kind: eks", "CHK-PROV-001", "clusters[0].kind", "kind: eks", example="gke-bootcamp.yaml"),
    Case("gke-unknown-zone", "  zones: [a]\n", "  zones: [q]\n", "zone", "network.zones[0]", "zones: [q]",
         example="gke-bootcamp.yaml"),
]


def _mutate(case: Case) -> str:
    text = (BLUEPRINTS / case.example).read_text()
    assert text.count(case.old) == 1, f"{case.id}: the mutation target must be unique"
    if case.id == "not-offered":  # m4.large is not offered in ap-northeast-2b (moto's offering table)
        text = text.replace("instance_type: m6i.large", "instance_type: m4.large")
    return text.replace(case.old, case.new)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_flags_the_mutation_at_its_line(case: Case) -> None:
    text = _mutate(case)
    try:
        findings = analyze_loaded(load_blueprint_text(text, case.example), raise_on_error=False).findings
    except InvalidInput as exc:  # schema-level problems come from the loader
        findings = exc.problems
    matching = [f for f in findings if f.code == case.code and f.where == case.path]
    assert matching, f"expected {case.code} at {case.path}; got {[(f.code, f.where) for f in findings]}"
    finding = matching[0]
    assert finding.severity == case.severity
    assert finding.file == case.example
    start = text.index(case.at) if case.id != "rule-after-expiry" else text.index("{after_days: 180")
    assert finding.line == text.count("\n", 0, start) + 1, finding.render()
    assert finding.fix and case.fix_contains in finding.fix
    assert finding.render().startswith(f"{case.example}:{finding.line}: {case.path}: ")


# classic-mistakes holds one of each classic mistake; two of them are visible to check already.
EXPECTED_WARNINGS = {"classic-mistakes.yaml": [("CHK-K8S-002", "workloads[0].autoscale"),
                                               ("CHK-K8S-011", "workloads[0].service")]}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_pass_every_rule(path) -> None:
    analysis = analyze(path)
    found = sorted((f.code, f.where) for f in analysis.findings if f.severity != "info")
    assert found == EXPECTED_WARNINGS.get(path.name, [])


def test_every_registered_rule_has_a_failing_case() -> None:
    covered = {c.code for c in CASES}
    missing = [r.id for r in RULES if r.id not in covered and not any(c.code.startswith(r.id[:8]) for c in CASES)]
    assert missing == []


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
