"""The Item and token state a developer changes after linking, through Plaid's official
Python client with its response validation on: /item/get, the Item's and a processor token's
webhook, a token's product permissions, a forced re-login and a micro-deposit account's
verification; identity match; and a custom sandbox user."""

import json

import plaid
import pytest
from plaid.model.address_data_nullable_no_required_fields import AddressDataNullableNoRequiredFields
from plaid.model.identity_match_user import IdentityMatchUser
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.processor_identity_match_request import ProcessorIdentityMatchRequest
from plaid.model.processor_token_permissions_get_request import ProcessorTokenPermissionsGetRequest
from plaid.model.processor_token_permissions_set_request import ProcessorTokenPermissionsSetRequest
from plaid.model.processor_token_webhook_update_request import ProcessorTokenWebhookUpdateRequest
from plaid.model.products import Products
from plaid.model.sandbox_item_reset_login_request import SandboxItemResetLoginRequest
from plaid.model.sandbox_item_set_verification_status_request import SandboxItemSetVerificationStatusRequest

from plaid_checks import auth_of, balance_of, checking_account, identity_of, plaid_error, processor_token


@pytest.fixture
def linked(developer, link_item):
    """An access token and a dwolla processor token on its checking account."""
    access_token = link_item()
    account = checking_account(developer, access_token)
    return access_token, processor_token(developer, access_token, account.account_id)


def test_item_get_describes_the_item(developer, linked):
    access_token, _ = linked
    response = developer.item_get(ItemGetRequest(access_token=access_token))
    assert response.item.institution_id == "ins_109508"
    assert [str(product) for product in response.item.billed_products] == ["auth", "identity"]
    assert response.item.error is None
    assert response.request_id


def test_item_webhook_update_is_reported_by_item_get(developer, linked):
    access_token, _ = linked
    updated = developer.item_webhook_update(ItemWebhookUpdateRequest(access_token=access_token, webhook="http://127.0.0.1:9/plaid"))
    assert updated.item.webhook == "http://127.0.0.1:9/plaid"
    assert developer.item_get(ItemGetRequest(access_token=access_token)).item.webhook == "http://127.0.0.1:9/plaid"


def test_item_webhook_must_be_a_url(developer, linked):
    access_token, _ = linked
    with pytest.raises(plaid.ApiException) as failure:
        developer.item_webhook_update(ItemWebhookUpdateRequest(access_token=access_token, webhook="not a url"))
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_reset_login_puts_every_read_into_item_login_required(developer, dwolla, linked):
    access_token, token = linked
    assert developer.sandbox_item_reset_login(SandboxItemResetLoginRequest(access_token=access_token)).reset_login is True
    with pytest.raises(plaid.ApiException) as failure:
        auth_of(dwolla, token)
    plaid_error(failure, error_type="ITEM_ERROR", error_code="ITEM_LOGIN_REQUIRED")
    item = developer.item_get(ItemGetRequest(access_token=access_token)).item
    assert item.error.error_code == "ITEM_LOGIN_REQUIRED"


def test_permissions_limit_the_partner_until_an_empty_list_clears_them(developer, dwolla, linked):
    _, token = linked
    developer.processor_token_permissions_set(
        ProcessorTokenPermissionsSetRequest(processor_token=token, products=[Products("auth")]))
    got = developer.processor_token_permissions_get(ProcessorTokenPermissionsGetRequest(processor_token=token))
    assert [str(product) for product in got.products] == ["auth"]
    auth_of(dwolla, token)
    for read in (balance_of, identity_of):
        with pytest.raises(plaid.ApiException) as failure:
            read(dwolla, token)
        plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PRODUCT")
    developer.processor_token_permissions_set(ProcessorTokenPermissionsSetRequest(processor_token=token, products=[]))
    assert developer.processor_token_permissions_get(ProcessorTokenPermissionsGetRequest(processor_token=token)).products == []
    balance_of(dwolla, token)


def test_permissions_are_the_developers_to_set(dwolla, linked):
    _, token = linked
    with pytest.raises(plaid.ApiException) as failure:
        dwolla.processor_token_permissions_set(
            ProcessorTokenPermissionsSetRequest(processor_token=token, products=[Products("balance")]))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR_TOKEN")


def test_partner_sets_its_webhook_on_a_token(developer, dwolla, linked):
    _, token = linked
    assert dwolla.processor_token_webhook_update(
        ProcessorTokenWebhookUpdateRequest(processor_token=token, webhook="http://localhost:9/partner")).request_id
    with pytest.raises(plaid.ApiException) as failure:
        developer.processor_token_webhook_update(
            ProcessorTokenWebhookUpdateRequest(processor_token=token, webhook="http://localhost:9/partner"))
    plaid_error(failure, error_type="INVALID_INPUT", error_code="INVALID_PROCESSOR_TOKEN")


def test_verification_of_a_microdeposit_account_expires(developer, dwolla, link_item):
    access_token = link_item(password="microdeposits_good")
    account = checking_account(developer, access_token)
    token = processor_token(developer, access_token, account.account_id)
    developer.sandbox_item_set_verification_status(SandboxItemSetVerificationStatusRequest(
        access_token=access_token, account_id=account.account_id, verification_status="verification_expired"))
    assert str(checking_account(developer, access_token).verification_status) == "verification_expired"
    with pytest.raises(plaid.ApiException) as failure:
        auth_of(dwolla, token)
    plaid_error(failure, error_type="ITEM_ERROR", error_code="NO_AUTH_ACCOUNTS")


def test_verification_status_needs_a_microdeposit_item(developer, linked):
    access_token, _ = linked
    account = checking_account(developer, access_token)
    with pytest.raises(plaid.ApiException) as failure:
        developer.sandbox_item_set_verification_status(SandboxItemSetVerificationStatusRequest(
            access_token=access_token, account_id=account.account_id, verification_status="automatically_verified"))
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_identity_match_scores_the_holder_high_and_a_stranger_low(dwolla, linked):
    _, token = linked
    holder = dwolla.processor_identity_match(ProcessorIdentityMatchRequest(processor_token=token, user=IdentityMatchUser(
        legal_name="Alberta Bobbeth Charleson", phone_number="+1 111 222 3333", email_address="accountholder0@example.com",
        address=AddressDataNullableNoRequiredFields(street="2992 Cameron Road", city="Malakoff", region="NY",
                                                    postal_code="14236", country="US")))).account
    assert min(holder.legal_name.score, holder.phone_number.score, holder.email_address.score, holder.address.score) >= 90
    stranger = dwolla.processor_identity_match(ProcessorIdentityMatchRequest(
        processor_token=token, user=IdentityMatchUser(legal_name="John Quincy Smith"))).account
    assert stranger.legal_name.score <= 30
    assert stranger.phone_number.score is None


def test_a_custom_user_has_the_configured_account(developer, dwolla, link_item):
    configuration = json.dumps({"override_accounts": [{
        "type": "depository", "subtype": "checking", "starting_balance": 50, "force_available_balance": 42.17,
        "identity": {"names": ["Jane Q Tester"]}}]})
    access_token = link_item(username="user_custom", password=configuration)
    account = checking_account(developer, access_token)
    assert (account.balances.available, account.balances.current) == (42.17, 50)
    token = processor_token(developer, access_token, account.account_id)
    assert identity_of(dwolla, token).account.owners[0].names == ["Jane Q Tester"]
