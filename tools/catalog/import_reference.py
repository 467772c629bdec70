"""Turn the shared reference price facts (../shared/data) into catalog/prices/aws.csv and gcp.csv.

The reference files are not copied: this script reads their figures and writes them in our key
grammar, keeping each figure's source, commit and date. Run: python tools/catalog/import_reference.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "catalog" / "prices"  # where the price files live
SHARED = HERE.parents[2] / "shared" / "data"
HEADER = ["provider", "service", "region", "key", "unit", "usd", "tier_from", "source", "read_on", "estimate", "note"]
KARPENTER = ("github:aws/karpenter-provider-aws@6fc13b5236fd04fd16ff3f9dc7490d0813994099:"
             "pkg/providers/pricing/zz_generated.pricing_aws.go (generated 2026-07-20 from the AWS Price List API)")

# reference item -> (service, key, unit, tier_from)
ITEMS = {
    ("ebs", "gp2 storage"): ("ebs", "gp2/storage", "gb-month", 0),
    ("ebs", "gp3 storage"): ("ebs", "gp3/storage", "gb-month", 0),
    ("ebs", "gp3 IOPS above 3000"): ("ebs", "gp3/iops", "iops-month", 0),
    ("ebs", "gp3 throughput above 125 MBps"): ("ebs", "gp3/throughput", "mbps-month", 0),
    ("ebs", "io1 storage"): ("ebs", "io1/storage", "gb-month", 0),
    ("ebs", "io1 provisioned IOPS"): ("ebs", "io1/iops", "iops-month", 0),
    ("ebs", "io2 storage"): ("ebs", "io2/storage", "gb-month", 0),
    ("ebs", "io2 provisioned IOPS (at 300 IOPS)"): ("ebs", "io2/iops", "iops-month", 0),
    ("ebs", "st1 storage"): ("ebs", "st1/storage", "gb-month", 0),
    ("ebs", "sc1 storage"): ("ebs", "sc1/storage", "gb-month", 0),
    ("ebs", "standard/magnetic storage"): ("ebs", "standard/storage", "gb-month", 0),
    ("s3", "Standard storage (first tier)"): ("s3", "STANDARD/storage", "gb-month", 0),
    ("s3", "Standard PUT/COPY/POST/LIST"): ("s3", "STANDARD/put", "1k-requests", 0),
    ("s3", "Standard GET/SELECT/other"): ("s3", "STANDARD/get", "1k-requests", 0),
    ("s3", "Intelligent-Tiering frequent"): ("s3", "INTELLIGENT_TIERING/storage", "gb-month", 0),
    ("s3", "Intelligent-Tiering infrequent"): ("s3", "INTELLIGENT_TIERING/storage-infrequent", "gb-month", 0),
    ("s3", "Intelligent-Tiering monitoring & automation"): ("s3", "INTELLIGENT_TIERING/monitoring", "1k-objects-month", 0),
    ("s3", "Intelligent-Tiering lifecycle transition"): ("s3", "INTELLIGENT_TIERING/transition", "1k-requests", 0),
    ("s3", "Standard-IA storage"): ("s3", "STANDARD_IA/storage", "gb-month", 0),
    ("s3", "Standard-IA PUT/COPY/POST/LIST"): ("s3", "STANDARD_IA/put", "1k-requests", 0),
    ("s3", "Standard-IA GET/other"): ("s3", "STANDARD_IA/get", "1k-requests", 0),
    ("s3", "Standard-IA lifecycle transition"): ("s3", "STANDARD_IA/transition", "1k-requests", 0),
    ("s3", "Standard-IA retrieval"): ("s3", "STANDARD_IA/retrieval", "gb", 0),
    ("s3", "One Zone-IA storage"): ("s3", "ONEZONE_IA/storage", "gb-month", 0),
    ("s3", "One Zone-IA retrieval"): ("s3", "ONEZONE_IA/retrieval", "gb", 0),
    ("s3", "One Zone-IA lifecycle transition"): ("s3", "ONEZONE_IA/transition", "1k-requests", 0),
    ("s3", "Glacier Flexible Retrieval storage"): ("s3", "GLACIER/storage", "gb-month", 0),
    ("s3", "Glacier Flexible PUT/lifecycle transition"): ("s3", "GLACIER/transition", "1k-requests", 0),
    ("s3", "Glacier Flexible retrieval (standard)"): ("s3", "GLACIER/retrieval", "gb", 0),
    ("s3", "Glacier Deep Archive storage"): ("s3", "DEEP_ARCHIVE/storage", "gb-month", 0),
    ("s3", "Glacier Deep Archive PUT/lifecycle transition"): ("s3", "DEEP_ARCHIVE/transition", "1k-requests", 0),
    ("s3", "Glacier Deep Archive retrieval (standard)"): ("s3", "DEEP_ARCHIVE/retrieval", "gb", 0),
    ("eks", "cluster control plane (standard support)"): ("eks", "control-plane/standard", "hour", 0),
    ("eks", "cluster control plane (extended support, total)"): ("eks", "control-plane/extended", "hour", 0),
    ("vpc", "NAT gateway"): ("nat", "gateway/hour", "hour", 0),
    ("vpc", "NAT gateway data processed"): ("nat", "gateway/processed", "gb", 0),
    ("elb", "ALB"): ("elb", "application/hour", "hour", 0),
    ("elb", "ALB LCU"): ("elb", "application/lcu", "lcu-hour", 0),
    ("elb", "NLB"): ("elb", "network/hour", "hour", 0),
    ("elb", "NLB LCU (NLCU)"): ("elb", "network/nlcu", "nlcu-hour", 0),
    ("data-transfer", "internet egress first 10 TB"): ("data-transfer", "internet-out", "gb", 0),
    ("data-transfer", "internet egress next 40 TB"): ("data-transfer", "internet-out", "gb", 10240),
    ("data-transfer", "internet egress next 100 TB"): ("data-transfer", "internet-out", "gb", 51200),
    ("data-transfer", "internet egress over 150 TB"): ("data-transfer", "internet-out", "gb", 153600),
    ("data-transfer", "to other regions"): ("data-transfer", "inter-region", "gb", 0),
    ("data-transfer", "intra-region (cross-AZ), charged each direction"): ("data-transfer", "inter-az", "gb", 0),
}
RESERVED = re.compile(r"^(\S+) reserved standard (\d)yr no_upfront$|^(\S+) yrTerm(\d)Standard\.noUpfront$")


def _date(ref: str) -> str:
    found = re.search(r"(20\d\d-\d\d-\d\d)", ref)
    return found.group(1) if found else "2026-07-20"


def rows() -> list[list[str]]:
    out: dict[tuple[str, str, str, str], list[str]] = {}
    with (SHARED / "price-reference.csv").open(newline="") as handle:
        for r in csv.DictReader(handle):
            if r["provider"] != "aws" or not r["price_usd"]:
                continue
            source = f"github:{r['source_repo']}:{r['source_path']} ({r['source_ref']})"
            entry: tuple[str, str, str, int] | None = None
            if r["service"] == "ec2-ondemand-linux-shared":
                entry = ("ec2", f"{r['item']}/on-demand", "hour", 0)
            elif r["service"] == "ec2-reserved-linux" and (m := RESERVED.match(r["item"])):
                itype, years = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                entry = ("ec2", f"{itype}/reserved-{years}y", "hour", 0)
            else:
                entry = ITEMS.get((r["service"], r["item"]))
            if entry is None:
                continue
            service, key, unit, tier = entry
            out[(service, r["region"], key, str(tier))] = [
                "aws", service, r["region"], key, unit, r["price_usd"], str(tier), source, _date(r["source_ref"]),
                "false", r["note"]]
    with (SHARED / "aws-ec2-ondemand-linux-us-east-1.csv").open(newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for r in csv.DictReader(lines):
        itype, price = r["instance_type"], r["hourly_usd"]
        if itype in KARPENTER_METAL_DISAGREES:
            continue  # priced from AWS's pricing-page JSON by import_public_tables.py
        out.setdefault(("ec2", "us-east-1", f"{itype}/on-demand", "0"), [
            "aws", "ec2", "us-east-1", f"{itype}/on-demand", "hour", price, "0", KARPENTER, "2026-07-20", "false", ""])
    return [out[k] for k in sorted(out)]


# Bare-metal sizes where karpenter's list (2026-07-20) is 6-10% above the same size on AWS's pricing
# pages, whose JSON two public copies agree on (yeo/ec2.shop 2025-04-04 and addisonj/pricesim 2026-09-24):
# the pricing pages price a .metal size like the largest virtualised size of its family.
KARPENTER_METAL_DISAGREES = {
    "c6g.metal", "c6gd.metal", "c7i.metal-24xl", "c8g.metal-24xl", "i8g.metal-24xl", "m5zn.metal", "m6g.metal",
    "m6gd.metal", "m7i.metal-24xl", "m8g.metal-24xl", "r5b.metal", "r6g.metal", "r6gd.metal", "r7i.metal-24xl",
    "r7iz.metal-16xl", "r7iz.metal-32xl", "r8g.metal-24xl", "x2gd.metal", "x8g.metal-24xl",
}


# GCP reference (service, item) -> (service, key, unit, divide the figure by)
GCP_ITEMS = {
    ("gce-disk", "pd-standard"): ("pd", "pd-standard/storage", "gb-month", 1.0),
    ("gce-disk", "pd-ssd"): ("pd", "pd-ssd/storage", "gb-month", 1.0),
    ("gke", "cluster management fee (zonal/regional/Autopilot)"): ("gke", "management/hour", "hour", 1.0),
    ("gke-autopilot", "Autopilot vCPU"): ("gke", "autopilot/vcpu", "vcpu-month", 1.0),
    ("gke-autopilot", "Autopilot memory"): ("gke", "autopilot/memory", "gb-month", 1.0),
}


def gcp_rows() -> list[list[str]]:
    """GCE on-demand and spot per hour, PD per GB-month, the GKE fee; later rows of the same key win
    (the reference lists the Cyclenerd figures, with more digits, after the autoscaler's)."""
    out: dict[tuple[str, str, str], list[str]] = {}
    credit: dict[str, str] | None = None
    with (SHARED / "price-reference.csv").open(newline="") as handle:
        for r in csv.DictReader(handle):
            if r["provider"] != "gcp" or not r["price_usd"]:
                continue
            if r["region"] == "any":
                if r["service"] == "gke" and r["item"].startswith("free tier credit"):
                    credit = r
                continue
            source = f"github:{r['source_repo']}:{r['source_path']} ({r['source_ref']})"
            note = r["note"]
            if r["service"] == "gce-ondemand":
                entry = ("gce", f"{r['item']}/on-demand", "hour", 1.0)
            elif r["service"] == "gce-spot" and r["unit"] == "month":
                entry = ("gce", f"{r['item']}/spot", "hour", 730.0)
                note = (note + "; " if note else "") + "monthly figure (730 hours) / 730"
            else:
                found = GCP_ITEMS.get((r["service"], r["item"]))
                if found is None:
                    continue
                entry = found
            service, key, unit, divide = entry
            usd = float(r["price_usd"]) / divide
            read_on = _date(r["source_ref"]) if re.search(r"20\d\d-\d\d-\d\d", r["source_ref"]) else (
                "2025-03-06" if "Mar 6" in r["source_ref"] and "2025" in r["source_ref"] else "2026-07-20")
            out[(service, r["region"], key)] = ["gcp", service, r["region"], key, unit, f"{usd:.10g}", "0", source,
                                                read_on, "true" if service == "gce" and key.endswith("/spot") else "false",
                                                note]
    if credit is not None:
        # The free-tier credit ($74.40 a month per billing account, one zonal or Autopilot cluster) is spent
        # on the management fee, so it is priced as the fee's rate negated, up to 744 hours a month.
        for (service, region, key), row in list(out.items()):
            if service == "gke" and key == "management/hour":
                source = f"{credit['source_repo']}/{credit['source_path']} ({credit['source_ref']}); fee: {row[7]}"
                out[(service, region, "management/free-tier-credit")] = [
                    "gcp", "gke", region, "management/free-tier-credit", "hour", f"{-float(row[5]):.10g}", "0", source,
                    row[8], "false", (f"credit {credit['price_usd']} USD/month = {float(credit['price_usd']) / float(row[5]):g}"
                    f" hours of the fee; {credit['note']}")]
    return [out[k] for k in sorted(out)]


def write(name: str, table: list[list[str]]) -> None:
    with (HERE / name).open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(table)
    print(f"wrote {HERE / name} ({len(table)} rows)")


if __name__ == "__main__":
    needed = [SHARED / "price-reference.csv", SHARED / "aws-ec2-ondemand-linux-us-east-1.csv"]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        # A maintainer tool: the compiled reference tables are not shipped; the CSVs it writes are.
        raise SystemExit(f"import_reference: missing {', '.join(missing)} — this regenerates aws.csv and gcp.csv "
                         "from the compiled reference tables beside the repository; the shipped CSVs need no run")
    write("aws.csv", rows())
    write("gcp.csv", gcp_rows())
