"""The names and tags a blueprint's resources carry when deployed, and the provider limits on them.

Deployed names are ``<blueprint>-<resource>[-<part>]`` (the dry-run adds an 8-hex run id, shortening
with a hash where it must; a real deployment has no run id). Tags are the blueprint's ``tags``, the
resource's own ``tags`` and planner's: ``Name`` and the ``planner:blueprint`` and ``planner:run-id``
tags every dry-run resource carries. Sources: the Tagging AWS Resources guide ("Tag naming limits
and requirements": 50 tags per resource, keys up to 128 and values up to 256 Unicode characters,
the ``aws:`` prefix reserved), the Elastic Load Balancing API reference (CreateLoadBalancer and
CreateTargetGroup: Name up to 32 alphanumerics and hyphens, not starting or ending with a hyphen,
not starting with ``internal-``), the RDS user guide (DB instance identifier: 1-63 letters, digits
and hyphens, starting with a letter, no two consecutive hyphens, not ending with a hyphen), and the
GCP "Labels" documentation (64 labels; keys and values up to 63 lower-case letters, digits,
``_`` and ``-``, keys starting with a letter).
"""

from __future__ import annotations

import re
import unicodedata

AWS_MAX_TAGS = 50
AWS_TAG_KEY_MAX = 128
AWS_TAG_VALUE_MAX = 256
PLANNER_TAG_KEYS = ("Name", "planner:blueprint", "planner:run-id")
"""Tags planner puts on every resource it creates; they count against the 50."""
GCP_MAX_LABELS = 64
GCP_LABEL_MAX = 63
ELB_NAME_MAX = 32
RDS_IDENTIFIER_MAX = 63

_ELB_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$")
_RDS_IDENTIFIER = re.compile(r"^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$")


def deployed_name(blueprint: str, *parts: str) -> str:
    """``<blueprint>-<parts>``: the name a resource is deployed under (before any run id)."""
    return "-".join((blueprint, *parts))


def control_characters(text: str) -> list[str]:
    """The control characters in ``text``, as ``U+XXXX`` (AWS and GCP refuse them in tags)."""
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def aws_tag_problems(key: str, value: str) -> list[tuple[str, str]]:
    """(what is wrong, how to fix it) for one AWS tag; empty when AWS accepts it."""
    problems = []
    if not key.strip():
        problems.append(("an empty tag key", "give the tag a key"))
    if key.lower().startswith("aws:"):
        problems.append((f"tag key {key!r} starts with 'aws:', which AWS reserves for its own tags",
                         "use another prefix, such as your organisation's"))
    if key in PLANNER_TAG_KEYS:
        problems.append((f"tag key {key!r} is set by planner on every resource", "use another key"))
    if len(key) > AWS_TAG_KEY_MAX:
        problems.append((f"tag key is {len(key)} characters; AWS allows at most {AWS_TAG_KEY_MAX}",
                         f"shorten the key to {AWS_TAG_KEY_MAX} characters"))
    if len(value) > AWS_TAG_VALUE_MAX:
        too_long = f"tag {key!r} has a value of {len(value)} characters; AWS allows at most {AWS_TAG_VALUE_MAX}"
        problems.append((too_long, f"shorten the value to {AWS_TAG_VALUE_MAX} characters"))
    for what, text in (("key", key), ("value", value)):
        bad = control_characters(text)
        if bad:
            problems.append((f"tag {what} {text!r} holds control characters ({', '.join(bad)})",
                             "remove them: AWS accepts letters, digits, spaces and _ . : / = + - @"))
    return problems


def gcp_label_problems(key: str, value: str) -> list[tuple[str, str]]:
    """(what is wrong, how to fix it) for one GCP label; empty when GCP accepts it."""
    problems = []
    fix = "use lower-case letters, digits, '_' and '-' (at most 63), a key starting with a letter"
    if not key or not (key[0].isalpha() and key[0].islower()) or not _label_text(key):
        problems.append((f"label key {key!r} is not a GCP label key", fix))
    elif len(key) > GCP_LABEL_MAX:
        problems.append((f"label key is {len(key)} characters; GCP allows at most {GCP_LABEL_MAX}", fix))
    if not _label_text(value):
        problems.append((f"label {key!r} has the value {value!r}, which GCP does not accept", fix))
    elif len(value) > GCP_LABEL_MAX:
        too_long = f"label {key!r} has a value of {len(value)} characters; GCP allows at most {GCP_LABEL_MAX}"
        problems.append((too_long, fix))
    return problems


def _label_text(text: str) -> bool:
    return all((c.isalpha() and c.islower()) or c.isdigit() or c in "_-" for c in text)


def elb_name_problem(name: str) -> str | None:
    """Why AWS would refuse ``name`` for a load balancer or target group, or None."""
    if len(name) > ELB_NAME_MAX:
        return f"is {len(name)} characters; AWS allows at most {ELB_NAME_MAX}"
    if not _ELB_NAME.match(name):
        return "may hold only letters, digits and hyphens, and not start or end with a hyphen"
    if name.startswith("internal-"):
        return "may not start with 'internal-'"
    return None


def rds_identifier_problem(name: str) -> str | None:
    """Why RDS would refuse ``name`` as a DB instance identifier, or None."""
    if len(name) > RDS_IDENTIFIER_MAX:
        return f"is {len(name)} characters; RDS allows at most {RDS_IDENTIFIER_MAX}"
    if not _RDS_IDENTIFIER.match(name) or "--" in name:
        return "must start with a letter, hold letters, digits and single hyphens, and not end with a hyphen"
    return None
