"""Every sandbox institution's data, read through the official client.

For each institution a developer links an Item and makes a processor token for every account;
the partner reads balance and identity for each, and Auth for checking accounts. The client's
response validation checks every shape; the assertions check what differs by country and bank.
"""

from datetime import datetime, timedelta, timezone

import pytest
from plaid.model.country_code import CountryCode
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest

from plaid_checks import accounts_of, auth_of, balance_of, identity_of, processor_token

# institution id, country, currency, how its accounts move money
INSTITUTIONS = [
    ("ins_109508", "US", "USD", "ach"),
    ("ins_109512", "US", "USD", "ach"),
    ("ins_56", "US", "USD", "tokenized ach"),
    ("ins_128026", "US", "USD", "ach"),
    ("ins_116944", "US", "USD", "ach"),
    ("ins_43", "CA", "CAD", "eft"),
    ("ins_117650", "GB", "GBP", "bacs"),
]
CAPITAL_ONE = "ins_128026"


@pytest.mark.parametrize("institution_id,country,currency,scheme", INSTITUTIONS)
def test_institution_is_described(developer, institution_id, country, currency, scheme):
    response = developer.institutions_get_by_id(
        InstitutionsGetByIdRequest(institution_id=institution_id, country_codes=[CountryCode(country)])
    )
    assert response.institution.institution_id == institution_id
    assert country in [str(code) for code in response.institution.country_codes]


@pytest.mark.parametrize("institution_id,country,currency,scheme", INSTITUTIONS)
def test_every_account_reads_through_a_partner(
    developer, dwolla, link_item, institution_id, country, currency, scheme
):
    access_token = link_item(institution_id=institution_id)
    accounts = accounts_of(developer, access_token).accounts
    assert accounts
    balance_options = {}
    if institution_id == CAPITAL_ONE:
        balance_options["min_last_updated_datetime"] = datetime.now(timezone.utc) - timedelta(days=30)

    for account in accounts:
        assert account.balances.iso_currency_code == currency
        token = processor_token(developer, access_token, account.account_id)

        balance = balance_of(dwolla, token, **balance_options).account
        assert balance.account_id == account.account_id

        owners = identity_of(dwolla, token).account.owners
        assert owners and owners[0].names

        if str(account.subtype) == "checking":
            check_numbers(auth_of(dwolla, token), account, scheme)


def check_numbers(auth, account, scheme):
    numbers = auth.numbers
    assert auth.account.mask == account.mask
    if scheme in ("ach", "tokenized ach"):
        ach = numbers.ach
        assert ach.account_id == account.account_id
        assert ach.routing.isdigit() and len(ach.routing) == 9
        assert ach.get("is_tokenized_account_number", False) == (scheme == "tokenized ach")
        if scheme == "ach":
            assert ach.account.endswith(account.mask)
        assert numbers.get("eft") is None and numbers.get("bacs") is None
    elif scheme == "eft":
        eft = numbers.eft
        assert eft.account_id == account.account_id
        assert eft.institution.isdigit() and eft.branch.isdigit()
        assert numbers.get("ach") is None
    elif scheme == "bacs":
        bacs, international = numbers.bacs, numbers.international
        assert bacs.account_id == account.account_id
        assert len(bacs.sort_code) == 6 and bacs.sort_code.isdigit()
        assert international.iban.startswith("GB") and international.iban.endswith(bacs.account)
        assert numbers.get("ach") is None
