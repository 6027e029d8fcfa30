import Foundation
import PlaidLuaTesting
import Testing

/// `plaid.log` writes levelled lines on stderr, filtered by `PLAIDLUA_LOG`, with tokens masked.
@Suite struct PlaidLogTests {
    static let token = "access-sandbox-de3ce8ef-33f8-452c-a685-8671031f9f2c"

    private func log(level: String?) throws -> CommandRun {
        try CommandRun.plaidlua(["-e", """
            local plaid = require "plaid"
            plaid.log.debug("debug line")
            plaid.log.info("info line", 42)
            plaid.log.warn("warn line for", "\(Self.token)")
            plaid.log.error("error line")
            """], environment: level.map { ["PLAIDLUA_LOG": $0] } ?? [:])
    }

    @Test func infoAndAboveByDefault() throws {
        let run = try log(level: nil)
        #expect(run.status == 0)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix(" INFO info line 42"))
        #expect(lines[1].hasSuffix(" WARN warn line for access-sandbox-…9f2c"))
        #expect(lines[2].hasSuffix(" ERROR error line"))
        #expect(lines[0].range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression) != nil)
        #expect(!run.standardError.contains(Self.token))
    }

    @Test func theLevelComesFromTheEnvironment() throws {
        #expect(try log(level: "debug").standardError.split(separator: "\n").count == 4)
        let quiet = try log(level: "error")
        #expect(quiet.standardError.split(separator: "\n").count == 1)
        #expect(quiet.standardError.hasSuffix(" ERROR error line\n"))
    }
}
