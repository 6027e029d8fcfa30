/// The transfer numbers of one account; a scheme the account does not use is null.
public struct ProcessorNumbers: Codable, Hashable, Sendable {
    public var ach: Nullable<ACHNumbers>?
    public var eft: Nullable<EFTNumbers>?
    public var international: Nullable<InternationalNumbers>?
    public var bacs: Nullable<BACSNumbers>?

    public init(
        ach: Nullable<ACHNumbers>? = nil,
        eft: Nullable<EFTNumbers>? = nil,
        international: Nullable<InternationalNumbers>? = nil,
        bacs: Nullable<BACSNumbers>? = nil
    ) {
        self.ach = ach
        self.eft = eft
        self.international = international
        self.bacs = bacs
    }

    enum CodingKeys: String, CodingKey {
        case ach
        case eft
        case international
        case bacs
    }
}
