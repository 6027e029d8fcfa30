import Foundation
import LuaBridge
public import PlaidLua
import PlaidLuaREPL
import Synchronization

/// Runs a ``ScriptRun`` the way `lua` runs its command line: `LUA_INIT`, then `-e`/`-l` in
/// order, then the script with its arguments; the first failure ends the run.
public struct ScriptRunner {
    public var environment: [String: String]
    public var paths: ScriptPaths
    /// Shared by the `plaid` module's clients for the whole run.
    public var context: PlaidContext
    /// Where error messages go (standard error in the command).
    public var reportError: @Sendable (String) -> Void

    public static let programName = "plaidlua"
    public static let version = "0.1.0"

    public init(environment: [String: String], paths: ScriptPaths, context: PlaidContext,
                reportError: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.paths = paths
        self.context = context
        self.reportError = reportError
    }

    /// `-v`: PlaidLua's version, then Lua's line as `lua -v` prints it.
    public static var versionLine: String { "PlaidLua \(version), \(LuaRuntime.luaCopyright)" }

    /// The exit status: 0 when everything ran, 1 when a chunk failed.
    public func run(_ request: ScriptRun) async -> Int32 {
        context.run = Self.runName(for: request)
        let status = await runScripts(request)
        await context.shutdown()
        return status
    }

    /// What the audit log calls this run: the script as named on the command line, `stdin`,
    /// `-e` for code given on the command line only, or `repl`.
    static func runName(for request: ScriptRun) -> String {
        switch request.script {
        case .file(let path): path
        case .standardInput: "stdin"
        case nil: request.steps.contains { if case .execute = $0 { true } else { false } } ? "-e" : "repl"
        }
    }

    /// Error messages as they may be shown: every text through the context's redaction.
    private var reportRedacted: @Sendable (String) -> Void {
        { [context, reportError] text in reportError(context.redact(text)) }
    }

    private func runScripts(_ request: ScriptRun) async -> Int32 {
        let report = reportRedacted
        let program = request.programName
        let runtime: LuaRuntime
        do {
            runtime = try LuaRuntime(options: .init(libraries: request.safe ? .safe : .standard,
                                                    ignoresEnvironment: request.ignoresEnvironment,
                                                    memoryLimit: request.memoryLimit,
                                                    redact: { [context] in context.redact($0) },
                                                    searchPaths: paths.searchPaths(environment: environment)))
            try await prepare(runtime, for: request)
        } catch {
            report("\(program): \(error)")
            return 1
        }
        // As lua does before it exits, also after a failure: finalizers run, to-be-closed
        // variables close.
        let status = await runScripts(request, in: runtime, report: report)
        await runtime.close()
        return status
    }

    private func runScripts(_ request: ScriptRun, in runtime: LuaRuntime, report: @escaping @Sendable (String) -> Void) async -> Int32 {
        let program = request.programName
        do {
            if request.printsVersion { print(Self.versionLine) }
            if request.warnings { _ = try await runtime.runMain("warn('@on')", chunkName: "=(command line)") }
            let interrupts = InterruptWatch(runtime: runtime)
            let watchdog = request.timeout.map { Watchdog(runtime: runtime, seconds: $0) }
            defer { watchdog?.stop() }
            let ran: Result<Void, any Error> = await interrupts.during(secondInterruptEndsProcess: true) {
                do {
                    if !request.ignoresEnvironment { try await runInitialisation(in: runtime) }
                    for step in request.steps { try await run(step, in: runtime) }
                    if let script = request.script {
                        let chunk = try load(script)
                        _ = try await runtime.runMain(chunk, chunkName: chunkName(for: script), arguments: try await scriptArguments(in: runtime),
                                                      keepsResults: false)
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            // Also when the script caught the cancelled wait and finished: it still ran past its time.
            if let watchdog, watchdog.fired {
                var message = "\(program): the script ran past --timeout \(watchdog.limit)"
                if case .failure(let error) = ran { message += "\n\(error)" }
                report(message)
                return 1
            }
            // A task that ran out of memory reaches its waiter as a plain error with Lua's message.
            if case .failure(let error as LuaError) = ran, error.kind == .memory || error.message == "not enough memory",
               let limit = request.memoryLimit {
                report("\(program): the script needed more than --memory-limit \(limit / 1024) KiB\n\(error)")
                return 1
            }
            try ran.get()
            if request.interactive {
                await REPL(runtime: runtime, context: context, interrupts: interrupts,
                           dataDirectory: DataDirectory.resolve(environment: environment),
                           reportError: report).run()
            }
            return 0
        } catch let error as ScriptLoadError {
            report("\(program): \(error.message)")
        } catch {
            report("\(program): \(error)")
        }
        return 1
    }

    /// The script's arguments as `lua` takes them: from the global `arg` as it is when the script
    /// starts (an `-e` may have changed it), `arg[1]` to `arg[#arg]`.
    private func scriptArguments(in runtime: LuaRuntime) async throws -> [LuaValue] {
        do {
            return try await runtime.runMain("""
                if type(arg) ~= "table" then error("'arg' is not a table", 0) end
                return table.unpack(arg, 1, #arg)
                """, chunkName: "=(arguments)")
        } catch let error as LuaError {
            throw ScriptLoadError(message: error.message)
        }
    }

    private func prepare(_ runtime: LuaRuntime, for request: ScriptRun) async throws {
        try await PlaidModule.install(in: runtime, context: context)
        let table = Dictionary(uniqueKeysWithValues: request.argumentTable.map { (LuaKey.integer(Int64($0.key)), LuaValue.string($0.value)) })
        try await runtime.setGlobal("arg", .table(table))
        if request.safe {
            var scriptFolder: String?
            if case .file(let path)? = request.script { scriptFolder = ScriptPaths.realFolder(of: path) }
            try await runtime.lockSafeLibrary(path: paths.safeSearchPath(scriptFolder: scriptFolder),
                                              hiddenVariables: await context.access.hiddenVariables)
        }
    }

    /// `LUA_INIT_5_4`, else `LUA_INIT`: `@file` runs a file, anything else is Lua code.
    private func runInitialisation(in runtime: LuaRuntime) async throws {
        let name = environment["LUA_INIT_5_4"] != nil ? "LUA_INIT_5_4" : "LUA_INIT"
        guard let value = environment[name], !value.isEmpty else { return }
        if value.hasPrefix("@") {
            let file = String(value.dropFirst())
            _ = try await runtime.runMain(try load(.file(file)), chunkName: "@" + file, keepsResults: false)
        } else {
            _ = try await runtime.runMain(LuaBytes(value), chunkName: "=" + name, keepsResults: false)
        }
    }

    private func run(_ step: ScriptRun.Step, in runtime: LuaRuntime) async throws {
        switch step {
        case .execute(let source):
            _ = try await runtime.runMain(LuaBytes(source), chunkName: "=(command line)", keepsResults: false)
        case .require(let global, let module):
            _ = try await runtime.runMain("local global, module = ...; _G[global] = require(module)", chunkName: "=(command line)",
                                          arguments: [.string(global), .string(module)], keepsResults: false)
        }
    }

    private func chunkName(for source: ScriptRun.Source) -> String {
        switch source {
        case .file(let path): "@" + path
        case .standardInput: "=stdin"
        }
    }

    /// The chunk's bytes, with a first line starting with `#` (a shebang) blanked as `lua` does.
    private func load(_ source: ScriptRun.Source) throws -> LuaBytes {
        var bytes: [UInt8]
        switch source {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw ScriptLoadError(message: "cannot open \(path)") }
            bytes = Array(data)
        case .standardInput:
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        if bytes.first == UInt8(ascii: "#") {
            let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            bytes.removeSubrange(bytes.startIndex..<end)
        }
        return LuaBytes(bytes)
    }
}

struct ScriptLoadError: Error {
    let message: String
}
