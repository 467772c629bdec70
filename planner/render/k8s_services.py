"""A workload's Services and Ingress: ports, the load balancer controllers' annotations, TLS."""

from __future__ import annotations

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster, Workload
from planner.render.k8s_common import Obj, labels, meta, selector


def services(analysis: Analysis, wl: Workload, cluster: Cluster) -> list[Obj]:
    lab, sel = labels(analysis, wl), selector(analysis, wl)
    out: list[Obj] = []
    svc = wl.service
    first = wl.ports[0] if wl.ports else None
    if wl.kind == "StatefulSet":
        out.append({"apiVersion": "v1", "kind": "Service", "metadata": meta(f"{wl.name}-headless", wl.namespace, lab),
                    "spec": {"clusterIP": "None", "ports": [{"name": f"p{p}", "port": p, "targetPort": p} for p in
                                                             (wl.ports or [80])], "selector": sel}})
    if svc is None:
        return out
    head = meta(wl.name, wl.namespace, lab)
    if svc.type == "ExternalName":
        out.append({"apiVersion": "v1", "kind": "Service", "metadata": head,
                    "spec": {"externalName": svc.external_name, "type": "ExternalName"}})
        return out
    port: Obj = {"name": "http", "port": svc.port or first, "protocol": "TCP", "targetPort": svc.target_port or first}
    if svc.node_port:
        port["nodePort"] = svc.node_port
    spec: Obj = {"ports": [port], "selector": sel}
    if svc.type == "Headless":
        spec["clusterIP"] = "None"
    else:
        spec["type"] = svc.type
    if svc.session_affinity:
        spec["sessionAffinity"] = svc.session_affinity
    if svc.type == "LoadBalancer" and cluster.kind == "eks":  # an NLB made by the AWS Load Balancer Controller
        spec["loadBalancerClass"] = "service.k8s.aws/nlb"
        head = meta(wl.name, wl.namespace, lab, {"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
                                                  "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"})
    out.append({"apiVersion": "v1", "kind": "Service", "metadata": head, "spec": spec})
    if wl.ingress:
        out.append(_ingress(wl, cluster, lab, svc.port or first))
    return out


def _ingress(wl: Workload, cluster: Cluster, lab: dict[str, str], port: int | None) -> Obj:
    """The Ingress: alb on EKS (internet-facing, IP targets, an ALB per Ingress or per group), gce on GKE, or nginx."""
    ing = wl.ingress
    assert ing is not None
    class_name = ing.class_name or ("alb" if cluster.kind == "eks" else "gce")
    annotations: dict[str, str] = {}
    if class_name == "alb":
        annotations = {"alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/target-type": "ip"}
        if ing.tls_secret:
            annotations["alb.ingress.kubernetes.io/listen-ports"] = '[{"HTTPS":443}]'
        if ing.group:
            annotations["alb.ingress.kubernetes.io/group.name"] = ing.group
    ispec: Obj = {"ingressClassName": class_name, "rules": [{"host": ing.host, "http": {"paths": [{
        "backend": {"service": {"name": wl.name, "port": {"number": port}}},
        "path": ing.path, "pathType": ing.path_type}]}}]}
    if ing.tls_secret:
        ispec["tls"] = [{"hosts": [ing.host], "secretName": ing.tls_secret}]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": meta(wl.name, wl.namespace, lab, annotations), "spec": ispec}
