/// The registry: every endpoint the models cover, each named once. Everything that is
/// per-endpoint follows this list — the client's dispatch, the Lua methods and their help, the
/// sandbox's routes, the documented endpoint tables and `docs/openapi.yaml`'s paths (tests diff
/// those against it) — so adding an endpoint is its model file, its sandbox handler and one line
/// here (docs/architecture.md, "How to add an endpoint").
public enum PlaidAPI {
    public static let requests: [any PlaidRequest.Type] = [
        SandboxPublicTokenCreateRequest.self,
        ItemPublicTokenExchangeRequest.self,
        AccountsGetRequest.self,
        ProcessorTokenCreateRequest.self,
        ProcessorStripeBankAccountTokenCreateRequest.self,
        SandboxProcessorTokenCreateRequest.self,
        ProcessorAuthGetRequest.self,
        ProcessorBalanceGetRequest.self,
        ProcessorIdentityGetRequest.self,
        ProcessorAccountGetRequest.self,
        ItemRemoveRequest.self,
        InstitutionsGetByIDRequest.self,
        ItemGetRequest.self,
        ItemWebhookUpdateRequest.self,
        ProcessorTokenWebhookUpdateRequest.self,
        ProcessorTokenPermissionsSetRequest.self,
        ProcessorTokenPermissionsGetRequest.self,
        SandboxItemResetLoginRequest.self,
        SandboxItemSetVerificationStatusRequest.self,
        ProcessorTransactionsSyncRequest.self,
        ProcessorTransactionsGetRequest.self,
        ProcessorTransactionsRefreshRequest.self,
        ProcessorTransactionsRecurringGetRequest.self,
        SandboxTransactionsCreateRequest.self,
        ProcessorIdentityMatchRequest.self,
        ProcessorSignalEvaluateRequest.self,
        ProcessorSignalDecisionReportRequest.self,
        ProcessorSignalReturnReportRequest.self,
        ProcessorSignalPrepareRequest.self,
        ProcessorApexProcessorTokenCreateRequest.self,
        ProcessorBankTransferCreateRequest.self,
        ProcessorLiabilitiesGetRequest.self,
        ProcessorInvestmentsHoldingsGetRequest.self,
        ProcessorInvestmentsTransactionsGetRequest.self,
        ProcessorInvestmentsAuthGetRequest.self,
        SandboxItemFireWebhookRequest.self,
        WebhookVerificationKeyGetRequest.self,
        SandboxProcessorTokenFireWebhookRequest.self,
    ]

    /// The endpoints of ``requests``, in the same order.
    public static let endpoints: [PlaidEndpoint] = requests.map { $0.endpoint }
}
