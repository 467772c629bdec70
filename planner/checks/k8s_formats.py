"""Validators for Kubernetes names, values and cron schedules: each returns why a value is invalid, or None.

The rules follow k8s.io/apimachinery ``pkg/util/validation`` and ``pkg/api/validate/content``
(IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName/IsLabelKey, IsLabelValue, IsEnvVarName,
IsRelaxedEnvVarName, IsConfigMapKey, IsValidPortName, IsValidPercent) and robfig/cron's standard
parser used by the CronJob controller. Env names: the strict rule applies before Kubernetes 1.32;
from 1.32 the RelaxedEnvironmentVariableValidation gate is on by default (beta 1.32, GA 1.34) and any
printable ASCII but '=' is accepted.
"""

from __future__ import annotations

import re

DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
CONFIG_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
PERCENT = re.compile(r"^[0-9]+%$")


def dns1123_label(value: str) -> str | None:
    if len(value) > 63:
        return "must be no more than 63 characters"
    if not DNS1123_LABEL.match(value):
        return "must be lower-case letters, digits and '-', starting and ending with a letter or digit"
    return None


def dns1123_subdomain(value: str) -> str | None:
    if len(value) > 253:
        return "must be no more than 253 characters"
    if not DNS1123_SUBDOMAIN.match(value):
        return "must be a DNS subdomain: lower-case letters, digits, '-' and '.' (e.g. example.com)"
    return None


def qualified_name(value: str) -> str | None:
    """IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters."""
    parts = value.split("/")
    if len(parts) > 2:
        return "has more than one '/'"
    name = parts[-1]
    if len(parts) == 2:
        if not parts[0]:
            return "has an empty prefix before '/'"
        if (problem := dns1123_subdomain(parts[0])) is not None:
            return f"prefix {problem}"
    if not name:
        return "is empty" if len(parts) == 1 else "has an empty name after '/'"
    if len(name) > 63:
        return "name part must be no more than 63 characters"
    if not LABEL_NAME.match(name):
        return "name part must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
    return None


def label_value(value: str) -> str | None:
    if len(value) > 63:
        return "must be no more than 63 characters"
    if value and not LABEL_NAME.match(value):
        return "must be empty or letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
    return None


def env_name(value: str, version: str) -> str | None:
    relaxed = _minor(version) >= 32
    if not value:
        return "is empty"
    if relaxed:
        if any(not (32 <= ord(ch) < 127) or ch == "=" for ch in value):
            return "must be printable ASCII without '='"
    elif not ENV_NAME.match(value):
        return (f"must match {ENV_NAME.pattern} on Kubernetes {version} (any printable ASCII but '=' only "
                "from 1.32, RelaxedEnvironmentVariableValidation)")
    if value in (".", "..") or value.startswith(".."):
        return "must not be '.' or start with '..'"
    return None


def config_key(value: str) -> str | None:
    if len(value) > 253:
        return "must be no more than 253 characters"
    if not CONFIG_KEY.match(value):
        return "must be letters, digits, '-', '_' or '.'"
    if value in (".", "..") or value.startswith(".."):
        return "must not be '.' or start with '..'"
    return None


def port_name(value: str) -> str | None:
    """IsValidPortName (IANA_SVC_NAME)."""
    if len(value) > 15 or not re.match(r"^[-a-z0-9]+$", value) or not re.search("[a-z]", value) or "--" in value \
            or value.startswith("-") or value.endswith("-"):
        return "is not a port name (1-15 of a-z, 0-9, '-', at least one letter)"
    return None


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 99


# ------------------------------------------------------------------------------------------ cron
_CRON_FIELDS: tuple[tuple[int, int, dict[str, int]], ...] = ((0, 59, {}), (0, 23, {}), (1, 31, {}),
                (1, 12, {m: i + 1 for i, m in enumerate(
                    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}),
                (0, 6, {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}))
_CRON_NAMES = ("minute", "hour", "day of month", "month", "day of week")
_DESCRIPTORS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
_DURATION = re.compile(r"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")


def cron_problem(schedule: str) -> str | None:
    """None when robfig/cron's standard parser (used by the CronJob controller) accepts ``schedule``."""
    text = schedule.strip()
    if "TZ" in text:
        return "a time zone in the schedule is not allowed (CRON_TZ/TZ); Kubernetes has spec.timeZone"
    if text.startswith("@"):
        if text in _DESCRIPTORS:
            return None
        if text.startswith("@every ") and _DURATION.match(text[7:].strip()):
            return None
        return f"unknown descriptor {text!r}"
    fields = text.split()
    if len(fields) != 5:
        return f"has {len(fields)} fields, a cron schedule has 5 (minute hour day month weekday)"
    for field, (low, high, names), what in zip(fields, _CRON_FIELDS, _CRON_NAMES, strict=True):
        for part in field.split(","):
            problem = _cron_part(part, low, high, names)
            if problem:
                return f"{what} {part!r}: {problem}"
    return None


def _cron_value(text: str, names: dict[str, int]) -> int | None:
    if text.lower() in names:
        return names[text.lower()]
    return int(text) if text.isdigit() else None


def _cron_part(part: str, low: int, high: int, names: dict[str, int]) -> str | None:
    rng, slash, step_text = part.partition("/")
    if slash and not step_text.isdigit():
        return "the step is not a number"
    if slash and int(step_text) == 0:
        return "the step must be positive"
    if rng in ("*", "?"):
        return None
    first_text, dash, last_text = rng.partition("-")
    first = _cron_value(first_text, names)
    last = _cron_value(last_text, names) if dash else first
    if first is None or last is None:
        return "not a number or name"
    if not (low <= first <= high and low <= last <= high):
        return f"outside {low}-{high}"
    if first > last:
        return "the range is reversed"
    return None
