extension LuaRuntime {
    /// What `task.sleep` waits on. Real time by default; a test gives one it moves itself, so
    /// it can check what sleeps do without waiting for them (as the client's retry clock does).
    public struct SleepClock: Sendable {
        /// Returns once `duration` has passed; throws when the waiting Swift task is cancelled,
        /// which is how `t:cancel()` and Ctrl-C end a sleep.
        public var sleep: @Sendable (Duration) async throws -> Void

        public init(sleep: @escaping @Sendable (Duration) async throws -> Void) {
            self.sleep = sleep
        }

        public static let continuous = SleepClock { try await ContinuousClock().sleep(for: $0) }
    }
}
