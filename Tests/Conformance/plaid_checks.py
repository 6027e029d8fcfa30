"""Calls and assertions shared by the conformance tests."""

import json
import re

import plaid
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.plaid_error import PlaidError
from plaid.model.processor_auth_get_request import ProcessorAuthGetRequest
from plaid.model.processor_balance_get_request import ProcessorBalanceGetRequest
from plaid.model.processor_balance_get_request_options import ProcessorBalanceGetRequestOptions
from plaid.model.processor_identity_get_request import ProcessorIdentityGetRequest
from plaid.model.processor_token_create_request import ProcessorTokenCreateRequest
from plaid.model_utils import validate_and_convert_types

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def token_pattern(kind):
    """`public`, `access` or `processor` tokens: `<kind>-sandbox-<uuid>`."""
    return re.compile(rf"^{kind}-sandbox-{UUID}$")


def plaid_error(exception_info, status=400, error_type=None, error_code=None):
    """The Plaid error object of a failed call, checked as every error body must be."""
    exception = exception_info.value
    assert exception.status == status, exception.body
    body = json.loads(exception.body)
    for key in ("error_type", "error_code", "error_message", "display_message", "request_id"):
        assert key in body, f"{key} missing from {body}"
    assert body["display_message"] is None or isinstance(body["display_message"], str)
    assert isinstance(body["request_id"], str) and body["request_id"]
    assert isinstance(body["error_message"], str)
    # The official client's own model of the error object must accept it too.
    validate_and_convert_types(body, (PlaidError,), ["error"], True, True, plaid.Configuration())
    if error_type is not None:
        assert body["error_type"] == error_type, body
    if error_code is not None:
        assert body["error_code"] == error_code, body
    return body


def accounts_of(client, access_token):
    return client.accounts_get(AccountsGetRequest(access_token=access_token))


def checking_account(client, access_token):
    accounts = accounts_of(client, access_token).accounts
    return next(account for account in accounts if str(account.subtype) == "checking")


def processor_token(client, access_token, account_id, processor="dwolla"):
    request = ProcessorTokenCreateRequest(access_token=access_token, account_id=account_id, processor=processor)
    return client.processor_token_create(request).processor_token


def auth_of(client, token):
    return client.processor_auth_get(ProcessorAuthGetRequest(processor_token=token))


def balance_of(client, token, **options):
    arguments = {"options": ProcessorBalanceGetRequestOptions(**options)} if options else {}
    return client.processor_balance_get(ProcessorBalanceGetRequest(processor_token=token, **arguments))


def identity_of(client, token):
    return client.processor_identity_get(ProcessorIdentityGetRequest(processor_token=token))
