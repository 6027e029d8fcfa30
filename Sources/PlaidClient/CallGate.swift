/// Sees every HTTP attempt of the clients it is given to, so that whoever runs many calls at
/// once can pace them and count them: the batch runner's `--rate` and its summary.
public protocol PlaidCallGate: Sendable {
    /// Called before each attempt, retries included; may wait, and may throw to stop the call.
    func admit() async throws
    /// Called when a failed attempt is about to be repeated.
    func willRetry()
}
