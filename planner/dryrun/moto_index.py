"""Lookups by id for in-process moto, where moto scans every resource per lookup.

moto (5.x) finds an instance by id with a scan of every reservation, each copied first; it does that
for every volume attached at launch and detached at termination, so launching or terminating n
instances costs O(n²) whichever way the calls are made. It reads a resource's tags with a scan of
every tag in the region (``describe_tags`` with a ``resource-id`` filter), once per instance in every
answer, and a volume by id with a scan of every volume, once per launched device. At 2,000 instance
groups those scans were most of the dry-run (and of a bare script making the same calls).

:func:`indexed_lookups` replaces these three lookups on moto's ``EC2Backend`` with dictionary reads
that return the same objects in the same order and raise the same errors (anything else goes to moto's
own code), for as long as an in-process session is open; moto's methods are restored after the last
one closes. A server at an endpoint is not touched. Should moto change these methods, nothing is
replaced and moto's own code runs (:data:`REPLACED` lists what was).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_LOCK = threading.Lock()
_USERS = 0
_SAVED: dict[str, Any] = {}  # method name -> what EC2Backend itself defined before (None: inherited)
REPLACED: tuple[str, ...] = ()
_WILDCARDS = frozenset("*?[")


def _get_instance(original: Callable[..., Any]) -> Callable[..., Any]:
    """``get_instance`` through an index of instance id -> instance, kept on the backend.

    Instances are only ever added to reservations (never removed, terminated ones stay), so an indexed
    instance stays valid. A new instance is in the newest reservation (moto adds the reservation
    before creating its instances); anything else not yet indexed is found by re-indexing everything
    once, and an unknown id goes to moto's own lookup, which raises its usual error.
    """

    def get_instance(self: Any, instance_id: str) -> Any:
        held = self.__dict__.get("_planner_instance_index")
        if held is None or held[0] is not self.reservations:  # new backend state: a new index
            held = self.__dict__["_planner_instance_index"] = (self.reservations, {})
        index: dict[str, Any] = held[1]
        found = index.get(instance_id)
        if found is None and self.reservations:
            newest = next(reversed(self.reservations.values()))
            index.update((i.id, i) for i in newest.instances)
            found = index.get(instance_id)
        if found is None:
            index.update((i.id, i) for r in self.reservations.values() for i in r.instances)
            found = index.get(instance_id)
        return found if found is not None else original(self, instance_id)

    return get_instance


def _describe_tags(original: Callable[..., Any]) -> Callable[..., Any]:
    """``describe_tags`` for one exact resource id read from that resource's tags, not every tag."""
    from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

    def describe_tags(self: Any, filters: dict[str, list[str]] | None = None) -> Any:
        ids = filters.get("resource-id") if filters is not None and len(filters) == 1 else None
        if not ids or len(ids) != 1 or _WILDCARDS & set(ids[0]):
            return original(self, filters)
        resource_id = ids[0]
        kind = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
        return [{"resource_id": resource_id, "key": key, "value": value, "resource_type": kind}
                for key, value in self.tags.get(resource_id, {}).items()]

    return describe_tags


def _describe_volumes(original: Callable[..., Any]) -> Callable[..., Any]:
    """``describe_volumes`` of one known volume id (no filters) read by id, not from every volume."""

    def describe_volumes(self: Any, volume_ids: list[str] | None = None, filters: Any = None) -> Any:
        if volume_ids and len(volume_ids) == 1 and not filters and volume_ids[0] in self.volumes:
            return [self.volumes[volume_ids[0]]]
        return original(self, volume_ids, filters)

    return describe_volumes


REPLACEMENTS: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "get_instance": _get_instance, "describe_tags": _describe_tags, "describe_volumes": _describe_volumes}


def _install() -> None:
    global REPLACED
    from moto.ec2.models import EC2Backend

    for name, make in REPLACEMENTS.items():
        original = getattr(EC2Backend, name, None)
        if original is None or getattr(original, "__qualname__", "").split(".")[-1] != name:
            continue  # moto changed: keep its own code
        _SAVED[name] = EC2Backend.__dict__.get(name)
        setattr(EC2Backend, name, make(original))
    REPLACED = tuple(_SAVED)


def _uninstall() -> None:
    global REPLACED
    from moto.ec2.models import EC2Backend

    for name, own in _SAVED.items():
        if own is None:
            delattr(EC2Backend, name)
        else:
            setattr(EC2Backend, name, own)
    _SAVED.clear()
    REPLACED = ()


@contextmanager
def indexed_lookups() -> Iterator[None]:
    """moto's EC2 lookups by id for the block (shared by concurrent sessions; restored after the last)."""
    global _USERS
    with _LOCK:
        if _USERS == 0:
            _install()
        _USERS += 1
    try:
        yield
    finally:
        with _LOCK:
            _USERS -= 1
            if _USERS == 0:
                _uninstall()
