/// The body of `/item/remove`. Removes an Item, which revokes its access token and every processor token made from it.
public struct ItemRemoveRequest: PlaidRequest {
    /// Access token of the Item.
    public var accessToken: AccessToken
    /// Why the Item is removed.
    public var reasonCode: Nullable<ItemRemoveReasonCode>?
    /// Free-text note on the removal.
    public var reasonNote: Nullable<String>?

    public init(
        accessToken: AccessToken,
        reasonCode: Nullable<ItemRemoveReasonCode>? = nil,
        reasonNote: Nullable<String>? = nil
    ) {
        self.accessToken = accessToken
        self.reasonCode = reasonCode
        self.reasonNote = reasonNote
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case reasonCode = "reason_code"
        case reasonNote = "reason_note"
    }

    public typealias Response = ItemRemoveResponse

    public static let endpoint = PlaidEndpoint(
        path: "/item/remove",
        effect: .write,
        caller: .developer,
        summary: "Removes an Item, which revokes its access token and every processor token made from it.",
        requestFields: [
            RequestField(
                name: "access_token",
                type: .string,
                isRequired: true,
                summary: "Access token of the Item."
            ),
            RequestField(
                name: "reason_code",
                type: .string,
                isRequired: false,
                isNullable: true,
                allowedValues: ItemRemoveReasonCode.knownRawValues,
                summary: "Why the Item is removed."
            ),
            RequestField(
                name: "reason_note",
                type: .string,
                isRequired: false,
                isNullable: true,
                summary: "Free-text note on the removal."
            ),
        ]
    )
}

/// The successful response of `/item/remove`.
public struct ItemRemoveResponse: PlaidResponse {
    /// Identifies the call in Plaid's logs; quote it when asking Plaid about a call.
    public var requestID: String

    public init(
        requestID: String
    ) {
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}
