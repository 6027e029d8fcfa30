import Glibc

/// What a JSON document should hold, position by position: which members an object has and
/// which of them must be there, what each value is. Readers that build their own values from
/// the bytes (Lua tables, for one) use it to check a document and to type its numbers as a
/// model would, without decoding the model. Members it does not name are not checked.
public final class JSONShape: Sendable {
    public enum Kind: Sendable {
        /// Anything; nothing inside is checked.
        case any
        case string
        /// A string that is a credential, which its reader must keep out of logs and messages.
        case credential
        case integer
        /// A number that is a float even when the text is whole (`110` reads as `110.0`).
        case float
        case boolean
        case object
        case array
    }

    /// A member of an object shape. `isOptional` members may be absent or `null`.
    public struct Member: Sendable {
        public let name: String
        public let key: [UInt8]
        public let shape: JSONShape
        public let isOptional: Bool
        /// The member's bit among the object's required members, when it is one of the first 64.
        public let requiredBit: UInt64

        public init(name: String, shape: JSONShape, isOptional: Bool, requiredBit: UInt64 = 0) {
            self.name = name
            self.key = Array(name.utf8)
            self.shape = shape
            self.isOptional = isOptional
            self.requiredBit = requiredBit
        }
    }

    public let kind: Kind
    public let members: [Member]
    /// Every required member's bit: an object is complete when the bits seen add up to this.
    public let requiredBits: UInt64
    /// An array's elements.
    public let element: JSONShape?

    public static let any = JSONShape(kind: .any)

    /// A scalar (or an unchecked) shape.
    public init(kind: Kind) {
        self.kind = kind
        self.members = []
        self.requiredBits = 0
        self.element = nil
    }

    /// An object with these members; the first 64 required ones are checked for presence.
    public init(members: [(name: String, shape: JSONShape, isOptional: Bool)]) {
        var numbered: [Member] = []
        var nextBit: UInt64 = 1
        var required: UInt64 = 0
        for member in members {
            var bit: UInt64 = 0
            if !member.isOptional {
                bit = nextBit
                nextBit <<= 1
            }
            required |= bit
            numbered.append(Member(name: member.name, shape: member.shape, isOptional: member.isOptional, requiredBit: bit))
        }
        self.kind = .object
        self.members = numbered
        self.requiredBits = required
        self.element = nil
    }

    public init(arrayOf element: JSONShape) {
        self.kind = .array
        self.members = []
        self.requiredBits = 0
        self.element = element
    }

    /// The member whose key is `key`, compared byte for byte (objects are small: a scan beats hashing).
    public func member(_ key: UnsafeBufferPointer<UInt8>) -> Member? {
        for member in members where member.key.count == key.count {
            let same = member.key.withUnsafeBufferPointer { stored in
                stored.isEmpty || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0
            }
            if same { return member }
        }
        return nil
    }
}
