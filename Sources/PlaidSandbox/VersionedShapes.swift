import Foundation
import PlaidModels

extension PlaidVersion {
    /// The version a header asks for; a missing header means ``PlaidVersion/current``.
    static func requested(by header: String?) throws -> PlaidVersion {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return .current }
        guard let version = PlaidVersion(rawValue: header) else {
            throw SandboxError.invalidRequest(
                "INVALID_HEADERS",
                "Plaid-Version \"\(header)\" is not an API version; use one of "
                    + allCases.map(\.rawValue).joined(separator: ", ") + " (or leave the header out for \(current.rawValue))")
        }
        return version
    }
}

/// Rewrites a 2020-09-14 response body into the shape an older API version documents.
///
/// The routes always build the current shape from the PlaidModels types; the differences of older
/// versions are applied here, in one place, on the JSON:
/// - 2019-05-29 and earlier: `/processor/auth/get` `numbers` is a flat array of ACH numbers, and
///   `/item/remove` also answers `removed: true`.
/// - 2018-05-22 and earlier: the `investment` account type is called `brokerage`; accounts carry
///   no `owners`, and identity is a top-level `identity` object whose addresses use `state` and
///   `zip`.
enum VersionedShapes {
    static func reshape(_ body: JSONValue, path: String, version: PlaidVersion) -> JSONValue {
        guard version < .current, case .object(var members) = body else { return body }
        if path == "/processor/auth/get", let numbers = members["numbers"] {
            members["numbers"] = flatACHNumbers(numbers)
        }
        if path == "/item/remove" {
            members["removed"] = .bool(true)
        }
        if version <= .v2018_05_22 {
            if case .object(let account)? = members["account"] {
                if let owners = account["owners"], path == "/processor/identity/get" {
                    members["identity"] = legacyIdentity(owners: owners, accountID: account["account_id"] ?? .null)
                }
                members["account"] = legacyAccount(account)
            }
            if case .array(let accounts)? = members["accounts"] {
                members["accounts"] = .array(accounts.map { account in
                    if case .object(let fields) = account { return legacyAccount(fields) }
                    return account
                })
            }
        }
        return .object(members)
    }

    /// `{ach, eft, international, bacs}` becomes `[ach]`, without the fields added later.
    private static func flatACHNumbers(_ numbers: JSONValue) -> JSONValue {
        guard case .object(let ach)? = numbers["ach"] else { return .array([]) }
        let kept = ach.filter { ["account", "account_id", "routing", "wire_routing"].contains($0.key) }
        return .array([.object(kept)])
    }

    private static func legacyAccount(_ account: [String: JSONValue]) -> JSONValue {
        var account = account
        account.removeValue(forKey: "owners")
        if account["type"] == .string("investment") { account["type"] = .string("brokerage") }
        return .object(account)
    }

    /// The pre-2019 identity object: names, emails and phones at the top, addresses listing the
    /// accounts they belong to, with `state` and `zip` and no `country`.
    private static func legacyIdentity(owners: JSONValue, accountID: JSONValue) -> JSONValue {
        guard case .array(let owners) = owners, case .object(let owner)? = owners.first else { return .null }
        var identity = owner
        if case .array(let addresses)? = owner["addresses"] {
            identity["addresses"] = .array(addresses.map { address in
                guard case .object(var entry) = address, case .object(let data)? = entry["data"] else { return address }
                func text(_ key: String) -> JSONValue {
                    guard let value = data[key], value != .null else { return .string("") }
                    return value
                }
                let legacyData: [String: JSONValue] = [
                    "street": text("street"), "city": text("city"), "state": text("region"), "zip": text("postal_code"),
                ]
                entry["data"] = .object(legacyData)
                entry["accounts"] = .array([accountID])
                return .object(entry)
            })
        }
        return .object(identity)
    }
}
