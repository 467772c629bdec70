"""The backend seam (like an HTTP client's transport): where boto3 calls go.

``InProcessMoto`` (the default) runs moto inside this process with fixed fake credentials, so
nothing from the user's environment or ``~/.aws`` is read, used or printed, and with moto's EC2
lookups by id indexed (:mod:`planner.dryrun.moto_index`: moto scans every instance per lookup). ``EndpointBackend``
sends the same calls to a running server (moto server, LocalStack) at the address checked by
:mod:`planner.dryrun.endpoint` before any call; proxy variables are ignored unless ``allow_remote``.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import boto3
from botocore.config import Config

from planner.dryrun.endpoint import CheckedEndpoint, check_endpoint
from planner.dryrun.moto_index import indexed_lookups

FAKE = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_CONFIG_FILE": os.devnull}
CLEARED = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE")
BOTO_CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)


class ClientFactory(Protocol):
    """A boto3 client by service name ("ec2", "s3", ...), bound to one backend's session.

    Both backends give one: ``lambda service: backend.client(session, service)`` inside
    ``backend.session(region)``, for :class:`InProcessMoto` and :class:`EndpointBackend` alike.
    """

    def __call__(self, service: str, /) -> Any: ...


@contextmanager
def _patched_env(values: dict[str, str], cleared: tuple[str, ...] = ()) -> Iterator[None]:
    """Set ``values`` and remove ``cleared`` for the block; the previous environment is restored after."""
    saved = {k: os.environ.get(k) for k in (*values, *cleared)}
    os.environ.update(values)
    for key in cleared:
        os.environ.pop(key, None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def fake_credentials() -> AbstractContextManager[None]:
    """Fixed fake credentials for the run; the user's environment is restored afterwards."""
    return _patched_env(FAKE, CLEARED)


@cache
def _amis_file(region: str) -> str:
    """A small AMI list for moto: the Amazon Linux 2023 images moto ships for ``region``.

    moto otherwise builds thousands of images (and a snapshot for each) in every region it touches,
    which took about 2 s of a 4 s dry-run; the dry-run only ever looks up Amazon Linux 2023. moto
    reads ``MOTO_AMIS_PATH`` when its EC2 models are first imported, so in a process that imported
    them earlier the lookup finds moto's default images instead and falls back to one of those.
    """
    from moto.utilities.utils import load_resource

    try:
        latest = load_resource(f"ec2/resources/latest_amis/{region}.json")
    except FileNotFoundError:
        latest = []
    keep = list(load_resource("ec2/resources/amis.json"))  # moto's 44 default images
    keep += [a for a in latest if str(a.get("name", "")).startswith("al2023-ami-2023")]
    folder = Path(tempfile.mkdtemp(prefix="planner-amis-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / f"{region}.json"
    path.write_text(json.dumps(keep))
    return str(path)


class InProcessMoto:
    name = "moto (in-process)"
    remote = False

    @contextmanager
    def session(self, region: str) -> Iterator[Any]:
        from moto import mock_aws, settings

        before = settings.EC2_ENABLE_INSTANCE_TYPE_VALIDATION
        settings.EC2_ENABLE_INSTANCE_TYPE_VALIDATION = True  # reject unknown instance types like AWS does
        try:
            with fake_credentials(), _patched_env({"MOTO_AMIS_PATH": _amis_file(region)}), mock_aws(), \
                    indexed_lookups():
                yield boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    aws_session_token="testing", region_name=region)
        finally:
            settings.EC2_ENABLE_INSTANCE_TYPE_VALIDATION = before

    def client(self, session: Any, service: str) -> Any:
        return session.client(service, config=BOTO_CONFIG)


def _isolated_session(region: str) -> Any:
    """A boto3 session that reads nothing from the environment: no profile, config or credentials file.

    Unlike :func:`fake_credentials` it does not touch ``os.environ``, so runs in several threads do not
    disturb one another (or the user's environment).
    """
    import botocore.session

    core = botocore.session.Session(session_vars={
        "profile": (None, None, None, None), "config_file": (None, None, os.devnull, None),
        "credentials_file": (None, None, os.devnull, None)})
    return boto3.Session(botocore_session=core, aws_access_key_id="testing", aws_secret_access_key="testing",
                         aws_session_token="testing", region_name=region)


class EndpointBackend:
    """A running server at a checked address. Proxy variables are ignored unless ``allow_remote``."""

    remote = True

    def __init__(self, url: str, allow_remote: bool = False) -> None:
        self.endpoint: CheckedEndpoint = check_endpoint(url, allow_remote)
        self.url = self.endpoint.url
        self.proxies: dict[str, str] = {}
        if allow_remote:
            from botocore.utils import get_environ_proxies

            self.proxies = dict(get_environ_proxies(self.url))
        proxy = self.proxies.get(self.endpoint.scheme)
        via = f" via proxy {proxy}" if proxy else (" (no proxy)" if allow_remote else "")
        self.name = f"endpoint {self.url}{via}"
        self.config = BOTO_CONFIG.merge(Config(proxies=self.proxies, s3={"addressing_style": "path"}))

    @contextmanager
    def session(self, region: str) -> Iterator[Any]:
        yield _isolated_session(region)

    def client(self, session: Any, service: str) -> Any:
        return session.client(service, endpoint_url=self.url, config=self.config)
