"""Signal, bank transfers and Apex tokens through Plaid's official Python client with its
response validation on: scores that never fall as the amount grows, a ruleset result, reports
that must name an evaluated payment, a transfer made once per idempotency key; and the
liabilities of each debt account and the investments of a 401k."""

from datetime import date

import plaid
import pytest
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.ach_class import ACHClass
from plaid.model.bank_transfer_idempotency_key import BankTransferIdempotencyKey
from plaid.model.bank_transfer_network import BankTransferNetwork
from plaid.model.bank_transfer_type import BankTransferType
from plaid.model.bank_transfer_user import BankTransferUser
from plaid.model.processor_apex_processor_token_create_request import ProcessorApexProcessorTokenCreateRequest
from plaid.model.processor_auth_get_request import ProcessorAuthGetRequest
from plaid.model.processor_bank_transfer_create_request import ProcessorBankTransferCreateRequest
from plaid.model.processor_investments_auth_get_request import ProcessorInvestmentsAuthGetRequest
from plaid.model.processor_investments_holdings_get_request import ProcessorInvestmentsHoldingsGetRequest
from plaid.model.processor_investments_transactions_get_request import ProcessorInvestmentsTransactionsGetRequest
from plaid.model.processor_liabilities_get_request import ProcessorLiabilitiesGetRequest
from plaid.model.processor_signal_decision_report_request import ProcessorSignalDecisionReportRequest
from plaid.model.processor_signal_evaluate_request import ProcessorSignalEvaluateRequest
from plaid.model.processor_signal_prepare_request import ProcessorSignalPrepareRequest
from plaid.model.processor_signal_return_report_request import ProcessorSignalReturnReportRequest
from plaid.model.signal_decision_outcome import SignalDecisionOutcome

from plaid_checks import checking_account, plaid_error, processor_token


@pytest.fixture
def token(developer, link_item):
    access_token = link_item()
    return processor_token(developer, access_token, checking_account(developer, access_token).account_id)


def evaluate(partner, token, transaction_id, amount):
    return partner.processor_signal_evaluate(ProcessorSignalEvaluateRequest(
        processor_token=token, client_transaction_id=transaction_id, amount=amount))


def test_a_larger_debit_scores_no_lower(dwolla, token):
    dwolla.processor_signal_prepare(ProcessorSignalPrepareRequest(processor_token=token))
    small, large = evaluate(dwolla, token, "small", 5.0), evaluate(dwolla, token, "large", 5000.0)
    for risk in ("customer_initiated_return_risk", "bank_initiated_return_risk"):
        assert 1 <= small.scores[risk].score.value <= large.scores[risk].score.value <= 99
    assert large.scores.bank_initiated_return_risk.score.value > small.scores.bank_initiated_return_risk.score.value
    assert str(small.ruleset.result) == "ACCEPT"
    assert str(large.ruleset.result) == "REROUTE"


def test_reports_name_an_evaluated_payment(dwolla, token):
    evaluate(dwolla, token, "pay-1", 42.0)
    dwolla.processor_signal_decision_report(ProcessorSignalDecisionReportRequest(
        processor_token=token, client_transaction_id="pay-1", initiated=True, decision_outcome=SignalDecisionOutcome("APPROVE")))
    dwolla.processor_signal_return_report(ProcessorSignalReturnReportRequest(
        processor_token=token, client_transaction_id="pay-1", return_code="R01"))
    with pytest.raises(plaid.ApiException) as failure:
        dwolla.processor_signal_return_report(ProcessorSignalReturnReportRequest(
            processor_token=token, client_transaction_id="never-evaluated", return_code="R01"))
    plaid_error(failure, error_type="INVALID_REQUEST", error_code="INVALID_FIELD")


def test_a_missing_amount_is_a_missing_field(dwolla, token, raw_call):
    plaid_error(raw_call(dwolla, "/processor/signal/evaluate", {"processor_token": token, "client_transaction_id": "x"}),
                error_type="INVALID_REQUEST", error_code="MISSING_FIELDS")


def test_a_bank_transfer_is_made_once_per_idempotency_key(dwolla, token):
    request = ProcessorBankTransferCreateRequest(
        idempotency_key=BankTransferIdempotencyKey("payment-1"), processor_token=token, type=BankTransferType("debit"),
        network=BankTransferNetwork("ach"), amount="10.00", iso_currency_code="USD", description="RENT", ach_class=ACHClass("ppd"),
        user=BankTransferUser(legal_name="Alberta Charleson"))
    first = dwolla.processor_bank_transfer_create(request).bank_transfer
    assert str(first.status) == "pending"
    assert dwolla.processor_bank_transfer_create(request).bank_transfer.id == first.id


def test_an_apex_token_answers_apex(developer, partner, link_item):
    access_token = link_item()
    account = checking_account(developer, access_token)
    made = developer.processor_apex_processor_token_create(
        ProcessorApexProcessorTokenCreateRequest(access_token=access_token, account_id=account.account_id))
    assert partner("apex_clearing").processor_auth_get(ProcessorAuthGetRequest(processor_token=made.processor_token)).account


@pytest.mark.parametrize("subtype", ["credit card", "student", "mortgage"])
def test_liabilities_of_each_debt_account(developer, dwolla, link_item, subtype):
    access_token = link_item()
    accounts = developer.accounts_get(AccountsGetRequest(access_token=access_token)).accounts
    account = next(account for account in accounts if str(account.subtype) == subtype)
    token = processor_token(developer, access_token, account.account_id)
    liabilities = dwolla.processor_liabilities_get(ProcessorLiabilitiesGetRequest(processor_token=token)).liabilities
    lists = {"credit card": liabilities.credit, "student": liabilities.student, "mortgage": liabilities.mortgage}
    assert len(lists.pop(subtype)) == 1
    assert all(len(other) == 0 for other in lists.values())


def test_a_checking_account_has_no_liabilities(dwolla, token):
    with pytest.raises(plaid.ApiException) as failure:
        dwolla.processor_liabilities_get(ProcessorLiabilitiesGetRequest(processor_token=token))
    plaid_error(failure, error_type="ITEM_ERROR", error_code="PRODUCTS_NOT_SUPPORTED")


def test_investments_of_a_401k(developer, dwolla, link_item):
    access_token = link_item()
    accounts = developer.accounts_get(AccountsGetRequest(access_token=access_token)).accounts
    account = next(account for account in accounts if str(account.subtype) == "401k")
    token = processor_token(developer, access_token, account.account_id)
    holdings = dwolla.processor_investments_holdings_get(ProcessorInvestmentsHoldingsGetRequest(processor_token=token))
    # The answer's own account is not read back: plaid-python 46 raises on reading `balances` of a
    # composed InvestmentAccount whose balances carry margin_loan_amount, which the schema requires.
    assert abs(sum(holding.institution_value for holding in holdings.holdings) - account.balances.current) < 0.01
    activity = dwolla.processor_investments_transactions_get(ProcessorInvestmentsTransactionsGetRequest(
        processor_token=token, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31)))
    assert activity.total_investment_transactions == 28
    assert {str(transaction.subtype) for transaction in activity.investment_transactions} == {"contribution", "buy", "dividend"}


def test_investments_auth_of_an_ira(developer, dwolla, link_item):
    access_token = link_item()
    accounts = developer.accounts_get(AccountsGetRequest(access_token=access_token)).accounts
    account = next(account for account in accounts if str(account.subtype) == "ira")
    token = processor_token(developer, access_token, account.account_id)
    answer = dwolla.processor_investments_auth_get(ProcessorInvestmentsAuthGetRequest(processor_token=token))
    assert answer.numbers.acats[0].dtc_numbers == ["0226"]
    assert answer.owners[0].names == ["Alberta Bobbeth Charleson"]
