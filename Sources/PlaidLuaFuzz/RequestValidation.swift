import Foundation
import LuaBridge
import PlaidLua
import PlaidModels
import PlaidSandbox

extension FuzzTarget {
    /// The `plaid` module checks a request table before sending it. For every endpoint, a table
    /// is either refused with a validation error that names the method, or turned into JSON that
    /// the sandbox's own checks accept: a script never learns of a bad field from the server.
    static let requestValidation = FuzzTarget(
        name: "request-validation",
        summary: "request tables checked by the plaid module, against the sandbox's checks"
    ) { bytes in
        guard let request = try? LuaJSON.decode(bytes) else { return }
        for endpoint in PlaidAPI.endpoints {
            let validator = RequestValidator(method: endpoint.methodName)
            let body: JSONValue
            do {
                body = try validator.validate(request, against: endpoint.requestFields)
            } catch let refusal as RequestValidationError {
                precondition(refusal.method == endpoint.methodName && !refusal.problem.isEmpty,
                             "a refusal that does not say what is wrong: \(refusal)")
                continue
            } catch {
                preconditionFailure("\(endpoint.methodName): refused with \(type(of: error)) instead of a validation error: \(error)")
            }
            let text: Data
            do { text = try body.data() } catch { preconditionFailure("\(endpoint.methodName): accepted a request that cannot be written: \(error)") }
            do {
                _ = try SandboxRequestReading.read(text, path: endpoint.path)
            } catch {
                preconditionFailure("\(endpoint.methodName): the bindings accept \(String(decoding: text, as: UTF8.self)) but the sandbox refuses it: \(error)")
            }
        }
    }
}
