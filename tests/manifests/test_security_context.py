"""Security contexts that start the image: runAsNonRoot only where the user is known to be non-root,
capabilities a root entrypoint needs given back, the paths a known image writes made writable."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from planner.blueprint import load_blueprint_text
from planner.errors import InvalidInput
from planner.images import image_facts, repository
from planner.pipeline import analyze, analyze_loaded
from planner.render.manifests import render_manifests
from planner.review import run_review
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
IMAGE = "    image: nginxinc/nginx-unprivileged:1.27\n"


def _render(image: str, security: str = "", volumes: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    text = SEOUL.replace(IMAGE, f"    image: {image}\n" + (f"    security: {security}\n" if security else ""))
    if not volumes:
        text = text.replace("      - {name: cache, type: emptyDir, mount_path: /var/cache/nginx}\n", "").replace(
            "      - {name: run, type: emptyDir, mount_path: /var/run}\n", "").replace("    volumes:\n    lifecycle",
                                                                                  "    lifecycle")
    analysis = analyze_loaded(load_blueprint_text(text, "t.yaml"))
    files, _ = render_manifests(analysis)  # every object validated strictly
    deploy = next(o for rel, t in files.items() if rel.startswith("kubernetes/") for o in yaml.safe_load_all(t)
                  if o["kind"] == "Deployment")
    review = {f.code: f for f in run_review(analysis).findings if f.status == "FAIL"}
    return deploy["spec"]["template"]["spec"], review


def test_a_root_image_starts_with_what_its_entrypoint_needs_and_the_review_says_so() -> None:
    pod, review = _render("nginx:1.27", volumes=False)
    container = pod["containers"][0]["securityContext"]
    assert "runAsNonRoot" not in pod["securityContext"] and "runAsNonRoot" not in container
    assert container["capabilities"] == {"drop": ["ALL"], "add": ["CHOWN", "NET_BIND_SERVICE", "SETGID", "SETUID"]}
    assert {m["mountPath"] for m in pod["containers"][0]["volumeMounts"]} == {"/tmp", "/var/cache/nginx", "/var/run"}
    assert {v["name"] for v in pod["volumes"]} == {"tmp", "rw-var-cache-nginx", "rw-var-run"}
    assert "nginx:1.27 runs as root" in review["PLN-SEC-013"].message


def test_a_path_the_blueprint_already_mounts_is_not_mounted_twice() -> None:
    pod, _ = _render("nginx:1.27")
    paths = [m["mountPath"] for m in pod["containers"][0]["volumeMounts"]]
    assert sorted(paths) == ["/tmp", "/var/cache/nginx", "/var/run"]


def test_an_unknown_image_keeps_its_own_user_and_is_reported() -> None:
    pod, review = _render("ghcr.io/acme/shop:2.1")
    container = pod["containers"][0]["securityContext"]
    assert "runAsNonRoot" not in pod["securityContext"] and "runAsNonRoot" not in container
    assert container["capabilities"] == {"drop": ["ALL"]}
    assert "not known to planner" in review["PLN-SEC-013"].message


def test_a_known_non_root_image_is_enforced_and_passes() -> None:
    pod, review = _render("nginxinc/nginx-unprivileged:1.27")
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["containers"][0]["securityContext"]["runAsNonRoot"]
    assert pod["containers"][0]["securityContext"]["capabilities"] == {"drop": ["ALL"]}
    assert "PLN-SEC-013" not in review


@pytest.mark.parametrize(("security", "pod_non_root", "user", "fails"), [
    ("{run_as_user: 10001}", True, 10001, False),
    ("{run_as_user: 0}", None, 0, True),
    ("{run_as_root: false}", True, None, False),
    ("{run_as_root: true}", False, None, True),
])
def test_what_the_blueprint_declares_wins_over_the_image(security: str, pod_non_root: bool | None, user: int | None,
                                                          fails: bool) -> None:
    pod, review = _render("nginx:1.27", security)
    assert pod["securityContext"].get("runAsNonRoot") == pod_non_root
    assert pod["securityContext"].get("runAsUser") == user
    assert ("PLN-SEC-013" in review) == fails


def test_added_capabilities_are_validated_and_rendered() -> None:
    pod, _ = _render("nginxinc/nginx-unprivileged:1.27", "{run_as_user: 101, add_capabilities: [NET_BIND_SERVICE]}")
    assert pod["containers"][0]["securityContext"]["capabilities"] == {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}
    with pytest.raises(InvalidInput) as info:
        load_blueprint_text(SEOUL.replace(IMAGE, IMAGE + "    security: {add_capabilities: [CAP_SYS_ADMIN]}\n"), "t.yaml")
    assert any(p.where == "workloads[0].security.add_capabilities[0]" for p in info.value.problems)


@pytest.mark.parametrize("image", ["nginx", "nginx:1.27", "docker.io/library/nginx:1.27", "nginx@sha256:" + "a" * 64])
def test_image_references_resolve_to_their_repository(image: str) -> None:
    assert repository(image) == "nginx" and image_facts(image) is not None


@pytest.mark.parametrize("name", ["shop-seoul", "gke-bootcamp", "classic-mistakes"])
def test_no_example_demands_non_root_of_a_root_image(name: str) -> None:
    files, _ = render_manifests(analyze(BLUEPRINTS / f"{name}.yaml"))
    for rel, text in files.items():
        if not rel.startswith("kubernetes/"):
            continue
        for obj in yaml.safe_load_all(text):
            spec = obj.get("spec", {}).get("template", {}).get("spec") or obj.get("spec", {}).get("jobTemplate", {})
            for container in (spec or {}).get("containers", []):
                facts = image_facts(container["image"])
                if facts is not None and facts.user == 0:
                    assert container["securityContext"].get("runAsNonRoot") is not True
                    assert spec["securityContext"].get("runAsNonRoot") is not True
