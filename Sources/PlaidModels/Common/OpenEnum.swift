/// A string enum whose set of values Plaid may extend at any time.
///
/// Decoding never fails on a value the models do not list: it becomes the conforming type's
/// `unknown` case and encodes back to the same string.
public protocol OpenEnum: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Every value this version of the models knows, in the order Plaid lists them.
    static var knownValues: [Self] { get }
    /// The case for a string the models do not list; an enum's `case unknown(String)` is it.
    static func unknown(_ rawValue: String) -> Self
    /// Never fails: an unlisted string becomes ``unknown(_:)``.
    init(rawValue: String)
    /// The string on the wire; each conforming enum spells its values only here.
    var rawValue: String { get }
}

extension OpenEnum {
    /// The known value spelt `rawValue`, found in ``knownValues``, so an enum writes each of its
    /// strings once, in ``rawValue``.
    public init(rawValue: String) {
        self = Self.knownValues.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// False for a value decoded from a string that is not in ``knownValues``.
    public var isKnown: Bool { Self.knownValues.contains(self) }

    /// The raw strings of ``knownValues``, for validation and suggestions.
    public static var knownRawValues: [String] { knownValues.map(\.rawValue) }
}
