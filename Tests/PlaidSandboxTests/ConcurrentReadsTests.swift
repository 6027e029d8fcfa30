import FaultyHTTPServer
import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// Token lookups read on the request's own thread while other reads are in flight: requests on
/// all of the client's connections at once (eight, more than the store's pool has readers),
/// mixing both kinds, must all be answered. (Lookups that waited for a
/// connection of the shared reader pool once blocked every thread of Swift's pool while the
/// reads holding those connections waited for a thread to finish on.)
@Suite struct ConcurrentReadsTests {
    @Test func manyLookupsBesideOtherReadsAllAnswer() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let partner = sandbox.server.credentials.processors["dwolla"]!
            let auth = JSONValue.object(["processor_token": .string(token.rawValue)])
            let sync = JSONValue.object(["processor_token": .string(token.rawValue), "count": .integer(5)])
            let answered = await outcome(within: .seconds(120)) {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<64 {
                        let (path, body) = index.isMultiple(of: 2) ? ("/processor/transactions/sync", sync) : ("/processor/auth/get", auth)
                        group.addTask { try await sandbox.raw(path, json: body, keys: .client(partner)).status }
                    }
                    var statuses: [Int] = []
                    for try await status in group { statuses.append(status) }
                    return statuses
                }
            }
            guard case .success(let statuses)? = answered else {
                Issue.record("the requests did not all end: \(String(describing: answered))")
                return
            }
            #expect(statuses.count == 64)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(Set(statuses))")
        }
    }
}
