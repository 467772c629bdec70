"""Security pillar: network exposure, encryption, access, secrets."""

from __future__ import annotations

from collections.abc import Iterator

from planner.blueprint.schema import PolicyStatement, port_range
from planner.images import run_as
from planner.review.model import Context, Hit, Rule
from planner.review.rules._helpers import (
    ADMIN_PORTS,
    DATABASE_PORTS,
    SECRET_NAME,
    WORLD,
    image_tag,
    open_ports,
    widest_range,
)


def _world_rules(ctx: Context, ports: dict[int, str]) -> Iterator[Hit]:
    for gi, group in enumerate(ctx.bp.security_groups):
        opened = [(ri, open_ports(r, ports)) for ri, r in enumerate(group.ingress) if r.source in WORLD]
        bad = [(ri, names) for ri, names in opened if names]
        path = ("security_groups", gi, "ingress", bad[0][0]) if bad else ("security_groups", gi)
        yield Hit(f"security_groups.{group.name}", path, bool(bad),
                  f"open to the internet: {', '.join(n for _, names in bad for n in names)}" if bad else "")


def admin_ports(ctx: Context) -> Iterator[Hit]:
    yield from _world_rules(ctx, ADMIN_PORTS)


def acl_admin_ports(ctx: Context) -> Iterator[Hit]:
    """A network ACL that lets the internet reach SSH or RDP (on its own, or over every port)."""
    for a, acl in enumerate(ctx.bp.network.acls if ctx.bp.network else []):
        open_rules = [(r, name) for r, rule in enumerate(acl.ingress) if rule.action == "allow" and rule.source in WORLD
                      for port, name in ADMIN_PORTS.items()
                      if any(port_range(p)[0] <= port <= port_range(p)[1] for p in rule.ports)]
        path = ("network", "acls", a, "ingress", open_rules[0][0]) if open_rules else ("network", "acls", a)
        yield Hit(f"network.acls.{acl.name}", path, bool(open_rules),
                  "lets the internet in on " + ", ".join(sorted({n for _, n in open_rules})) if open_rules else "")


def database_ports(ctx: Context) -> Iterator[Hit]:
    yield from _world_rules(ctx, DATABASE_PORTS)


def wide_open(ctx: Context) -> Iterator[Hit]:
    for gi, group in enumerate(ctx.bp.security_groups):
        wide = [ri for ri, r in enumerate(group.ingress) if r.source in WORLD and (r.protocol == "all" or widest_range(r) > 100)]
        yield Hit(f"security_groups.{group.name}", ("security_groups", gi, "ingress", wide[0]) if wide
                  else ("security_groups", gi), bool(wide), "a range of more than 100 ports is open to the internet")


def database_subnet(ctx: Context) -> Iterator[Hit]:
    tiers = {s.name: s.tier for s in ctx.analysis.plan.subnets}
    for i, db in enumerate(ctx.bp.databases):
        tier = tiers.get(db.subnet)
        yield Hit(f"databases.{db.name}", ("databases", i, "subnet"), tier == "public" or db.publicly_accessible,
                  f"subnet {db.subnet!r} is {tier}" + (", publicly accessible" if db.publicly_accessible else ""))


def volume_encryption(ctx: Context) -> Iterator[Hit]:
    for i, inst in enumerate(ctx.bp.instances):
        plain = [] if not inst.root_volume or inst.root_volume.encrypted else ["root volume"]
        plain += [f"volume {j + 1}" for j, v in enumerate(inst.volumes) if not v.encrypted]
        yield Hit(f"instances.{inst.name}", ("instances", i), bool(plain), f"unencrypted: {', '.join(plain)}")


def database_encryption(ctx: Context) -> Iterator[Hit]:
    for i, db in enumerate(ctx.bp.databases):
        yield Hit(f"databases.{db.name}", ("databases", i, "encrypted"), not db.encrypted, "storage is not encrypted")


def bucket_encryption(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        yield Hit(f"buckets.{b.name}", ("buckets", i, "encryption"), b.encryption == "none", "encryption: none")


def public_bucket(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        yield Hit(f"buckets.{b.name}", ("buckets", i, "public"), b.public, "public: true")


def cluster_endpoint(ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(ctx.bp.clusters):
        exposed = c.endpoint != "private" and not c.public_access_cidrs
        yield Hit(f"clusters.{c.name}", ("clusters", i, "endpoint"), exposed,
                  f"endpoint {c.endpoint} without public_access_cidrs")


def control_plane_logs(ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(ctx.bp.clusters):
        if c.kind == "eks":
            missing = [t for t in ("api", "audit", "authenticator") if t not in c.logging]
            yield Hit(f"clusters.{c.name}", ("clusters", i, "logging"), bool(missing), f"not logged: {', '.join(missing)}")


def plain_secrets(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        names = [e.name for e in w.env if e.value is not None and SECRET_NAME.search(e.name)]
        names += [k for k in w.config if SECRET_NAME.search(k)]
        yield Hit(f"workloads.{w.name}", ("workloads", i), bool(names),
                  f"secret-looking values in plain env/config: {', '.join(names)}")


def plain_http(ctx: Context) -> Iterator[Hit]:
    for i, lb in enumerate(ctx.bp.load_balancers):
        if lb.scheme == "internet-facing" and lb.type == "application":
            http_only = bool(lb.listeners) and not any(ln.protocol == "HTTPS" for ln in lb.listeners)
            yield Hit(f"load_balancers.{lb.name}", ("load_balancers", i, "listeners"), http_only,
                      "internet-facing without an HTTPS listener")


def root_containers(ctx: Context) -> Iterator[Hit]:
    """A container that may run as root: allowed by the blueprint, or the image's user is root or unknown."""
    for i, w in enumerate(ctx.bp.workloads):
        images = [img for img in (w.image, *(c.image for c in (*w.init_containers, *w.sidecars))) if img]
        reasons = [r.reason for r in (run_as(w.security, image) for image in dict.fromkeys(images)) if r.may_be_root]
        detail = "; ".join(reasons) + (" and privileged" if w.security.privileged else "")
        decided_here = w.security.privileged or set(w.security.model_fields_set) & {"run_as_root", "run_as_user"}
        where = ("workloads", i, "security") if decided_here else ("workloads", i, "image")
        yield Hit(f"workloads.{w.name}", where, bool(reasons) or w.security.privileged, detail)


def public_instances(ctx: Context) -> Iterator[Hit]:
    for i, inst in enumerate(ctx.bp.instances):
        yield Hit(f"instances.{inst.name}", ("instances", i, "public_ip"), inst.public_ip, "has a public IP address")


def secrets_encryption(ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(ctx.bp.clusters):
        if c.kind == "eks":
            yield Hit(f"clusters.{c.name}", ("clusters", i), not c.secrets_encryption,
                      "Kubernetes secrets are not envelope-encrypted with KMS")


def host_path(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.volumes:
            bad = [v.name for v in w.volumes if v.type == "hostPath"]
            yield Hit(f"workloads.{w.name}", ("workloads", i, "volumes"), bool(bad), f"hostPath volumes: {', '.join(bad)}")


def wildcard_rbac(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.rbac:
            bad = any("*" in r.verbs or "*" in r.resources for r in w.rbac)
            yield Hit(f"workloads.{w.name}", ("workloads", i, "rbac"), bad, "RBAC rule grants '*'")


def _denies_plain_http(statement: PolicyStatement) -> bool:
    secure = (statement.Condition or {}).get("Bool", {}).get("aws:SecureTransport")
    return statement.Effect == "Deny" and secure in (False, "false")


def tls_only_buckets(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        statements = b.policy.Statement if b.policy else []
        yield Hit(f"buckets.{b.name}", ("buckets", i, "policy") if b.policy else ("buckets", i),
                  not any(_denies_plain_http(s) for s in statements), "no statement denies aws:SecureTransport false")


def unpinned_images(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        images = [img for img in (w.image, *(c.image for c in (*w.sidecars, *w.init_containers))) if img]
        bad = [img for img in images if image_tag(img) in (None, "latest")]
        yield Hit(f"workloads.{w.name}", ("workloads", i, "image"), bool(bad), f"unpinned images: {', '.join(bad)}")


R = Rule
RULES = (
    R("PLN-SEC-001", "security", "SEC05-BP02", "high", ("security_group",), "Admin ports are not open to the internet",
      "Allow SSH/RDP only from a VPN or bastion range, or use Session Manager instead.", admin_ports),
    R("PLN-SEC-002", "security", "SEC05-BP02", "high", ("security_group",), "Database ports are not open to the internet",
      "Accept database traffic only from the application tier's group (source: sg:web).", database_ports),
    R("PLN-SEC-003", "security", "SEC05-BP02", "high", ("security_group",), "No wide port ranges open to the internet",
      "Open only the listener ports the service needs.", wide_open),
    R("PLN-SEC-004", "security", "SEC05-BP01", "high", ("database",), "Databases sit in private or isolated subnets",
      "Move the database to an isolated subnet and set publicly_accessible: false.", database_subnet),
    R("PLN-SEC-005", "security", "SEC08-BP02", "high", ("volume",), "Instance volumes are encrypted",
      "Set encrypted: true on every root and data volume (or enable EBS encryption by default).", volume_encryption),
    R("PLN-SEC-006", "security", "SEC08-BP02", "high", ("database",), "Database storage is encrypted",
      "Set encrypted: true; RDS cannot encrypt an existing instance in place, so decide before launch.", database_encryption),
    R("PLN-SEC-007", "security", "SEC08-BP02", "medium", ("bucket",), "Buckets are encrypted at rest",
      "Use encryption: sse-s3 or sse-kms.", bucket_encryption),
    R("PLN-SEC-008", "security", "SEC08-BP04", "high", ("bucket",), "Buckets are not public",
      "Keep public: false and serve public content through a CDN with origin access control.", public_bucket),
    R("PLN-SEC-009", "security", "SEC05-BP01", "high", ("cluster",), "Cluster API endpoints are not open to the world",
      "Use endpoint: private, or restrict public_access_cidrs to your office/VPN ranges.", cluster_endpoint),
    R("PLN-SEC-010", "security", "SEC04-BP01", "medium", ("cluster",), "EKS control-plane logs are on",
      "Add logging: [api, audit, authenticator].", control_plane_logs),
    R("PLN-SEC-011", "security", "SEC02-BP03", "high", ("workload",), "No secrets in plain env or config",
      "Reference a Secret (env secret: name/key) or a secrets manager instead of literal values.", plain_secrets),
    R("PLN-SEC-012", "security", "SEC09-BP02", "medium", ("load_balancer",), "Public load balancers terminate TLS",
      "Add an HTTPS listener with a certificate and redirect HTTP to it.", plain_http),
    R("PLN-SEC-013", "security", "SEC03-BP02", "medium", ("workload",), "Containers do not run as root",
      "Use an image that runs as a non-root user (nginx: nginxinc/nginx-unprivileged) and set "
      "security.run_as_user to its uid, or run_as_root: false when its USER is a numeric non-root uid; "
      "leave privileged false.", root_containers),
    R("PLN-SEC-014", "security", "SEC05-BP01", "medium", ("instance",), "Instances have no public IP",
      "Reach instances through a load balancer or Session Manager; set public_ip: false.", public_instances),
    R("PLN-SEC-015", "security", "SEC08-BP01", "medium", ("cluster",), "EKS secrets are encrypted with KMS",
      "Set secrets_encryption: true.", secrets_encryption),
    R("PLN-SEC-016", "security", "SEC03-BP02", "medium", ("workload",), "Workloads do not mount node paths",
      "Use emptyDir or a PVC instead of hostPath.", host_path),
    R("PLN-SEC-017", "security", "SEC03-BP02", "medium", ("workload",), "RBAC rules grant named verbs and resources",
      "List the verbs and resources the workload needs instead of '*'.", wildcard_rbac),
    R("PLN-SEC-018", "security", "SEC06-BP04", "medium", ("workload",), "Images are pinned to a version",
      "Use an explicit tag or digest (nginx:1.27), never :latest.", unpinned_images),
    R("PLN-SEC-020", "security", "SEC05-BP02", "high", ("network_acl",), "Network ACLs keep SSH and RDP off the internet",
      "Allow 22 and 3389 only from your office or VPN ranges, or reach instances through Session Manager.",
      acl_admin_ports),
    R("PLN-SEC-019", "security", "SEC09-BP02", "medium", ("bucket",), "Buckets refuse plain HTTP",
      "Add a policy statement: Effect: Deny, Principal: \"*\", Action: s3:*, Resource: [the bucket and its "
      "objects], Condition: {Bool: {aws:SecureTransport: false}}.", tls_only_buckets),
)
