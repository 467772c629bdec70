"""The load-balancer family: ELBv2 load balancers, a target group and a listener per listener port."""

from __future__ import annotations

from typing import Any

from planner.dryrun.deploy.core import DeploymentCore


def create_load_balancers(d: DeploymentCore) -> None:
    """Each load balancer in its subnets, then its listeners."""
    elb = d.client("elbv2")
    vpc = d.ids.get(("vpc", d.bp.name))
    for lb in d.bp.load_balancers:
        subnets = [d.ids[("subnet", f"{lb.subnet}-{z}")] for z in d.plan.subnet_zones(lb.subnet)
                   if ("subnet", f"{lb.subnet}-{z}") in d.ids]
        groups = [d.ids[("security_group", g)] for g in lb.security_groups if ("security_group", g) in d.ids]
        name = d.aws_name(lb.name, limit=32)
        extra = {"SecurityGroups": groups} if lb.type == "application" else {}
        arn = d.step("load_balancer", lb.name, lambda lb=lb, name=name, subnets=subnets, extra=extra:
                     elb.create_load_balancer(Name=name, Subnets=subnets, Scheme=lb.scheme, Type=lb.type,
                                              Tags=d.tags, **extra)["LoadBalancers"][0]["LoadBalancerArn"])
        if not arn:
            continue
        d.created("load_balancer", lb.name, arn, lambda arn=arn: elb.delete_load_balancer(LoadBalancerArn=arn))
        for ln in lb.listeners:
            _listener(d, elb, vpc, lb, arn, ln)


def _listener(d: DeploymentCore, elb: Any, vpc: str | None, lb: Any, arn: str, ln: Any) -> None:
    """The listener's target group (with the target instances registered), then the listener."""
    protocol = {"HTTPS": "HTTP", "TLS": "TCP"}.get(ln.protocol, ln.protocol)
    tg_name = d.aws_name(lb.name, str(ln.port), limit=32)  # one target group per listener
    tg = d.step("target_group", tg_name, lambda ln=ln, tg_name=tg_name, protocol=protocol:
                elb.create_target_group(Name=tg_name, Protocol=protocol, Port=ln.effective_target_port,
                                        VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"])
    if not tg:
        return
    d.created("target_group", tg_name, tg, lambda tg=tg: elb.delete_target_group(TargetGroupArn=tg))
    targets = [{"Id": r["id"]} for r in d.result.resources if r["kind"] == "instance"
               and any(r["name"].startswith(f"{t}-") for t in lb.targets)]
    if targets:
        d.step("target_group", f"{tg_name} targets", lambda tg=tg, targets=targets:
               elb.register_targets(TargetGroupArn=tg, Targets=targets))
    certs = [{"CertificateArn": _certificate(d, ln.certificate)}] if ln.certificate else []
    listener = d.step("listener", f"{lb.name}:{ln.port}", lambda arn=arn, ln=ln, tg=tg, certs=certs:
                      elb.create_listener(LoadBalancerArn=arn, Protocol=ln.protocol, Port=ln.port,
                                          Certificates=certs, DefaultActions=[
                                              {"Type": "forward", "TargetGroupArn": tg}])["Listeners"][0][
                          "ListenerArn"])
    if listener:
        d.created("listener", f"{lb.name}:{ln.port}", listener,
                  lambda listener=listener: elb.delete_listener(ListenerArn=listener))


def _certificate(d: DeploymentCore, reference: str) -> str:
    """A stand-in ACM certificate for ``acm:NAME`` (the real one exists outside the blueprint)."""
    name = reference.split(":", 1)[-1]
    if ("certificate", name) not in d.ids:
        acm = d.client("acm")
        arn = d.step("certificate", f"{name} (stand-in)", lambda: acm.request_certificate(
            DomainName=f"{name}.{d.bp.name}.example.com")["CertificateArn"])
        if arn:
            d.created("certificate", name, arn, lambda: acm.delete_certificate(CertificateArn=arn))
    return d.ids.get(("certificate", name), "")
