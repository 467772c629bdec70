"""Security contexts that keep the hardening and still start the image.

``runAsNonRoot: true`` makes the kubelet refuse an image whose user is root (``container has
runAsNonRoot and image will run as root``), and dropping every capability stops a root entrypoint that
changes file owners or its user (nginx, mysql). So the user a container runs as is decided from what is
known, in this order:

1. ``security.run_as_user`` (the pod's uid): non-root unless it is 0;
2. ``security.run_as_root`` when the blueprint sets it: ``false`` demands non-root, ``true`` allows root;
3. the image, when planner knows it (:mod:`planner.images`): its own user;
4. otherwise nothing is set: the image's own user applies, and the review reports a possible root
   container (PLN-SEC-013) with the fix.

Every container drops ALL capabilities; one that may run as root gets back only those its image's
entrypoint needs (known images) plus ``security.add_capabilities``. Under a read-only root filesystem a
known image's writable paths are emptyDir volumes.
"""

from __future__ import annotations

import re
from typing import Any

from planner.blueprint.schema import SecurityContext
from planner.images import image_facts, run_as


def pod_security(security: SecurityContext, images: list[str]) -> dict[str, Any]:
    """The pod-wide part: seccomp always; runAsNonRoot when it holds for every container (or the blueprint
    allows root); runAsUser when the blueprint sets it."""
    out: dict[str, Any] = {}
    decided = {run_as(security, image).non_root for image in images}
    if decided == {True}:
        out["runAsNonRoot"] = True
    elif "run_as_root" in security.model_fields_set and security.run_as_root:
        out["runAsNonRoot"] = False
    out["seccompProfile"] = {"type": "RuntimeDefault"}
    if security.run_as_user is not None:
        out["runAsUser"] = security.run_as_user
    return out


def container_security(security: SecurityContext, image: str) -> dict[str, Any]:
    run = run_as(security, image)
    added: set[str] = set(security.add_capabilities)
    if run.may_be_root and run.image is not None:
        added |= set(run.image.root_capabilities)
    capabilities: dict[str, Any] = {"drop": ["ALL"]}
    if added:
        capabilities["add"] = sorted(added)
    out: dict[str, Any] = {"allowPrivilegeEscalation": security.privileged, "capabilities": capabilities,
                           "privileged": security.privileged,
                           "readOnlyRootFilesystem": security.read_only_root_filesystem}
    if run.non_root is not None:
        out["runAsNonRoot"] = run.non_root
    return out


def writable_paths(security: SecurityContext, image: str) -> tuple[str, ...]:
    """The paths a known image writes, when the root filesystem is read-only (``/tmp`` is always writable)."""
    facts = image_facts(image)
    if not security.read_only_root_filesystem or facts is None:
        return ()
    return tuple(p for p in facts.writable_paths if p != "/tmp")


def covered(path: str, mount_paths: list[str]) -> bool:
    """Whether ``path`` is already writable through one of ``mount_paths`` (``/var/run`` is a link to ``/run``)."""
    def norm(p: str) -> str:
        p = p.rstrip("/") or "/"
        return "/run" + p[len("/var/run"):] if p == "/var/run" or p.startswith("/var/run/") else p

    target = norm(path)
    return any(target == norm(m) or target.startswith(norm(m).rstrip("/") + "/") for m in mount_paths)


def volume_name(path: str) -> str:
    """``/var/cache/nginx`` -> ``rw-var-cache-nginx`` (a DNS-1123 label)."""
    return ("rw-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-"))[:63].rstrip("-")
