"""Make Graphviz SVG stand alone: icons become data URIs, machine paths disappear."""

from __future__ import annotations

import base64
import re
from pathlib import Path

_HREF = re.compile(rb'xlink:href="([^"]+\.png)"')
_IMAGE_ATTR = re.compile(r'image="([^"]*/resources/)([^"]+\.png)"')


def embed_images(svg: bytes) -> bytes:
    """Replace every ``xlink:href`` to a PNG file with the file's bytes as a data URI."""
    cache: dict[bytes, bytes] = {}

    def inline(match: re.Match[bytes]) -> bytes:
        path = match.group(1)
        if path not in cache:
            data = Path(path.decode()).read_bytes()
            cache[path] = b'xlink:href="data:image/png;base64,' + base64.b64encode(data) + b'"'
        return cache[path]

    return _HREF.sub(inline, svg)


def normalise_icon_paths(dot: str) -> str:
    """``image="/…/site-packages/resources/aws/compute/ec2.png"`` -> ``image="resources/aws/compute/ec2.png"``."""
    return _IMAGE_ATTR.sub(lambda m: f'image="resources/{m.group(2)}"', dot)
