"""Transactions through Plaid's official Python client with its response validation on: the
generated history paged with /processor/transactions/sync, /processor/transactions/get by
dates, transactions added with /sandbox/transactions/create, and the refusals of bad input,
each a Plaid error object."""

from datetime import date

import plaid
import pytest
from plaid.model.custom_sandbox_transaction import CustomSandboxTransaction
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.processor_transactions_get_request import ProcessorTransactionsGetRequest
from plaid.model.processor_transactions_get_request_options import ProcessorTransactionsGetRequestOptions
from plaid.model.processor_transactions_recurring_get_request import ProcessorTransactionsRecurringGetRequest
from plaid.model.processor_transactions_refresh_request import ProcessorTransactionsRefreshRequest
from plaid.model.processor_transactions_sync_request import ProcessorTransactionsSyncRequest
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import SandboxPublicTokenCreateRequestOptions
from plaid.model.sandbox_transactions_create_request import SandboxTransactionsCreateRequest

from plaid_checks import checking_account, plaid_error, processor_token


def link(developer, username=None):
    """An access token and a dwolla processor token on its checking account."""
    arguments = {}
    if username:
        arguments["options"] = SandboxPublicTokenCreateRequestOptions(override_username=username, override_password="any")
    public = developer.sandbox_public_token_create(SandboxPublicTokenCreateRequest(
        institution_id="ins_109508", initial_products=[Products("transactions")], **arguments)).public_token
    access_token = developer.item_public_token_exchange(ItemPublicTokenExchangeRequest(public_token=public)).access_token
    account = checking_account(developer, access_token)
    return access_token, processor_token(developer, access_token, account.account_id)


def sync(partner, token, cursor=None, count=None):
    arguments = {}
    if cursor is not None:
        arguments["cursor"] = cursor
    if count is not None:
        arguments["count"] = count
    return partner.processor_transactions_sync(ProcessorTransactionsSyncRequest(processor_token=token, **arguments))


def sync_all(partner, token, cursor=None, count=500):
    added, pages = [], 0
    while True:
        page = sync(partner, token, cursor, count)
        added += page.added
        cursor, pages = page.next_cursor, pages + 1
        if not page.has_more:
            return added, cursor, pages


def test_sync_pages_through_two_years_of_history(developer, dwolla):
    _, token = link(developer)
    added, cursor, pages = sync_all(dwolla, token, count=100)
    assert len(added) >= 300
    assert pages == (len(added) + 99) // 100
    assert len({transaction.transaction_id for transaction in added}) == len(added)
    primaries = {transaction.personal_finance_category.primary for transaction in added}
    assert {"INCOME", "RENT_AND_UTILITIES"} <= primaries
    again = sync(dwolla, token, cursor)
    assert (again.added, again.modified, again.removed, again.has_more) == ([], [], [], False)


def test_created_transactions_come_with_the_next_sync(developer, dwolla):
    access_token, token = link(developer, "user_transactions_dynamic")
    _, cursor, _ = sync_all(dwolla, token)
    developer.sandbox_transactions_create(SandboxTransactionsCreateRequest(access_token=access_token, transactions=[
        CustomSandboxTransaction(date_transacted=_date("2026-01-02"), date_posted=_date("2026-01-03"), amount=42.17, description="TEST SHOP"),
    ]))
    page = sync(dwolla, token, cursor)
    assert [(transaction.name, transaction.amount) for transaction in page.added] == [("TEST SHOP", 42.17)]


def test_a_transaction_created_while_paging_fails_the_next_page(developer, dwolla):
    access_token, token = link(developer, "user_transactions_dynamic")
    first = sync(dwolla, token, count=100)
    assert first.has_more
    developer.sandbox_transactions_create(SandboxTransactionsCreateRequest(access_token=access_token, transactions=[
        CustomSandboxTransaction(date_transacted=_date("2026-01-02"), date_posted=_date("2026-01-02"), amount=5.0, description="MID PAGE"),
    ]))
    with pytest.raises(plaid.ApiException) as failure:
        sync(dwolla, token, first.next_cursor, 100)
    plaid_error(failure, error_type="TRANSACTIONS_ERROR", error_code="TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION")


def test_only_the_dynamic_user_takes_created_transactions(developer):
    access_token, _ = link(developer)
    with pytest.raises(plaid.ApiException) as failure:
        developer.sandbox_transactions_create(SandboxTransactionsCreateRequest(access_token=access_token, transactions=[
            CustomSandboxTransaction(date_transacted=_date("2026-01-02"), date_posted=_date("2026-01-02"), amount=5.0, description="X"),
        ]))
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_get_reads_a_date_range_newest_first(developer, dwolla):
    _, token = link(developer)
    response = dwolla.processor_transactions_get(ProcessorTransactionsGetRequest(
        processor_token=token, start_date=_date("2025-01-01"), end_date=_date("2025-06-30"),
        options=ProcessorTransactionsGetRequestOptions(count=50, offset=10)))
    assert response.total_transactions > 100
    assert len(response.transactions) == 50
    dates = [transaction.date for transaction in response.transactions]
    assert dates == sorted(dates, reverse=True)


def test_refresh_answers(developer, dwolla):
    _, token = link(developer)
    assert dwolla.processor_transactions_refresh(ProcessorTransactionsRefreshRequest(processor_token=token)).request_id


@pytest.mark.parametrize("arguments", [{"cursor": "bogus"}, {"count": 501}, {"count": 0}])
def test_bad_sync_input_is_an_invalid_field(developer, dwolla, raw_call, arguments):
    _, token = link(developer)
    plaid_error(raw_call(dwolla, "/processor/transactions/sync", {"processor_token": token, **arguments}),
                error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_a_cursor_of_another_token_is_refused(developer, dwolla, raw_call):
    _, token = link(developer)
    _, other = link(developer)
    cursor = sync(dwolla, other, count=1).next_cursor
    plaid_error(raw_call(dwolla, "/processor/transactions/sync", {"processor_token": token, "cursor": cursor}),
                error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


@pytest.mark.parametrize("dates", [("2026-02-01", "2026-01-01"), ("2026-02-30", "2026-03-01"), ("yesterday", "2026-01-01")])
def test_a_malformed_date_range_is_an_invalid_field(developer, dwolla, raw_call, dates):
    _, token = link(developer)
    plaid_error(raw_call(dwolla, "/processor/transactions/get",
                         {"processor_token": token, "start_date": dates[0], "end_date": dates[1]}),
                error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_a_created_transaction_without_an_amount_is_refused(developer, raw_call):
    access_token, _ = link(developer, "user_transactions_dynamic")
    transaction = {"date_transacted": "2026-01-02", "date_posted": "2026-01-02", "description": "NO AMOUNT"}
    plaid_error(raw_call(developer, "/sandbox/transactions/create", {"access_token": access_token, "transactions": [transaction]}),
                error_type="INVALID_REQUEST", error_code="MISSING_FIELDS")


def _date(text):
    return date.fromisoformat(text)


def test_recurring_streams_include_payroll_and_rent(developer, dwolla):
    _, token = link(developer)
    streams = dwolla.processor_transactions_recurring_get(ProcessorTransactionsRecurringGetRequest(processor_token=token))
    assert any(stream.description == "ACME CORP PAYROLL" and str(stream.frequency) == "SEMI_MONTHLY" for stream in streams.inflow_streams)
    assert any(stream.description == "OAKWOOD PROPERTIES RENT" and str(stream.frequency) == "MONTHLY" for stream in streams.outflow_streams)
