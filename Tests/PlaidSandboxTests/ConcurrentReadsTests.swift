import AsyncHTTPClient
import FaultyHTTPServer
import Foundation
import PlaidModels
@testable import PlaidSandbox
import Testing

/// Token lookups read on the request's own thread while other reads are in flight: 64 requests
/// at once on 64 connections (far more than the store's pool has readers), mixing both kinds,
/// must all be answered. (Lookups that waited for a connection of the shared reader pool once
/// blocked every thread of Swift's pool while the reads holding those connections waited for a
/// thread to finish on.)
@Suite struct ConcurrentReadsTests {
    @Test func manyLookupsBesideOtherReadsAllAnswer() async throws {
        try await TestSandbox.with { sandbox in
            let token = try await sandbox.processorToken(try await sandbox.linkItem())
            let partner = sandbox.server.credentials.processors["dwolla"]!
            let auth = try JSONValue.object(["processor_token": .string(token.rawValue)]).data()
            let sync = try JSONValue.object(["processor_token": .string(token.rawValue), "count": .integer(5)]).data()
            // A client of its own, so that every request has a connection and none waits in a queue
            // (under a sanitizer a queued request can wait past its time).
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
            configuration.timeout.connect = .seconds(60)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let answered = await outcome(within: .seconds(150)) {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<64 {
                        // A quarter are syncs, whose reads hold the pool's connections; generating their
                        // history is heavy under a sanitizer, and tests beside this one have timeouts.
                        let (path, body) = index.isMultiple(of: 4) ? ("/processor/transactions/sync", sync) : ("/processor/auth/get", auth)
                        group.addTask {
                            try await sandbox.raw(path, body: body, keys: .client(partner), through: http, timeout: .seconds(120)).status
                        }
                    }
                    var statuses: [Int] = []
                    for try await status in group { statuses.append(status) }
                    return statuses
                }
            }
            try await http.shutdown()
            guard case .success(let statuses)? = answered else {
                Issue.record("the requests did not all end: \(String(describing: answered))")
                return
            }
            #expect(statuses.count == 64)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(Set(statuses))")
        }
    }
}
