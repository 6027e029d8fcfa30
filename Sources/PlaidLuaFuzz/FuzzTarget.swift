/// One part of PlaidLua the fuzzer feeds bytes to. `check` returns normally for any input the
/// part handles as promised, and traps (through `precondition`) when a promise is broken, which
/// libFuzzer reports as a crash and saves the input for.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let check: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [.jsonToLua, .requestValidation, .sandboxRequest, .batchRecords]

    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
