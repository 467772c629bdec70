"""Fill catalog/prices/aws-pricing-pages.csv and gcp-pricing-yml.csv from public price tables.

Maintainer tool, not run by the product or the tests. It reads figures from local git snapshots of two
public repositories and writes them in our key grammar with the repository, path, commit, the JSON or
YAML key that was read, and the data's own date. No file is copied into the project.

* AWS (``--ec2shop DIR``, a git directory of github:yeo/ec2.shop): the JSON that the AWS pricing pages
  load (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/...), committed by that project:
  EC2 Linux on-demand (current and previous generation) and Standard Reserved Instances with no upfront,
  1 and 3 years; RDS MySQL / PostgreSQL / MariaDB on-demand instance classes (Single-AZ, Multi-AZ) and
  storage (gp2, gp3, io1, io2, magnetic) with provisioned IOPS.
* GCP (``--cyclenerd DIR``, a git directory of github:Cyclenerd/google-cloud-pricing-cost-calculator):
  ``pricing.yml`` (built by that project from the Cloud Billing Catalog API): GCE machine types
  on-demand hourly, spot hourly (marked estimate: spot prices float), 1y/3y resource commitments, and
  persistent disks per GB-month.

Rows whose key another shipped file already prices are skipped (that file keeps its source), so every
key has one row. Run: python tools/catalog/import_public_tables.py --ec2shop DIR --cyclenerd DIR
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import subprocess
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parents[2] / "catalog" / "prices"  # where the price files live
HEADER = ["provider", "service", "region", "key", "unit", "usd", "tier_from", "source", "read_on", "estimate", "note"]
AWS_OUT = HERE / "aws-pricing-pages.csv"
GCP_OUT = HERE / "gcp-pricing-yml.csv"

AWS_REGIONS = {
    "us-east-1": "US East (N. Virginia)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
    "ap-northeast-2": "Asia Pacific (Seoul)",
}
GCP_REGIONS = {"us-central1": "Iowa", "europe-west1": "Belgium", "asia-northeast3": "Seoul"}
# The EC2 on-demand and RI files at this commit (hawkFilePublicationDate in each file's manifest).
EC2SHOP_EC2_COMMIT = "HEAD"
# The last commit that still holds the RDS on-demand files (later commits dropped them).
EC2SHOP_RDS_COMMIT = "44337592ba034dd0cdd1e71a1670b17f8c3f6002"
# The last commit whose pricing.yml is stored in full.
CYCLENERD_COMMIT = "889627bc46779da784cd279552664f232431313a"

RDS_ENGINES = {"mysql": "mysql", "postgresql": "postgres", "mariadb": "mariadb"}
RDS_STORAGE = {
    "General Purpose": "gp2", "General Purpose-GP3": "gp3", "Provisioned IOPS": "io1",
    "Provisioned IOPS-IO2": "io2", "Magnetic": "standard",
}
RDS_IOPS = {"Provisioned IOPS": "io1", "Provisioned IO2 IOPS": "io2", "Provisioned GP3 IOPS": "gp3"}
# GCE families we price (the ones catalog/gcp-machine-types.csv describes), and disks.
GCE_FAMILIES = ("e2-", "n1-", "n2-", "n2d-", "c2-", "c2d-", "c3-", "c3d-", "n4-", "t2d-", "t2a-", "f1-", "g1-")
PD_TYPES = {"hdd": "pd-standard", "balanced": "pd-balanced", "ssd": "pd-ssd", "extreme": "pd-extreme",
            "snapshot": "snapshot"}
HOURS = 730


def git_show(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout


def git_commit(repo: Path, commit: str) -> tuple[str, str]:
    out = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %cs", commit], check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def money(value: float) -> str:
    return f"{value:.10f}".rstrip("0").rstrip(".")


def existing_keys(skip: Path) -> set[tuple[str, str, str, str]]:
    keys: set[tuple[str, str, str, str]] = set()
    for path in HERE.glob("*.csv"):
        if path == skip:
            continue
        with path.open(newline="") as fh:
            keys |= {(r["provider"], r["service"], r["region"], r["key"]) for r in csv.DictReader(fh)}
    return keys


# ------------------------------------------------------------------------------------------------ AWS
def aws_rows(repo: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    commit, _ = git_commit(repo, EC2SHOP_EC2_COMMIT)
    for region, location in AWS_REGIONS.items():
        for name, suffix, note in (("ondemand", "on-demand", ""), ("previousgen-ondemand", "on-demand",
                                                                       "previous generation")):
            rows += _ec2_file(repo, commit, region, location, f"data/ec2/{region}-{name}.json", suffix, note)
        for term in ("1y", "3y"):
            rows += _ec2_file(repo, commit, region, location, f"data/ec2/{region}-reservedinstance-{term}.json",
                              f"reserved-{term}", f"Standard RI, {term}, no upfront: effective hourly rate")
    rds_commit, _ = git_commit(repo, EC2SHOP_RDS_COMMIT)
    for engine_file, engine in RDS_ENGINES.items():
        path = f"data/rds/rds-{engine_file}-ondemand.json"
        data = json.loads(git_show(repo, rds_commit, path))
        read_on = data["manifest"]["hawkFilePublicationDate"][:10]
        for region, location in AWS_REGIONS.items():
            for label, item in data["regions"][location].items():
                row = _rds_row(engine, engine_file == "mysql", label, item)
                if row:
                    service_key, unit, note = row
                    source = (f"github:yeo/ec2.shop:{path}@{rds_commit[:12]} regions['{location}']['{label}'].price "
                              f"(rateCode {item['rateCode'].split('.')[0]})")
                    rows.append(_row("aws", "rds", region, service_key, unit, float(item["price"]), source, read_on,
                                     False, note))
    for engine_file, engine in RDS_ENGINES.items():
        for region, location in AWS_REGIONS.items():
            for deployment in ("single-az", "multi-az"):
                for term, name in (("1y", "1y"), ("3y", "3y")):
                    path = f"data/rds/{region}-rds-{engine_file}-reservedinstance-{deployment}-{name}.json"
                    rows += _rds_reserved(repo, commit, region, location, path, engine, deployment, term)
    return rows


def _rds_reserved(repo: Path, commit: str, region: str, location: str, path: str, engine: str, deployment: str,
                  term: str) -> list[dict[str, str]]:
    """RDS reserved instances: 1 year without upfront (the hourly rate), 3 years partial upfront (AWS offers
    no 3-year no-upfront RDS reservation) amortised: hourly + upfront / (term hours)."""
    try:
        data = json.loads(git_show(repo, commit, path))
    except (subprocess.CalledProcessError, ValueError):
        return []  # not committed, or an empty answer the download stored
    if "manifest" not in data:
        return []
    read_on = data["manifest"]["hawkFilePublicationDate"][:10]
    term_hours = {"1y": 8760, "3y": 26280}[term]
    out = []
    for label, item in data["regions"].get(location, {}).items():
        option = item.get("PurchaseOption")
        upfront = float(item.get("riupfront:PricePerUnit") or 0)
        if (term, option) not in (("1y", "No Upfront"), ("3y", "Partial Upfront")):
            continue
        usd = float(item["price"]) + upfront / term_hours
        how = ("hourly rate" if option == "No Upfront" else
               f"hourly {item['price']} + upfront {item['riupfront:PricePerUnit']} / {term_hours} h")
        source = (f"github:yeo/ec2.shop:{path}@{commit[:12]} regions['{location}']['{label}'] "
                  f"(rateCode {item['rateCode'].split('.')[0]})")
        out.append(_row("aws", "rds", region, f"{engine}/{item['Instance Type']}/{deployment}/reserved-{term}", "hour",
                        usd, source, read_on, False, f"{option}, {term}: {how}"))
    return out


def _ec2_file(repo: Path, commit: str, region: str, location: str, path: str, pricing: str,
              note: str) -> list[dict[str, str]]:
    data = json.loads(git_show(repo, commit, path))
    manifest = data["manifest"]
    read_on = (manifest.get("hawkFilePublicationDate") or git_commit(repo, commit)[1])[:10]
    out = []
    for label, item in data["regions"][location].items():
        if item.get("Operating System", "Linux") != "Linux" or item.get("Tenancy", "Shared") != "Shared":
            continue
        if pricing.startswith("reserved") and item.get("PurchaseOption") != "No Upfront":
            continue
        source = (f"github:yeo/ec2.shop:{path}@{commit[:12]} regions['{location}']['{label}'].price "
                  f"(rateCode {item['rateCode'].split('.')[0]})")
        out.append(_row("aws", "ec2", region, f"{item['Instance Type']}/{pricing}", "hour", float(item["price"]),
                        source, read_on, False, note))
    return out


def _rds_row(engine: str, storage_owner: bool, label: str, item: dict[str, str]) -> tuple[str, str, str] | None:
    if "readable standbys" in label:
        return None  # Multi-AZ DB clusters (two readable standbys): not a blueprint deployment today
    if label.startswith("Database Instance"):
        deployment = "multi-az" if " Multi-AZ " in label else "single-az" if " Single-AZ " in label else None
        if deployment is None:
            return None
        note = "previous generation" if "Previous Generation" in label else ""
        return f"{engine}/{item['Instance Type']}/{deployment}", "hour", note
    if not storage_owner:
        return None  # storage and IOPS are engine-independent: read once, from the MySQL file
    match = re.fullmatch(r"Database Storage (Single|Multi) AZ (.+)", label)
    if match and match.group(2) in RDS_STORAGE:
        deployment = f"{match.group(1).lower()}-az"
        return f"storage/{RDS_STORAGE[match.group(2)]}/{deployment}", "gb-month", "same price for MySQL, PostgreSQL and MariaDB"
    match = re.fullmatch(r"(Provisioned (?:GP3 |IO2 )?IOPS) (Single|Multi) AZ", label)
    if match:
        deployment = f"{match.group(2).lower()}-az"
        note = "gp3: IOPS above the included baseline" if "GP3" in label else ""
        return f"iops/{RDS_IOPS[match.group(1)]}/{deployment}", "iops-month", note
    return None


# ------------------------------------------------------------------------------------------------ GCP
def gcp_rows(repo: Path) -> list[dict[str, str]]:
    commit, _ = git_commit(repo, CYCLENERD_COMMIT)
    data = yaml.load(git_show(repo, commit, "pricing.yml"), Loader=yaml.CSafeLoader)
    generated = data["about"]["generated"]
    read_on = _gcp_date(generated)
    base = f"github:Cyclenerd/google-cloud-pricing-cost-calculator:pricing.yml@{commit[:12]} ('generated: {generated}')"
    rows = []
    for machine, spec in data["compute"]["instance"].items():
        if not machine.startswith(GCE_FAMILIES):
            continue
        for region in GCP_REGIONS:
            cost = spec["cost"].get(region)
            if not cost:
                continue
            if cost.get("hour"):
                rows.append(_row("gcp", "gce", region, f"{machine}/on-demand", "hour", cost["hour"],
                                 f"{base}; compute.instance.{machine}.cost.{region}.hour", read_on, False,
                                 "before sustained-use discounts (planner applies them per family)"))
            if cost.get("hour_spot"):
                rows.append(_row("gcp", "gce", region, f"{machine}/spot", "hour", cost["hour_spot"],
                                 f"{base}; compute.instance.{machine}.cost.{region}.hour_spot", read_on, True,
                                 "spot prices change: an estimate"))
            for term in ("1y", "3y"):
                month = cost.get(f"month_{term}")
                if month:
                    rows.append(_row("gcp", "gce", region, f"{machine}/reserved-{term}", "hour", month / HOURS,
                                     f"{base}; compute.instance.{machine}.cost.{region}.month_{term}={month} / 730",
                                     read_on, False, f"resource-based committed use discount, {term}"))
    for disk, key in PD_TYPES.items():
        for region in GCP_REGIONS:
            month = data["compute"]["storage"][disk]["cost"].get(region, {}).get("month")
            if month:
                rows.append(_row("gcp", "pd", region, f"{key}/storage", "gb-month", month,
                                 f"{base}; compute.storage.{disk}.cost.{region}.month", read_on, False, ""))
    for cls, name in (("STANDARD", "standard"), ("NEARLINE", "nearline"), ("COLDLINE", "coldline"),
                      ("ARCHIVE", "archiv")):
        for region in GCP_REGIONS:
            for what, unit in (("bucket", "gb-month"), ("retrieval", "gb")):
                month = data["storage"][what].get(name, {}).get("cost", {}).get(region, {}).get("month")
                if month is not None:
                    key = "storage" if what == "bucket" else "retrieval"
                    rows.append(_row("gcp", "gcs", region, f"{cls}/{key}", unit, month,
                                     f"{base}; storage.{what}.{name}.cost.{region}.month", read_on, False,
                                     "regional bucket"))
    egress = data["compute"]["network"]["traffic"]["egress"]["internet"]["cost"]
    for region in GCP_REGIONS:
        tiers = [egress[tier].get(region, {}).get("month") for tier in ("0-1", "1-10", "10n")]
        odd = any(b is not None and a is not None and b > a for a, b in itertools.pairwise(tiers))
        for tier, tier_from in (("0-1", 0), ("1-10", 1024), ("10n", 10240)):
            month = egress[tier].get(region, {}).get("month")
            if month is not None:
                rows.append(_row("gcp", "data-transfer", region, "internet-out", "gb", month,
                                 f"{base}; compute.network.traffic.egress.internet.cost.{tier}.{region}.month", read_on,
                                 False, "premium tier, worldwide destinations except China and Australia; tiers in "
                                 "TiB (0-1, 1-10, 10+)" + ("; as stored, a later tier costs more than an earlier "
                                                          "one: check Google's page before relying on it"
                                                          if odd else ""), tier_from))
    return rows


def _gcp_date(generated: str) -> str:
    from datetime import datetime

    return datetime.strptime(generated, "%a %b %d %H:%M:%S %Y").date().isoformat()


# ------------------------------------------------------------------------------------------------ output
def _row(provider: str, service: str, region: str, key: str, unit: str, usd: float, source: str, read_on: str,
         estimate: bool, note: str, tier_from: int = 0) -> dict[str, str]:
    return {"provider": provider, "service": service, "region": region, "key": key, "unit": unit,
            "usd": money(usd), "tier_from": str(tier_from), "source": source, "read_on": read_on,
            "estimate": "true" if estimate else "false", "note": note}


def write(path: Path, rows: list[dict[str, str]]) -> int:
    taken = existing_keys(skip=path)
    unique: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    for row in rows:
        if (row["provider"], row["service"], row["region"], row["key"]) not in taken:
            unique.setdefault((row["provider"], row["service"], row["region"], row["key"], row["tier_from"]), row)
    ordered = sorted(unique.values(), key=lambda r: (r["service"], r["region"], r["key"], float(r["tier_from"])))
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ordered)
    return len(ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ec2shop", type=Path, required=True, help="git directory of github:yeo/ec2.shop")
    parser.add_argument("--cyclenerd", type=Path, required=True,
                        help="git directory of github:Cyclenerd/google-cloud-pricing-cost-calculator")
    args = parser.parse_args()
    print(f"{AWS_OUT.name}: {write(AWS_OUT, aws_rows(args.ec2shop))} rows")
    print(f"{GCP_OUT.name}: {write(GCP_OUT, gcp_rows(args.cyclenerd))} rows")


if __name__ == "__main__":
    main()
