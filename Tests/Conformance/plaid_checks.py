"""Assertions shared by the conformance tests."""

import json
import re

import plaid
from plaid.model.plaid_error import PlaidError
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
