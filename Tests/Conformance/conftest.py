"""Fixtures for driving a running PlaidLua sandbox with Plaid's official Python client.

scripts/conformance.sh starts `plaidlua sandbox serve` and sets:
  PLAIDLUA_SANDBOX_URL          the server's base URL, e.g. http://127.0.0.1:40123
  PLAIDLUA_SANDBOX_CREDENTIALS  a file holding `plaidlua sandbox credentials --json`
  PLAIDLUA_BIN                  the plaidlua binary, for tests that need a server of their own
  PLAIDLUA_SANDBOX_PARTNER_URL  optional: another instance on the same database, which the
                                partners' clients use, so every token the developer makes on one
                                instance is used on the other

Every client keeps plaid-python's response validation on (`_check_return_type`, its default),
so a response the official client would reject fails the test that received it.
"""

import json
import os
import re
import subprocess
import types
import urllib.error
import urllib.request
import uuid

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.products import Products
from plaid.model.sandbox_processor_token_create_request import SandboxProcessorTokenCreateRequest
from plaid.model.sandbox_processor_token_create_request_options import (
    SandboxProcessorTokenCreateRequestOptions,
)
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import (
    SandboxPublicTokenCreateRequestOptions,
)

API_VERSION = "2020-09-14"
REQUEST_TIMEOUT = 10  # seconds, per call: nothing here may hang


def _environment(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests through scripts/conformance.sh", pytrace=False)
    return value


@pytest.fixture(scope="session")
def sandbox_url():
    return _environment("PLAIDLUA_SANDBOX_URL").rstrip("/")


@pytest.fixture(scope="session")
def credentials():
    with open(_environment("PLAIDLUA_SANDBOX_CREDENTIALS")) as file:
        return json.load(file)


class Client:
    """A PlaidApi whose calls all carry a timeout."""

    def __init__(self, url, client_id, secret):
        configuration = plaid.Configuration(
            host=url,
            api_key={"clientId": client_id, "secret": secret, "plaidVersion": API_VERSION},
        )
        self.configuration = configuration
        self.api = plaid_api.PlaidApi(plaid.ApiClient(configuration))

    def __getattr__(self, name):
        method = getattr(self.api, name)

        def call(request, **kwargs):
            kwargs.setdefault("_request_timeout", REQUEST_TIMEOUT)
            return method(request, **kwargs)

        return call


@pytest.fixture(scope="session")
def client_for(sandbox_url):
    """client_for({"client_id": ..., "secret": ...}) talks to the sandbox, or to `url`."""

    def make(entry, url=None):
        return Client(url or sandbox_url, entry["client_id"], entry["secret"])

    return make


@pytest.fixture(scope="session")
def developer(credentials, client_for):
    return client_for(credentials["developer"])


@pytest.fixture(scope="session")
def partner_url(sandbox_url):
    return os.environ.get("PLAIDLUA_SANDBOX_PARTNER_URL", sandbox_url).rstrip("/")


@pytest.fixture(scope="session")
def partner(credentials, client_for, partner_url):
    """partner("dwolla") is the client of that processor's partner."""

    def make(processor):
        return client_for(credentials["processors"][processor], partner_url)

    return make


@pytest.fixture(scope="session")
def dwolla(partner):
    return partner("dwolla")


@pytest.fixture(scope="session")
def stranger(client_for):
    """A client the sandbox has never issued."""
    return client_for({"client_id": uuid.uuid4().hex[:24], "secret": uuid.uuid4().hex[:30]})


@pytest.fixture(scope="session")
def start_sandbox(tmp_path_factory):
    """start_sandbox(*options) runs another `plaidlua sandbox serve` for this session and
    returns (url, credentials); each is stopped when the session ends."""
    binary = _environment("PLAIDLUA_BIN")
    servers = []

    def start(*options):
        data = tmp_path_factory.mktemp("sandbox")
        server = subprocess.Popen(
            [binary, "sandbox", "serve", "--port", "0", "--data", str(data), *options],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        servers.append(server)
        match = re.search(r"http://127\.0\.0\.1:[0-9]+", server.stdout.readline())
        assert match, "the sandbox did not print its address"
        listing = subprocess.run(
            [binary, "sandbox", "credentials", "--data", str(data), "--json"],
            capture_output=True, text=True, timeout=60, check=True,
        )
        return match.group(0), json.loads(listing.stdout)

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def create_public_token(developer):
    def create(institution_id="ins_109508", products=("auth", "identity"), password=None, username=None):
        login = {key: value for key, value in (("override_password", password), ("override_username", username)) if value}
        options = SandboxPublicTokenCreateRequestOptions(**login) if login else None
        arguments = {"options": options} if options else {}
        request = SandboxPublicTokenCreateRequest(
            institution_id=institution_id,
            initial_products=[Products(product) for product in products],
            **arguments,
        )
        return developer.sandbox_public_token_create(request).public_token

    return create


@pytest.fixture
def link_item(developer, create_public_token):
    """Creates an Item as a developer would in tests: a sandbox public token, exchanged."""

    def link(**options):
        public_token = create_public_token(**options)
        exchange = developer.item_public_token_exchange(
            ItemPublicTokenExchangeRequest(public_token=public_token)
        )
        return exchange.access_token

    return link


@pytest.fixture
def partner_token():
    """A processor token a partner made for itself with /sandbox/processor_token/create."""

    def create(client, institution_id="ins_109508", password=None):
        arguments = {}
        if password:
            arguments["options"] = SandboxProcessorTokenCreateRequestOptions(override_password=password)
        request = SandboxProcessorTokenCreateRequest(institution_id=institution_id, **arguments)
        return client.sandbox_processor_token_create(request).processor_token

    return create


@pytest.fixture(scope="session")
def raw_call(sandbox_url):
    """raw_call(client, path, body) posts `body` as it is, past the official client's own checks
    of the request, with the client's keys; it returns the refusal as `pytest.raises` holds an
    ApiException (`.value.status`, `.value.body`), for `plaid_error`, and fails on a 2xx."""

    def call(client, path, body):
        keys = client.configuration.api_key
        request = urllib.request.Request(
            sandbox_url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json", "PLAID-CLIENT-ID": keys["clientId"], "PLAID-SECRET": keys["secret"]})
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                pytest.fail(f"{path} accepted {body}: {response.status} {response.read()[:300]!r}")
        except urllib.error.HTTPError as error:
            return types.SimpleNamespace(value=types.SimpleNamespace(status=error.code, body=error.read().decode()))

    return call
