"""``planner catalog instances``: the instance specs the checks use."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import click

from planner import catalog as cat
from planner.catalog_listing import instance_rows, price_rows
from planner.cli.base import echo, emit_json
from planner.cost.prices import COLUMNS, price_table
from planner.errors import EnvironmentProblem, InvalidInput
from planner.writers.csv_text import csv_text
from planner.writers.table import Column, table


@click.group()
def catalog() -> None:
    """Browse the catalog: instance specs (and prices, where the cost catalog has them)."""


def unknown_value(option: str, what: str, value: str, valid: list[str]) -> str:
    """One usage problem: the unknown value, the closest valid one, and every valid value."""
    close = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{option}: unknown {what} {value!r}{hint}; valid: {', '.join(valid)}"


def raise_usage(problems: list[str]) -> None:
    """All the usage problems of one command line at once (exit 2); nothing is listed."""
    if problems:
        raise InvalidInput("\nerror: ".join(problems))


@catalog.command()
@click.option("--provider", type=click.Choice(["aws", "gcp"]), default="aws", show_default=True)
@click.option("--region", default=None, help="Region (default us-east-1 / us-central1).")
@click.option("--family", default=None, help="Family (t3, m6g) or class letter (t, m, c, r).")
@click.option("--min-vcpu", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def instances(provider: str, region: str | None, family: str | None, min_vcpu: int, fmt: str) -> None:
    """List instance types with vCPU, memory, architecture and EKS max pods."""
    region = region or ("us-east-1" if provider == "aws" else "us-central1")
    problems = []
    if region not in cat.known_regions(provider):
        problems.append(unknown_value("--region", f"{provider} region", region, sorted(cat.known_regions(provider))))
    if family:
        specs = cat.instance_specs(provider).values()
        families = sorted({s.family for s in specs} | {s.instance_class for s in specs})
        if family not in families:
            problems.append(unknown_value("--family", f"{provider} family or class", family, families))
    raise_usage(problems)
    rows = [row.to_dict() for row in instance_rows(provider, region, family, min_vcpu)]
    if fmt == "json":
        emit_json(rows)
    elif fmt == "csv":
        fields = list(rows[0]) if rows else ["instance_type"]
        click.echo(csv_text(fields, [[r[f] for f in fields] for r in rows]), nl=False)
    else:
        for line in table(INSTANCE_COLUMNS, [_instance_cells(r) for r in rows], headers=True):
            echo(line)
        echo(f"{len(rows)} types in {region}")


INSTANCE_COLUMNS = (Column("type", 18), Column("family", 8), Column("vcpu", 5, "right"),
                    Column("mem GiB", 8, "right"), Column("arch", 7), Column("max pods", 8, "right"),
                    Column("hourly", gap=2))
PRICE_COLUMNS = (Column(width=14), Column(width=15), Column(width=36), Column(width=11), Column(width=20),
                 Column())


def _instance_cells(row: dict[str, object]) -> tuple[str, ...]:
    price = "—" if row["hourly_usd"] is None else f"${row['hourly_usd']}"
    return (str(row["instance_type"]), str(row["family"]), str(row["vcpu"]), f"{row['memory_gib']:g}",
            str(row["architecture"]), str(row["max_pods"]), price)


def _price_cells(row: Mapping[Hashable, Any]) -> tuple[str, ...]:
    tier = f" (from {row['tier_from']:,.0f})" if row["tier_from"] else ""
    return (row["service"], row["region"], row["key"] + tier, f"${row['usd']:g}", f"per {row['unit']}",
            f"read {row['read_on']}")


@catalog.command()
@click.option("--service", default=None, help="ec2, ebs, s3, eks, nat, elb, data-transfer, ...")
@click.option("--region", default=None)
@click.option("--key", "key_contains", default=None, help="Only keys containing this text (e.g. t3.).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def prices(service: str | None, region: str | None, key_contains: str | None, fmt: str) -> None:
    """List the shipped price snapshot, each row with its source and date."""
    snapshot = price_table()
    problems = []
    if service and service not in set(snapshot.service):
        problems.append(unknown_value("--service", "service", service, sorted(set(snapshot.service))))
    if region and region not in set(snapshot.region):
        problems.append(unknown_value("--region", "region for prices", region, sorted(set(snapshot.region))))
    if key_contains and not snapshot.key.str.contains(key_contains, regex=False).any():
        close = difflib.get_close_matches(key_contains, sorted(set(snapshot.key)), n=3)
        problems.append(f"--key: no price key contains {key_contains!r}"
                        + (f" — did you mean {', '.join(map(repr, close))}?" if close else "")
                        + " (keys look like t3.medium/on-demand, gp3/storage, internet-out)")
    raise_usage(problems)
    chosen = price_rows(service, region, key_contains)
    if fmt == "json":
        emit_json(chosen.to_dict("records"))
    elif fmt == "csv":
        click.echo(chosen.to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        for line in table(PRICE_COLUMNS, [_price_cells(row) for row in chosen.to_dict("records")]):
            echo(line)
        what = ", ".join(f"{name} {value}" for name, value in
                         (("service", service), ("region", region), ("key containing", key_contains)) if value)
        echo(f"{len(chosen)} prices" + (f" (no price matches {what})" if chosen.empty else ""))


@catalog.command()
@click.option("--region", required=True, help="AWS region whose EC2 on-demand prices to fetch, e.g. eu-west-1.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Snapshot file (default $XDG_DATA_HOME/planner/prices/refreshed/aws-ec2-<region>-<date>.csv, "
                   "~/.local/share when XDG_DATA_HOME is unset).")
def refresh(region: str, output: Path | None) -> None:
    """Fetch current EC2 on-demand Linux prices from the AWS Price List API (needs AWS credentials).

    Writes a dated snapshot that replaces the shipped rows of the same keys; without credentials
    nothing is fetched and the shipped snapshot stays in use (exit 3)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from planner.cost.refresh import ec2_on_demand_rows
    from planner.report.files import write_file

    known = cat.aws_regions()
    if region not in known:
        close = difflib.get_close_matches(region, known, n=1)
        raise InvalidInput(f"--region: unknown AWS region {region!r} — "
                           + (f"did you mean {close[0]!r}?" if close else "use a region code such as eu-west-1"))
    session = boto3.Session()
    if session.get_credentials() is None:
        raise EnvironmentProblem("no AWS credentials found: catalog refresh reads the AWS Price List API with your "
                                 "credentials (any identity allowed pricing:GetProducts); the shipped snapshot "
                                 "stays in use")
    client = session.client("pricing", region_name="us-east-1")
    today = date.today()
    try:
        rows = ec2_on_demand_rows(client, region, today)
    except (BotoCoreError, ClientError) as exc:
        raise EnvironmentProblem(f"the AWS Price List API call failed: {exc}") from exc
    if not rows:
        raise EnvironmentProblem(f"the Price List API returned no EC2 prices for {region}; nothing was written")
    target = output or cat.refreshed_prices_dir() / f"aws-ec2-{region}-{today.isoformat()}.csv"
    write_file(target, csv_text(COLUMNS, rows), create_parent=output is None)
    echo(f"wrote {target}: {len(rows)} EC2 on-demand prices for {region}")
