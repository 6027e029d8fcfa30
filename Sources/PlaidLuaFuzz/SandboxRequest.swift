import Foundation
import PlaidModels
import PlaidSandbox

extension FuzzTarget {
    /// Any body sent to any endpoint is either decoded into the endpoint's request or refused
    /// with a client error that renders as a complete Plaid error object.
    static let sandboxRequest = FuzzTarget(
        name: "sandbox-request",
        summary: "request bodies read by the sandbox, for every endpoint"
    ) { bytes in
        let body = Data(bytes)
        for path in SandboxRequestReading.paths {
            do {
                _ = try SandboxRequestReading.read(body, path: path)
            } catch let refusal as SandboxError {
                precondition((400..<500).contains(refusal.httpStatus), "\(path): a bad body answered \(refusal.httpStatus)")
                precondition(!refusal.errorCode.isEmpty && !refusal.errorMessage.isEmpty, "\(path): an incomplete error \(refusal)")
                // What the server writes must read back as a Plaid error that writes the same text.
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                let text: Data
                do { text = try encoder.encode(refusal.plaidError(requestID: "fuzz")) } catch { preconditionFailure("\(path): the error cannot be written: \(error)") }
                let rewritten = (try? JSONDecoder().decode(PlaidError.self, from: text)).flatMap { try? encoder.encode($0) }
                precondition(rewritten == text, "\(path): the error \(String(decoding: text, as: UTF8.self)) does not read back as a Plaid error")
            } catch {
                preconditionFailure("\(path): refused with \(type(of: error)) instead of a Plaid error: \(error)")
            }
        }
    }
}
