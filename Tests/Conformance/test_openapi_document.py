"""docs/openapi.yaml is a valid OpenAPI 3.0 document."""

from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_openapi_document_is_valid():
    spec, _ = read_from_filename(str(DOCUMENT))
    validate(spec)


def test_openapi_document_covers_the_eleven_endpoints():
    spec, _ = read_from_filename(str(DOCUMENT))
    assert sorted(spec["paths"]) == sorted([
        "/sandbox/public_token/create",
        "/item/public_token/exchange",
        "/accounts/get",
        "/processor/token/create",
        "/processor/stripe/bank_account_token/create",
        "/sandbox/processor_token/create",
        "/processor/auth/get",
        "/processor/balance/get",
        "/processor/identity/get",
        "/item/remove",
        "/institutions/get_by_id",
    ])
    assert all(list(operations) == ["post"] for operations in spec["paths"].values())
