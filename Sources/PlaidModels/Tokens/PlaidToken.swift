/// A Plaid credential that identifies an Item or an account: it must never appear in full in a
/// description, a log line or an error.
///
/// Conforming types print masked (see ``Redaction/maskToken(_:)``), hide their value from
/// `dump` and `Mirror`, and travel on the wire as a plain JSON string. Read ``rawValue`` only
/// to send the token somewhere. Decoding or encoding one remembers it with ``Redaction``, so
/// its hidden part is masked where it later appears alone.
public protocol PlaidToken: Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    init(_ rawValue: String)
    var rawValue: String { get }
}

extension PlaidToken {
    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(from decoder: any Decoder) throws {
        let rawValue = try decoder.singleValueContainer().decode(String.self)
        Redaction.remember(token: rawValue)
        self.init(rawValue)
    }

    public func encode(to encoder: any Encoder) throws {
        Redaction.remember(token: rawValue)
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { Redaction.maskToken(rawValue) }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
