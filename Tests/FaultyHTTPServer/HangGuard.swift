import NIOConcurrencyHelpers

/// Runs `operation` in a task of its own and waits at most `limit` for it; `nil` means it had
/// not ended. Then the task is cancelled but not awaited, so even work that ignores
/// cancellation cannot hold the test: a hang fails the test instead of stalling the suite.
public func outcome<T: Sendable>(
    within limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async -> Result<T, any Error>? {
    await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
        let waiting = NIOLockedValueBox<CheckedContinuation<Result<T, any Error>?, Never>?>(continuation)
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            waiting.withLockedValue { $0.take() }?.resume(returning: result)
        }
        Task {
            try? await Task.sleep(for: limit)
            guard let continuation = waiting.withLockedValue({ $0.take() }) else { return }
            work.cancel()
            continuation.resume(returning: nil)
        }
    }
}
