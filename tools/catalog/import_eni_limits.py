"""Write catalog/eks-eni-limits.csv: per EC2 instance type, the ENIs of its default network card and the
IPv4 addresses per ENI — the two figures of the EKS max-pods formula.

Maintainer tool, not run by the product or the tests. It reads github:awslabs/amazon-eks-ami
``nodeadm/internal/kubelet/instance-info.jsonl`` (the EC2 ``DescribeInstanceTypes`` figures that
EKS's node agent embeds to compute ``maxPods``; the AL2 ``eni-max-pods.txt`` list is the same formula
over the same figures) from a local git snapshot (bring it with the session's fetch tool) and writes
the figures in our format, each row naming the file and commit. No file is copied into the project.

Why not moto's table: moto's ``NetworkCards`` for some multi-card types are older than AWS's
(i7ie.48xlarge: 8 + 7 ENIs on two cards, while EC2 now reports 15 on the default card), and
``max pods`` uses the default card only (eni-max-pods.txt: "For multi-card instance types the max
limits is calculated only against the default network card at index (0)").

Run: python tools/catalog/import_eni_limits.py [--mirror /work/.mirror/awslabs+amazon-eks-ami/repo]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
from pathlib import Path

PATH = "nodeadm/internal/kubelet/instance-info.jsonl"
OUT = Path(__file__).resolve().parents[2] / "planner" / "_catalog" / "eks-eni-limits.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default="/work/.mirror/awslabs+amazon-eks-ami/repo")
    parser.add_argument("--read-on", default="2026-12-04")
    args = parser.parse_args()
    git = ["git", "--git-dir", args.mirror]
    commit = subprocess.run([*git, "log", "-1", "--format=%H", "HEAD", "--", PATH], check=True, capture_output=True,
                            text=True).stdout.strip()
    text = subprocess.run([*git, "show", f"{commit}:{PATH}"], check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    source = f"github:awslabs/amazon-eks-ami {PATH}@{commit[:12]}"
    with OUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["instance_type", "default_card_enis", "ipv4_per_eni", "source", "read_on"])
        for row in sorted(rows, key=lambda r: r["instanceType"]):
            writer.writerow([row["instanceType"], row["defaultMaxENIs"], row["ipv4AddressesPerInterface"], source,
                             args.read_on])
    print(f"wrote {OUT} ({len(rows)} types, {source})")


if __name__ == "__main__":
    main()
