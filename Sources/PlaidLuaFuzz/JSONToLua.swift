import LuaBridge

extension FuzzTarget {
    /// JSON text reaches Lua two ways: as a ``LuaValue`` (batch records, request tables) and
    /// straight onto a Lua stack (`plaid.json.decode`, every answer of a call). Both must agree
    /// on every input, and what they accept must survive being written back and read again.
    static let jsonToLua = FuzzTarget(
        name: "json-lua",
        summary: "JSON text to Lua values, both decoding paths and the round trip"
    ) { bytes in
        let direct = Result { try LuaJSON.decode(bytes) }
        let onStack = Result { try stackProbe.decodeOnStack(bytes) }
        switch (direct, onStack) {
        case (.success(let value), .success(let stackValue)):
            precondition(value == stackValue, "the two decoding paths read different values: \(value) and \(stackValue)")
            // Writing refuses only what JSON cannot hold; anything written must read back equal.
            guard let text = try? LuaJSON.encode(value) else { return }
            let reread = Result { try LuaJSON.decode(text) }
            guard case .success(let again) = reread else {
                preconditionFailure("written JSON does not read back: \(reread)")
            }
            precondition(again == value, "the round trip changed \(value) into \(again)")
        case (.failure(let error), .failure(let stackError)):
            precondition("\(error)" == "\(stackError)", "the two decoding paths refuse differently: \(error) / \(stackError)")
            precondition(!"\(error)".isEmpty, "a refusal without a message")
        default:
            preconditionFailure("one decoding path accepts what the other refuses: \(direct) / \(onStack)")
        }
    }

    /// One Lua state for every input, as a long-running script has.
    nonisolated(unsafe) private static let stackProbe: JSONStackProbe = {
        do { return try JSONStackProbe() } catch { fatalError("cannot open a Lua state: \(error)") }
    }()
}
