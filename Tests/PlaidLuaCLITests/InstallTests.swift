import Foundation
import PlaidLuaTesting
import Testing

/// scripts/package.sh's tarball, unpacked into a fresh prefix, runs the shipped workflows by name
/// from another directory with a fresh HOME, and its .deb holds the same layout. (It packages the
/// debug build the tests run; install.sh's release build is the same layout.)
@Suite struct InstallTests {
    @Test func theTarballRunsAShippedWorkflowFromAnywhere() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let dist = work.appendingPathComponent("dist"), prefix = work.appendingPathComponent("prefix")
        let elsewhere = work.appendingPathComponent("elsewhere"), home = work.appendingPathComponent("home")
        for folder in [prefix, elsewhere, home] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

        let package = try await offPool { try CommandRun.program(at: URL(fileURLWithPath: "/usr/bin/bash"),
                                             [CommandRun.packageRoot.appendingPathComponent("scripts/package.sh").path,
                                              "--build-dir", CommandRun.executable.deletingLastPathComponent().path, "--output", dist.path]) }
        #expect(package.status == 0, "\(package.standardError)")
        let made = try FileManager.default.contentsOfDirectory(atPath: dist.path)
        let tarball = try #require(made.first { $0.hasSuffix(".tar.gz") }, "\(made)")
        #expect(made.contains { $0.hasSuffix(".deb") })

        let unpack = try await offPool { try CommandRun.program(at: URL(fileURLWithPath: "/usr/bin/tar"),
                                            ["-xzf", dist.appendingPathComponent(tarball).path, "-C", prefix.path]) }
        #expect(unpack.status == 0, "\(unpack.standardError)")
        let installed = prefix.appendingPathComponent("bin/plaidlua")
        let environment = ["HOME": home.path]
        let quickstart = try await offPool { try CommandRun.program(at: installed, ["run", "quickstart"], environment: environment, directory: elsewhere) }
        #expect(quickstart.status == 0, "\(quickstart.standardError)")
        #expect(quickstart.standardOutput.contains("\"processor_token\""), "\(quickstart.standardOutput.prefix(500))")
        let listed = try await offPool { try CommandRun.program(at: installed, ["scripts"], environment: environment, directory: elsewhere) }
        #expect(listed.standardOutput.contains("(shipped: \(prefix.path)/share/plaidlua/scripts;"), "\(listed.standardOutput)")
        for completion in ["share/bash-completion/completions/plaidlua", "share/zsh/site-functions/_plaidlua",
                           "share/fish/vendor_completions.d/plaidlua.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(completion).path), "\(completion)")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/plaidlua/scripts/test.sh").path),
                "the project's own tooling is not installed")
    }

    /// Runs a process on a thread of its own: packaging takes minutes under a sanitizer, and a
    /// wait that long on Swift's pool holds up the async tests running beside it.
    private func offPool(_ body: @escaping @Sendable () throws -> CommandRun) async throws -> CommandRun {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
