"""The deployment's plumbing: calls as steps, created resources with their removals, names and tags.

Every call goes through :meth:`DeploymentCore.step`: an AWS error becomes a finding naming the
blueprint resource, a crash inside the mock becomes a finding saying so, and a dead endpoint stops
the run as an environment problem (exit 3). Teardown runs the recorded removals in reverse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from planner.analysis import Analysis
from planner.dryrun.backend import ClientFactory
from planner.dryrun.model import DryRunResult, Step
from planner.errors import EnvironmentProblem
from planner.findings import dry_run_finding
from planner.naming import deployed_name

BULK_LIMIT = 1000  # ids per bulk removal call (EC2 accepts up to 1,000 instance ids in one TerminateInstances)


class Undo(NamedTuple):
    """How to remove one recorded resource (or one launch of several, ``ids``)."""

    kind: str
    name: str
    ident: str
    remove: Callable[[], Any]
    ids: tuple[str, ...] = ()  # when set, removable together with its neighbours by the kind's bulk removal


class DeploymentCore:
    """One run's state: the blueprint and plan, the boto3 clients, and what it created so far.

    The family modules (network, security, compute, ...) read and extend this state; the runner uses
    only the public methods: :meth:`client`, :meth:`step`, :meth:`record`, :meth:`id_of`,
    :attr:`launched_instances` and :meth:`teardown`.
    """

    def __init__(self, analysis: Analysis, client: ClientFactory, result: DryRunResult,
                 progress: Callable[[Step], None] | None = None, run_id: str = "planner-00000000",
                 remote: bool = False) -> None:
        self.analysis = analysis
        self.bp = analysis.blueprint
        self.plan = analysis.plan
        self._client = client
        self.result = result
        self.progress = progress
        self.run_id = run_id  # "planner-<8 hex>": in every name and the planner:run-id tag
        self.remote = remote  # an endpoint over HTTP (a 5xx is then the server's failure, not the mock's)
        self.undo: list[Undo] = []
        self.bulk: dict[str, Callable[[list[str]], Any]] = {}  # kind -> removal of many ids in one call
        self.ids: dict[tuple[str, str], str] = {}
        self.instance_group: dict[str, str] = {}  # instance id -> its instance group in the blueprint
        self.tags = [{"Key": k, "Value": v} for k, v in sorted(self.bp.tags.items())] + [
            {"Key": "planner:blueprint", "Value": self.bp.name}, {"Key": "planner:run-id", "Value": run_id}]

    # ------------------------------------------------------------------------ for the runner
    def client(self, service: str) -> Any:
        """The boto3 client for ``service`` ("ec2", "s3", ...) on this run's backend."""
        return self._client(service)

    def id_of(self, kind: str, name: str) -> str | None:
        """The id recorded for the blueprint resource ``kind name``; None when it was not created."""
        return self.ids.get((kind, name))

    @property
    def launched_instances(self) -> Mapping[str, str]:
        """Every instance this run launched: instance id -> its instance group in the blueprint."""
        return self.instance_group

    # ---------------------------------------------------------------------------------- names
    def aws_name(self, *parts: str, limit: int = 63, letter_first: bool = False) -> str:
        """``<blueprint>-<parts>-<run hex>`` within ``limit`` characters, unique per run and resource.

        Too long a body is cut and a short hash of it added, so two long names never collide; double
        hyphens are collapsed (RDS refuses them) and ``letter_first`` prefixes ``p`` to a leading digit.
        """
        suffix = self.run_id.rsplit("-", 1)[-1]
        body = re.sub(r"-{2,}", "-", deployed_name(self.bp.name, *parts).strip("-"))
        if letter_first and not body[:1].isalpha():
            body = f"p{body}"
        room = limit - len(suffix) - 1
        if len(body) > room:
            digest = hashlib.sha256(body.encode()).hexdigest()[:6]
            body = f"{body[:room - 7].rstrip('-.')}-{digest}"
        return f"{body}-{suffix}"

    def bucket_name(self, name: str) -> str:
        """The bucket's name for this run: ``<name>-<run hex>`` (bucket names are global, 3-63 chars)."""
        suffix = self.run_id.rsplit("-", 1)[-1]
        if len(name) + len(suffix) + 1 > 63:
            name = f"{name[:47].rstrip('-.')}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
        return f"{name}-{suffix}"

    def tag_spec(self, resource_type: str, name: str) -> list[dict[str, Any]]:
        """EC2 TagSpecifications: the run's tags and a ``Name`` made of ``name``."""
        return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": self.aws_name(name, limit=255)},
                                                        *self.tags]}]

    # ------------------------------------------------------------------------------- plumbing
    def record(self, action: str, kind: str, name: str, ok: bool, detail: str = "") -> None:
        """Add a step to the result and show it."""
        step = Step(action, kind, name, ok, detail)
        self.result.steps.append(step)
        if self.progress:
            self.progress(step)

    def step(self, kind: str, name: str, call: Callable[[], Any], action: str = "apply") -> Any:
        """``call()``'s value, recorded as a step; None (and a finding) when AWS or the mock refused it."""
        try:
            value = call()
        except EndpointConnectionError as exc:
            raise EnvironmentProblem(f"the endpoint stopped answering ({action} {kind} {name}): {exc}; "
                                     "is the server running and listening on that port?") from exc
        except ClientError as exc:
            error = exc.response.get("Error", {})
            message = f"{error.get('Code', 'error')}: {error.get('Message', exc)}"
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
            if status >= 500 and self.remote:
                raise EnvironmentProblem(f"the endpoint failed with HTTP {status} ({action} {kind} {name}): "
                                         f"{message}; the server, not the blueprint, is at fault") from exc
            self._refused(action, kind, name, message)
            return None
        except BotoCoreError as exc:
            raise EnvironmentProblem(f"the endpoint's answer could not be used ({action} {kind} {name}): {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - a crash inside the mock is reported, not raised
            self._refused(action, kind, name, f"internal error of the mock ({type(exc).__name__}: {exc})")
            return None
        self.record(action, kind, name, True)
        return value

    def _refused(self, action: str, kind: str, name: str, message: str) -> None:
        """A failed step and its finding."""
        self.record(action, kind, name, False, message)
        self.result.findings.append(dry_run_finding(f"{kind} {name}", message, action))

    def created(self, kind: str, name: str, ident: str, undo: Callable[[], Any] | None = None) -> None:
        """Record a resource; ``undo`` removes it (None: it goes with another resource's undo)."""
        self.ids[(kind, name)] = ident
        self.result.resources.append({"kind": kind, "name": name, "id": ident})
        if undo is not None:
            self.undo.append(Undo(kind, name, ident, undo))

    def removable(self, kind: str, name: str, ids: list[str], remove: Callable[[], Any],
                  bulk: Callable[[list[str]], Any]) -> None:
        """Record how to remove ``ids`` (one step ``kind name`` at teardown): alone with ``remove``, or with
        the neighbouring removals of the same kind in one ``bulk(ids)`` call (one call per
        :data:`BULK_LIMIT` ids instead of one per launch)."""
        self.bulk[kind] = bulk
        self.undo.append(Undo(kind, name, " ".join(ids), remove, tuple(ids)))

    # ------------------------------------------------------------------------------- teardown
    def teardown(self) -> list[str]:
        """Remove what this run recorded, newest first; what could not be removed, as ``kind id``.

        Never raises for the endpoint: a failed removal is recorded and the next one tried; once the
        endpoint stops answering, everything not yet removed is listed without trying further.
        Neighbouring removals of a kind with a bulk removal go in one call (each still its own step);
        when that call fails they are removed one by one, so a failure names its own resource.
        """
        left: list[str] = []
        reachable = True
        while self.undo:
            batch = self._next_batch()
            if reachable and len(batch) > 1 and self._remove_together(batch):
                continue
            for u in batch:
                if not reachable:
                    left.append(f"{u.kind} {u.ident}")
                    continue
                reachable = self._remove_one(u, left)
        return left

    def _remove_one(self, u: Undo, left: list[str]) -> bool:
        """Run one removal as a teardown step, adding it to ``left`` if it failed; False once unreachable."""
        before = len(self.result.steps)
        reachable = True
        try:
            self.step(u.kind, u.name, u.remove, action="teardown")
        except EnvironmentProblem as exc:
            self.record("teardown", u.kind, u.name, False, str(exc))
            reachable = not isinstance(exc.__cause__, EndpointConnectionError)
        if not (len(self.result.steps) > before and self.result.steps[-1].ok):
            left.append(f"{u.kind} {u.ident}")
        return reachable

    def _next_batch(self) -> list[Undo]:
        """The newest removal and, if its kind has a bulk removal, the run of same-kind removals under it
        (up to :data:`BULK_LIMIT` ids), newest first."""
        batch = [self.undo.pop()]
        if not batch[0].ids or batch[0].kind not in self.bulk:
            return batch
        count = len(batch[0].ids)
        while (self.undo and self.undo[-1].kind == batch[0].kind and self.undo[-1].ids
               and count + len(self.undo[-1].ids) <= BULK_LIMIT):
            count += len(self.undo[-1].ids)
            batch.append(self.undo.pop())
        return batch

    def _remove_together(self, batch: list[Undo]) -> bool:
        """One bulk call for the whole batch, then each removal's step; False (nothing recorded) if it failed."""
        try:
            self.bulk[batch[0].kind]([i for u in batch for i in u.ids])
        except Exception:  # noqa: BLE001 - retried one by one, which records what failed and why
            return False
        for u in batch:
            self.record("teardown", u.kind, u.name, True)
        return True
