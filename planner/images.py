"""What planner knows about common container images: the user they run as, the paths they write and,
when they start as root, the capabilities their entrypoint needs (``catalog/container-images.csv``,
each row with its source). The manifests use it so the images the blueprint names start as generated;
an image not listed is treated as one whose user is unknown.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from planner.blueprint.schema import SecurityContext
from planner.datafiles import CATALOG_DIR

DOCKER_HUB_PREFIXES = ("docker.io/library/", "docker.io/", "index.docker.io/library/", "library/")


@dataclass(frozen=True)
class ImageFacts:
    image: str
    user: int
    """The uid the image's processes start as (0: root)."""
    writable_paths: tuple[str, ...]
    root_capabilities: tuple[str, ...]
    """Capabilities its entrypoint needs when it starts as root (beyond none: planner drops ALL)."""
    source: str


def repository(image: str) -> str:
    """``docker.io/library/nginx:1.27@sha256:...`` -> ``nginx``: the image without registry default, tag or digest."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)
    if ":" in last[-1]:
        name = name[: len(name) - len(last[-1]) + last[-1].index(":")]
    for prefix in DOCKER_HUB_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@cache
def known_images() -> dict[str, ImageFacts]:
    with (CATALOG_DIR / "container-images.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["image"]: ImageFacts(r["image"], int(r["user"]), tuple(p for p in r["writable_paths"].split(";") if p),
                                   tuple(c for c in r["root_capabilities"].split(";") if c), r["source"])
            for r in rows}


def image_facts(image: str) -> ImageFacts | None:
    return known_images().get(repository(image))


@dataclass(frozen=True)
class RunAs:
    """How one container's user is decided: ``non_root`` True/False is set in the manifest, None is not."""

    non_root: bool | None
    image: ImageFacts | None
    reason: str

    @property
    def may_be_root(self) -> bool:
        return self.non_root is not True


def run_as(security: SecurityContext, image: str) -> RunAs:
    facts = image_facts(image)
    if security.run_as_user is not None:
        return RunAs(security.run_as_user > 0, facts, f"security.run_as_user is {security.run_as_user}")
    if "run_as_root" in security.model_fields_set:
        return RunAs(not security.run_as_root, facts, f"security.run_as_root is {str(security.run_as_root).lower()}")
    if facts is not None:
        if facts.user > 0:
            return RunAs(True, facts, f"{image} runs as uid {facts.user}")
        return RunAs(None, facts, f"{image} runs as root (the image has no non-root USER)")
    return RunAs(None, None, f"the user of {image} is not known to planner (it may be root)")
