"""docs/openapi.yaml is a valid OpenAPI 3.0 document."""

from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_openapi_document_is_valid():
    spec, _ = read_from_filename(str(DOCUMENT))
    validate(spec)


def test_every_path_is_one_post():
    # Which paths there are is checked against the registry by the Swift suite
    # (RegistryDocumentsTests); here, that each is a single POST as Plaid's API has them.
    spec, _ = read_from_filename(str(DOCUMENT))
    assert spec["paths"]
    assert all(list(operations) == ["post"] for operations in spec["paths"].values())
