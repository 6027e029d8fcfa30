"""Webhooks from a sandbox of their own, checked with an independent verifier: every code fired
reaches a real loopback receiver, Plaid's official Python client fetches the key named in each
signature with /webhook_verification_key/get, and PyJWT (over `cryptography`) verifies the ES256
signature, the age of `iat` and the SHA-256 of the exact bytes received."""

import hashlib
import http.server
import json
import threading
import time

import jwt
import plaid
from plaid.model.accounts_get_request import AccountsGetRequest
import pytest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.processor_token_create_request import ProcessorTokenCreateRequest
from plaid.model.processor_token_webhook_update_request import ProcessorTokenWebhookUpdateRequest
from plaid.model.products import Products
from plaid.model.sandbox_item_fire_webhook_request import SandboxItemFireWebhookRequest
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.webhook_type import WebhookType
from plaid.model.webhook_verification_key_get_request import WebhookVerificationKeyGetRequest

from plaid_checks import plaid_error

FIRED = [
    ("SYNC_UPDATES_AVAILABLE", None), ("DEFAULT_UPDATE", None), ("DEFAULT_UPDATE", "AUTH"), ("DEFAULT_UPDATE", "IDENTITY"),
    ("RECURRING_TRANSACTIONS_UPDATE", None), ("NEW_ACCOUNTS_AVAILABLE", None), ("ERROR", None), ("LOGIN_REPAIRED", None),
    ("PENDING_DISCONNECT", None), ("USER_PERMISSION_REVOKED", None), ("USER_ACCOUNT_REVOKED", None),
]
# Plus the two acknowledgements, and the partner's variants of the three transactions codes.
EXPECTED = len(FIRED) + 2 + 3


class Receiver(http.server.ThreadingHTTPServer):
    """A loopback HTTP server keeping every POST: path, headers and the body's exact bytes."""

    def __init__(self):
        self.received = []
        received = self.received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((self.path, dict(self.headers), body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *arguments):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def webhook_sandbox(start_sandbox, client_for):
    url, keys = start_sandbox("--webhook-retry-scale", "0.01")
    return client_for(keys["developer"], url), client_for(keys["processors"]["dwolla"], url)


def test_every_webhook_fired_verifies_with_the_key_plaid_python_fetches(webhook_sandbox):
    developer, dwolla = webhook_sandbox
    receiver = Receiver()
    try:
        public = developer.sandbox_public_token_create(SandboxPublicTokenCreateRequest(
            institution_id="ins_109508", initial_products=[Products("auth"), Products("transactions"), Products("identity")]))
        access_token = developer.item_public_token_exchange(
            ItemPublicTokenExchangeRequest(public_token=public.public_token)).access_token
        account_id = developer.accounts_get(AccountsGetRequest(access_token=access_token)) \
            .accounts[0].account_id
        token = developer.processor_token_create(ProcessorTokenCreateRequest(
            access_token=access_token, account_id=account_id, processor="dwolla")).processor_token
        dwolla.processor_token_webhook_update(ProcessorTokenWebhookUpdateRequest(
            processor_token=token, webhook=receiver.url + "/partner"))
        developer.item_webhook_update(ItemWebhookUpdateRequest(access_token=access_token, webhook=receiver.url + "/developer"))
        for code, kind in FIRED:
            arguments = {"webhook_type": WebhookType(kind)} if kind else {}
            fired = developer.sandbox_item_fire_webhook(SandboxItemFireWebhookRequest(
                access_token=access_token, webhook_code=code, **arguments))
            assert fired.webhook_fired is True

        deadline = time.monotonic() + 60
        while len(receiver.received) < EXPECTED and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(receiver.received) == EXPECTED

        keys = {}
        seen = set()
        for path, headers, body in receiver.received:
            signature = headers["Plaid-Verification"]
            header = jwt.get_unverified_header(signature)
            assert header["alg"] == "ES256"
            kid = header["kid"]
            if kid not in keys:
                key = developer.webhook_verification_key_get(WebhookVerificationKeyGetRequest(key_id=kid)).key
                assert (key.alg, key.crv, key.kty, key.use, key.expired_at) == ("ES256", "P-256", "EC", "sig", None)
                partner_view = dwolla.webhook_verification_key_get(WebhookVerificationKeyGetRequest(key_id=kid)).key
                assert partner_view.to_dict() == key.to_dict(), "the partner gets the same key"
                keys[kid] = jwt.algorithms.ECAlgorithm.from_jwk(json.dumps(
                    {"kty": key.kty, "crv": key.crv, "x": key.x, "y": key.y}))
            claims = jwt.decode(signature, keys[kid], algorithms=["ES256"])
            assert abs(time.time() - claims["iat"]) < 300
            assert claims["request_body_sha256"] == hashlib.sha256(body).hexdigest()
            webhook = json.loads(body)
            assert webhook["environment"] == "sandbox"
            if path == "/partner":
                assert webhook["account_id"] == account_id and "item_id" not in webhook
            seen.add((path, webhook["webhook_type"], webhook["webhook_code"]))

        assert ("/developer", "ITEM", "WEBHOOK_UPDATE_ACKNOWLEDGED") in seen
        assert ("/partner", "PROCESSOR_TOKEN", "WEBHOOK_UPDATE_ACKNOWLEDGED") in seen
        assert ("/partner", "TRANSACTIONS", "SYNC_UPDATES_AVAILABLE") in seen
        assert ("/developer", "AUTH", "DEFAULT_UPDATE") in seen
        assert ("/developer", "ITEM", "ERROR") in seen
    finally:
        receiver.shutdown()


def test_an_unknown_key_id_is_a_plaid_error(developer):
    with pytest.raises(plaid.ApiException) as failure:
        developer.webhook_verification_key_get(WebhookVerificationKeyGetRequest(key_id="no-such-key"))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_WEBHOOK_VERIFICATION_KEY_ID")


def test_firing_without_a_url_or_the_product_is_refused(developer, link_item):
    access_token = link_item()
    with pytest.raises(plaid.ApiException) as failure:
        developer.sandbox_item_fire_webhook(SandboxItemFireWebhookRequest(access_token=access_token, webhook_code="LOGIN_REPAIRED"))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="SANDBOX_WEBHOOK_INVALID")
    developer.item_webhook_update(ItemWebhookUpdateRequest(access_token=access_token, webhook="http://127.0.0.1:9/plaid"))
    with pytest.raises(plaid.ApiException) as failure:
        developer.sandbox_item_fire_webhook(SandboxItemFireWebhookRequest(
            access_token=access_token, webhook_code="DEFAULT_UPDATE", webhook_type=WebhookType("HOLDINGS")))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="SANDBOX_PRODUCT_NOT_ENABLED")
