"""schemathesis hooks for the sandbox run (loaded through SCHEMATHESIS_HOOKS).

Random institution ids almost never name a sandbox institution, so generated requests would
seldom get past INVALID_INSTITUTION and the answers for real Items (Chase's tokenized numbers,
Canadian EFT, UK BACS, Capital One's balance times) would go unchecked. This hook swaps the
generated id for a known one most of the time, leaving some random ones for the error path.
"""

import schemathesis
from hypothesis import strategies as st

INSTITUTIONS = ["ins_109508", "ins_109512", "ins_56", "ins_128026", "ins_116944", "ins_43", "ins_117650"]


@schemathesis.hook
def flatmap_body(context, body):
    if not (isinstance(body, dict) and isinstance(body.get("institution_id"), str)):
        return st.just(body)
    return st.sampled_from([None, *INSTITUTIONS]).map(
        lambda institution: body if institution is None else {**body, "institution_id": institution}
    )


PLAID_ERROR_STRINGS = ("error_type", "error_code", "error_message", "request_id")


@schemathesis.check
def plaid_error_object(ctx, response, case):
    """Every refusal, whatever the endpoint and status, is a Plaid error object."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"status {response.status_code} with a body that is not JSON: {response.content[:200]!r}")
    if not isinstance(body, dict):
        raise AssertionError(f"status {response.status_code} with a JSON {type(body).__name__}, not an error object")
    for key in PLAID_ERROR_STRINGS:
        if not isinstance(body.get(key), str) or not body[key]:
            raise AssertionError(f"status {response.status_code}: the error object's {key} is {body.get(key)!r}")
    if "display_message" not in body:
        raise AssertionError(f"status {response.status_code}: the error object has no display_message")
    return None
