import Foundation
import PlaidModels

/// What is owed on the sandbox's credit card, student loan and mortgage accounts. Amounts are
/// fixed; dates follow the calendar (statements on the 28th, payments due a month later), so a
/// test in any month sees a statement just past and a payment just ahead.
enum SandboxLiabilities {
    /// The account's liability in the list of its kind, or nil for an account that is no debt.
    static func liabilities(of account: SandboxAccount, now: Date) -> Liabilities? {
        let dates = Dates(now: now)
        switch account.kind.subtype {
        case .creditCard:
            return Liabilities(credit: .value([credit(account, dates, account.configured?.liability)]), mortgage: .value([]), student: .value([]))
        case .student:
            return Liabilities(credit: .value([]), mortgage: .value([]), student: .value([student(account, dates, account.configured?.liability)]))
        case .mortgage:
            return Liabilities(credit: .value([]), mortgage: .value([mortgage(account, dates)]), student: .value([]))
        default:
            return nil
        }
    }

    /// A card's liability; a custom user's `liability` sets its APRs, payments and whether it is overdue.
    private static func credit(_ account: SandboxAccount, _ dates: Dates, _ custom: CustomUser.Liability?) -> CreditCardLiability {
        var aprs = [
            APR(aprPercentage: custom?.balanceTransferApr ?? 15.24, aprType: "balance_transfer_apr", balanceSubjectToApr: .value(1562.32),
                interestChargeAmount: .value(130.22)),
            APR(aprPercentage: custom?.cashApr ?? 27.95, aprType: "cash_apr", balanceSubjectToApr: .value(56.22), interestChargeAmount: .value(14.81)),
            APR(aprPercentage: custom?.purchaseApr ?? 12.5, aprType: "purchase_apr", balanceSubjectToApr: .value(157.01),
                interestChargeAmount: .value(25.66)),
        ]
        if let special = custom?.specialApr {
            aprs.append(APR(aprPercentage: special, aprType: "special", balanceSubjectToApr: .value(0), interestChargeAmount: .value(0)))
        }
        return CreditCardLiability(
            accountID: .value(account.accountID), aprs: aprs,
            isOverdue: .value(custom?.isOverdue ?? false), lastPaymentAmount: .value(custom?.lastPaymentAmount ?? 168.25),
            lastPaymentDate: .value(dates.lastPayment), lastStatementIssueDate: .value(dates.lastStatement),
            lastStatementBalance: .value(account.configured == nil ? 1708.77 : account.balances.current.value ?? 0),
            minimumPaymentAmount: .value(custom?.minimumPaymentAmount ?? 20), nextPaymentDueDate: .value(dates.nextDue))
    }

    /// A student loan's liability; a custom user's `liability` sets its terms and plan.
    private static func student(_ account: SandboxAccount, _ dates: Dates, _ custom: CustomUser.Liability?) -> StudentLoan {
        let origination = custom?.originationDate ?? "2002-08-28"
        return StudentLoan(
            accountID: .value(account.accountID), accountNumber: .value("4277075694"), disbursementDates: .value([origination]),
            expectedPayoffDate: .value(custom?.expectedPayoffDate ?? "2032-07-28"), guarantor: .value(custom?.guarantor ?? "DEPT OF ED"),
            interestRatePercentage: custom?.nominalApr ?? 5.25,
            isOverdue: .value(custom?.isOverdue ?? false), lastPaymentAmount: .value(138.05), lastPaymentDate: .value(dates.lastPayment),
            lastStatementIssueDate: .value(dates.lastStatement), loanName: .value(custom?.loanName ?? "Consolidation"),
            loanStatus: StudentLoanStatus(endDate: .value(custom?.expectedPayoffDate ?? "2032-07-28"), type: .value("repayment")),
            minimumPaymentAmount: .value(custom?.minimumPaymentAmount ?? 25), nextPaymentDueDate: .value(dates.nextDue),
            originationDate: .value(origination), originationPrincipalAmount: .value(custom?.principal ?? 25000),
            outstandingInterestAmount: .value(SandboxAccountKind.studentLoanOutstandingInterest),
            paymentReferenceNumber: .value(custom?.paymentReferenceNumber ?? "4277075694"),
            pslfStatus: PSLFStatus(estimatedEligibilityDate: .value("2031-01-01"), paymentsMade: .value(200), paymentsRemaining: .value(160)),
            repaymentPlan: StudentRepaymentPlan(description: .value(custom?.repaymentPlanDescription ?? "Standard Repayment"),
                                                type: .value(custom?.repaymentPlanType ?? "standard")),
            sequenceNumber: .value(custom?.sequenceNumber ?? "1"),
            servicerAddress: LiabilityAddress(city: .value("San Matias"), region: .value("CA"), street: .value("123 Relaxation Road"),
                                              postalCode: .value("99415"), country: .value("US")),
            ytdInterestPaid: .value(280.55), ytdPrincipalPaid: .value(271.65))
    }

    private static func mortgage(_ account: SandboxAccount, _ dates: Dates) -> MortgageLiability {
        MortgageLiability(
            accountID: account.accountID, accountNumber: .value("3120194154"), currentLateFee: .value(25),
            escrowBalance: .value(3141.54), hasPmi: .value(true), hasPrepaymentPenalty: .value(true),
            interestRate: MortgageInterestRate(percentage: .value(3.99), type: .value("fixed")),
            lastPaymentAmount: .value(3141.54), lastPaymentDate: .value(dates.lastPayment),
            loanTypeDescription: .value("conventional"), loanTerm: .value("30 year"), maturityDate: .value("2045-07-31"),
            nextMonthlyPayment: .value(3141.54), nextPaymentDueDate: .value(dates.nextDue), originationDate: .value("2015-08-01"),
            originationPrincipalAmount: .value(425000), pastDueAmount: .value(0),
            propertyAddress: LiabilityAddress(city: .value("Malakoff"), region: .value("NY"), street: .value("2992 Cameron Road"),
                                              postalCode: .value("14236"), country: .value("US")),
            ytdInterestPaid: .value(12300.4), ytdPrincipalPaid: .value(12340.5))
    }

    /// The last statement (the 28th before today), the payment made after it, and the next due date.
    private struct Dates {
        let lastStatement: String
        let lastPayment: String
        let nextDue: String

        init(now: Date) {
            let calendar = TransactionHistory.calendar
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            var statement = DateComponents(year: today.year, month: today.month, day: 28)
            if today.day! < 28 { statement.month! -= 1 }
            let statementDate = calendar.date(from: statement)!
            lastStatement = Self.text(statementDate)
            lastPayment = Self.text(calendar.date(byAdding: .day, value: -6, to: statementDate)!)
            nextDue = Self.text(calendar.date(byAdding: .month, value: 1, to: statementDate)!)
        }

        private static func text(_ date: Date) -> String { TransactionHistory.dateString(day: TransactionHistory.day(of: date)) }
    }
}
