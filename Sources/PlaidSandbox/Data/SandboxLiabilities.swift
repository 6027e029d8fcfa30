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
            return Liabilities(credit: .value([credit(account, dates)]), mortgage: .value([]), student: .value([]))
        case .student:
            return Liabilities(credit: .value([]), mortgage: .value([]), student: .value([student(account, dates)]))
        case .mortgage:
            return Liabilities(credit: .value([]), mortgage: .value([mortgage(account, dates)]), student: .value([]))
        default:
            return nil
        }
    }

    private static func credit(_ account: SandboxAccount, _ dates: Dates) -> CreditCardLiability {
        CreditCardLiability(
            accountID: .value(account.accountID),
            aprs: [
                APR(aprPercentage: 15.24, aprType: "balance_transfer_apr", balanceSubjectToApr: .value(1562.32), interestChargeAmount: .value(130.22)),
                APR(aprPercentage: 27.95, aprType: "cash_apr", balanceSubjectToApr: .value(56.22), interestChargeAmount: .value(14.81)),
                APR(aprPercentage: 12.5, aprType: "purchase_apr", balanceSubjectToApr: .value(157.01), interestChargeAmount: .value(25.66)),
            ],
            isOverdue: .value(false), lastPaymentAmount: .value(168.25), lastPaymentDate: .value(dates.lastPayment),
            lastStatementIssueDate: .value(dates.lastStatement), lastStatementBalance: .value(1708.77),
            minimumPaymentAmount: .value(20), nextPaymentDueDate: .value(dates.nextDue))
    }

    private static func student(_ account: SandboxAccount, _ dates: Dates) -> StudentLoan {
        StudentLoan(
            accountID: .value(account.accountID), accountNumber: .value("4277075694"), disbursementDates: .value(["2002-08-28"]),
            expectedPayoffDate: .value("2032-07-28"), guarantor: .value("DEPT OF ED"), interestRatePercentage: 5.25,
            isOverdue: .value(false), lastPaymentAmount: .value(138.05), lastPaymentDate: .value(dates.lastPayment),
            lastStatementIssueDate: .value(dates.lastStatement), loanName: .value("Consolidation"),
            loanStatus: StudentLoanStatus(endDate: .value("2032-07-28"), type: .value("repayment")),
            minimumPaymentAmount: .value(25), nextPaymentDueDate: .value(dates.nextDue), originationDate: .value("2002-08-28"),
            originationPrincipalAmount: .value(25000), outstandingInterestAmount: .value(SandboxAccountKind.studentLoanOutstandingInterest),
            paymentReferenceNumber: .value("4277075694"),
            pslfStatus: PSLFStatus(estimatedEligibilityDate: .value("2031-01-01"), paymentsMade: .value(200), paymentsRemaining: .value(160)),
            repaymentPlan: StudentRepaymentPlan(description: .value("Standard Repayment"), type: .value("standard")),
            sequenceNumber: .value("1"),
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
