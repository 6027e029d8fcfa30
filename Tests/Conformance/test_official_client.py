"""The processor flow and its main failures, driven by Plaid's official Python client.

A developer links a test Item, finds an account and makes tokens for partners; the partner
(Dwolla here) reads the account with its own keys; removing the Item revokes everything.
"""

from datetime import datetime, timedelta, timezone

import plaid
import pytest
from plaid.model.country_code import CountryCode
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.item_remove_request import ItemRemoveRequest
from plaid.model.processor_account_get_request import ProcessorAccountGetRequest
from plaid.model.processor_stripe_bank_account_token_create_request import (
    ProcessorStripeBankAccountTokenCreateRequest,
)

from plaid_checks import (
    accounts_of,
    auth_of,
    balance_of,
    checking_account,
    identity_of,
    plaid_error,
    processor_token,
    token_pattern,
)

FIRST_PLATYPUS = "ins_109508"
CAPITAL_ONE = "ins_128026"


@pytest.fixture
def item(developer, link_item):
    """A linked First Platypus Item: its access token and its checking account."""
    access_token = link_item()
    return access_token, checking_account(developer, access_token)


@pytest.fixture
def dwolla_token(developer, item):
    access_token, account = item
    return processor_token(developer, access_token, account.account_id)


# --- the developer's side -------------------------------------------------------------


def test_sandbox_public_token_create_returns_a_public_token(create_public_token):
    assert token_pattern("public").match(create_public_token())


def test_public_token_exchange_returns_an_access_token_and_item_id(developer, create_public_token):
    exchange = developer.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=create_public_token())
    )
    assert token_pattern("access").match(exchange.access_token)
    assert exchange.item_id
    assert exchange.request_id


def test_public_token_is_single_use(developer, create_public_token):
    request = ItemPublicTokenExchangeRequest(public_token=create_public_token())
    developer.item_public_token_exchange(request)
    with pytest.raises(plaid.ApiException) as failure:
        developer.item_public_token_exchange(request)
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PUBLIC_TOKEN")


def test_accounts_get_lists_the_default_accounts_and_the_item(developer, link_item):
    access_token = link_item()
    response = accounts_of(developer, access_token)
    assert response.item.institution_id == FIRST_PLATYPUS
    assert response.item.error is None
    by_mask = {account.mask: account for account in response.accounts}
    checking = by_mask["0000"]
    assert (checking.name, str(checking.type), str(checking.subtype)) == ("Plaid Checking", "depository", "checking")
    assert (checking.balances.available, checking.balances.current) == (100, 110)
    assert checking.balances.iso_currency_code == "USD"
    saving = by_mask["1111"]
    assert (saving.name, str(saving.subtype)) == ("Plaid Saving", "savings")
    assert (saving.balances.available, saving.balances.current) == (200, 210)
    assert len({account.account_id for account in response.accounts}) == len(response.accounts)


def test_processor_token_create_returns_a_processor_token(dwolla_token):
    assert token_pattern("processor").match(dwolla_token)


def test_stripe_bank_account_token_create_returns_a_btok(developer, item):
    access_token, account = item
    response = developer.processor_stripe_bank_account_token_create(
        ProcessorStripeBankAccountTokenCreateRequest(access_token=access_token, account_id=account.account_id)
    )
    assert response.stripe_bank_account_token.startswith("btok_")
    assert len(response.stripe_bank_account_token) > len("btok_")


def test_institutions_get_by_id_describes_first_platypus(developer):
    response = developer.institutions_get_by_id(
        InstitutionsGetByIdRequest(institution_id=FIRST_PLATYPUS, country_codes=[CountryCode("US")])
    )
    institution = response.institution
    assert institution.institution_id == FIRST_PLATYPUS
    assert institution.name == "First Platypus Bank"
    assert "US" in [str(code) for code in institution.country_codes]
    assert institution.oauth is False


# --- the partner's side -----------------------------------------------------------------


def test_partner_reads_auth_numbers(dwolla, item, dwolla_token):
    _, account = item
    response = auth_of(dwolla, dwolla_token)
    assert response.account.account_id == account.account_id
    assert response.account.mask == "0000"
    ach = response.numbers.ach
    assert ach.account_id == account.account_id
    assert ach.routing.isdigit() and len(ach.routing) == 9
    assert ach.account.isdigit() and ach.account.endswith("0000")
    assert response.numbers.get("eft") is None
    assert response.numbers.get("bacs") is None


def test_partner_reads_the_balance_the_developer_sees(dwolla, item, dwolla_token):
    _, account = item
    response = balance_of(dwolla, dwolla_token)
    assert response.account.account_id == account.account_id
    assert response.account.balances.available == account.balances.available
    assert response.account.balances.current == account.balances.current


def test_partner_reads_identity(dwolla, item, dwolla_token):
    _, account = item
    response = identity_of(dwolla, dwolla_token)
    assert response.account.account_id == account.account_id
    owner = response.account.owners[0]
    assert owner.names == ["Alberta Bobbeth Charleson"]
    primary_emails = [email.data for email in owner.emails if email.primary]
    assert primary_emails == ["accountholder0@example.com"]
    assert any(address.data.city == "Malakoff" for address in owner.addresses)
    assert owner.phone_numbers


def test_partner_reads_the_account_and_its_institution(dwolla, item, dwolla_token):
    _, account = item
    response = dwolla.processor_account_get(ProcessorAccountGetRequest(processor_token=dwolla_token))
    assert response.account.account_id == account.account_id
    assert response.account.balances.current == account.balances.current
    assert response.institution_id == "ins_109508"


def test_account_get_refuses_an_unknown_processor_token(dwolla):
    with pytest.raises(plaid.ApiException) as failure:
        dwolla.processor_account_get(ProcessorAccountGetRequest(processor_token="processor-sandbox-00000000-0000-4000-8000-000000000000"))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR_TOKEN")


def test_partner_makes_its_own_test_token(dwolla, partner_token):
    token = partner_token(dwolla)
    assert token_pattern("processor").match(token)
    assert auth_of(dwolla, token).numbers.ach.routing


def test_item_remove_revokes_the_access_token_and_processor_tokens(developer, dwolla, item, dwolla_token):
    access_token, account = item
    developer.item_remove(ItemRemoveRequest(access_token=access_token))
    calls = [
        lambda: accounts_of(developer, access_token),
        lambda: processor_token(developer, access_token, account.account_id),
        lambda: auth_of(dwolla, dwolla_token),
        lambda: balance_of(dwolla, dwolla_token),
        lambda: identity_of(dwolla, dwolla_token),
        lambda: developer.item_remove(ItemRemoveRequest(access_token=access_token)),
    ]
    for call in calls:
        with pytest.raises(plaid.ApiException) as failure:
            call()
        plaid_error(failure, error_type="ITEM_ERROR", error_code="ITEM_NOT_FOUND")


# --- failures ---------------------------------------------------------------------------


def test_unknown_credentials_are_invalid_api_keys(stranger):
    with pytest.raises(plaid.ApiException) as failure:
        stranger.institutions_get_by_id(
            InstitutionsGetByIdRequest(institution_id=FIRST_PLATYPUS, country_codes=[CountryCode("US")])
        )
    body = plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_API_KEYS")
    assert body["display_message"] is None


def test_wrong_secret_is_invalid_api_keys(credentials, client_for):
    developer = credentials["developer"]
    impostor = client_for({"client_id": developer["client_id"], "secret": developer["secret"] + "x"})
    with pytest.raises(plaid.ApiException) as failure:
        impostor.institutions_get_by_id(
            InstitutionsGetByIdRequest(institution_id=FIRST_PLATYPUS, country_codes=[CountryCode("US")])
        )
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_API_KEYS")


def test_processor_token_refuses_another_partner(partner, dwolla_token):
    with pytest.raises(plaid.ApiException) as failure:
        auth_of(partner("moov"), dwolla_token)
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR_TOKEN")


def test_processor_token_refuses_the_developer(developer, dwolla_token):
    with pytest.raises(plaid.ApiException) as failure:
        auth_of(developer, dwolla_token)
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR_TOKEN")


def test_access_token_refuses_a_partner(dwolla, item):
    access_token, _ = item
    with pytest.raises(plaid.ApiException) as failure:
        accounts_of(dwolla, access_token)
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_ACCESS_TOKEN")


def test_unknown_processor_is_refused(developer, item):
    access_token, account = item
    with pytest.raises(plaid.ApiException) as failure:
        processor_token(developer, access_token, account.account_id, processor="not_a_processor")
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR")


def test_unknown_account_is_refused(developer, item):
    access_token, _ = item
    with pytest.raises(plaid.ApiException) as failure:
        processor_token(developer, access_token, "no-such-account")
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_ACCOUNT_ID")


def test_error_password_makes_the_item_need_a_login(developer, link_item):
    access_token = link_item(password="error_ITEM_LOGIN_REQUIRED")
    with pytest.raises(plaid.ApiException) as failure:
        accounts_of(developer, access_token)
    plaid_error(failure, error_type="ITEM_ERROR", error_code="ITEM_LOGIN_REQUIRED")


def test_error_password_reaches_the_partner(dwolla, partner_token):
    token = partner_token(dwolla, password="error_ITEM_LOGIN_REQUIRED")
    with pytest.raises(plaid.ApiException) as failure:
        auth_of(dwolla, token)
    plaid_error(failure, error_type="ITEM_ERROR", error_code="ITEM_LOGIN_REQUIRED")


def test_capital_one_balance_needs_min_last_updated_datetime(dwolla, partner_token):
    token = partner_token(dwolla, institution_id=CAPITAL_ONE)
    with pytest.raises(plaid.ApiException) as failure:
        balance_of(dwolla, token)
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_capital_one_balance_reports_when_it_was_updated(dwolla, partner_token):
    token = partner_token(dwolla, institution_id=CAPITAL_ONE)
    a_year_ago = datetime.now(timezone.utc) - timedelta(days=365)
    response = balance_of(dwolla, token, min_last_updated_datetime=a_year_ago)
    updated = response.account.balances.last_updated_datetime
    assert isinstance(updated, datetime)
    assert updated >= a_year_ago


def test_capital_one_balance_older_than_asked_is_out_of_range(dwolla, partner_token):
    token = partner_token(dwolla, institution_id=CAPITAL_ONE)
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    with pytest.raises(plaid.ApiException) as failure:
        balance_of(dwolla, token, min_last_updated_datetime=tomorrow)
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="LAST_UPDATED_DATETIME_OUT_OF_RANGE")


def test_rate_limit_answers_rate_limit_exceeded(start_sandbox, client_for):
    url, credentials = start_sandbox("--rate-limit", "institutions_get_by_id=2/min")
    developer = client_for(credentials["developer"], url=url)
    request = InstitutionsGetByIdRequest(institution_id=FIRST_PLATYPUS, country_codes=[CountryCode("US")])
    developer.institutions_get_by_id(request)
    developer.institutions_get_by_id(request)
    with pytest.raises(plaid.ApiException) as failure:
        developer.institutions_get_by_id(request)
    body = plaid_error(failure, status=429, error_type="RATE_LIMIT_EXCEEDED", error_code="INSTITUTIONS_GET_BY_ID_LIMIT")
    assert body["display_message"] is None
