import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PlaidModels

/// Answers every HTTP request the way Plaid's API does: it finds the route, checks the method,
/// the version header, the body, the API keys and the rate limit, runs the route, and renders
/// success or failure as JSON carrying a `request_id`. Nothing a client sends can make it
/// answer without a Plaid error object.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: any SandboxStore
    let credentials: SandboxCredentials
    let authenticator: ClientAuthenticator
    let rateLimiter: RateLimiter
    let maxBodyBytes: Int
    let webhookAllowedHosts: [String]
    let clock: @Sendable () -> Date
    /// Receives one line per request when request logging is on.
    let requestLog: Logger?

    private static let clientIDHeader = HTTPField.Name("PLAID-CLIENT-ID")!
    private static let secretHeader = HTTPField.Name("PLAID-SECRET")!
    private static let versionHeader = HTTPField.Name("Plaid-Version")!

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let requestID = TokenFactory.requestID()
        let path = request.uri.path
        let outcome: (status: Int, body: Data, version: PlaidVersion)
        do {
            let (body, version) = try await answer(request, path: path, requestID: requestID)
            outcome = (200, body, version)
        } catch let error as SandboxError {
            outcome = (error.httpStatus, Self.text(of: Self.render(error, requestID: requestID)), .current)
        } catch {
            requestLog?.error("request_id=\(requestID) \(Redaction.maskTokens(in: path)) failed unexpectedly: \(type(of: error))")
            outcome = (500, Self.text(of: Self.render(.internalServerError, requestID: requestID)), .current)
        }
        requestLog?.info("request_id=\(requestID) \(request.method.rawValue) \(Redaction.maskTokens(in: path)) \(outcome.status)")
        return Self.response(status: outcome.status, body: outcome.body, version: outcome.version)
    }

    private func answer(_ request: Request, path: String, requestID: String) async throws -> (Data, PlaidVersion) {
        guard let route = SandboxRoutes.all[path] else { throw SandboxError.notFound }
        guard request.method == .post else { throw SandboxError.methodNotAllowed(request.method.rawValue) }
        let version = try PlaidVersion.requested(by: request.headers[Self.versionHeader])
        let now = clock()
        var (body, text) = try await readJSONObject(request)
        let caller = try authenticate(request, body: &body)
        // Counted only once the keys are good, so a caller without them neither gets 429 in place
        // of its real error nor spends a budget meant for the clients.
        guard rateLimiter.admit(methodName: route.endpoint.methodName, at: now) else {
            throw SandboxError.rateLimitExceeded(code: route.endpoint.rateLimitCode, path: path)
        }
        let call = SandboxCall(caller: caller, requestID: requestID, now: now, store: store,
                               credentials: credentials, webhookAllowedHosts: webhookAllowedHosts)
        let response = try await route.run(body, text, call)
        // The current version's shape is the model's: written in one pass, no JSONValue in between.
        guard version < .current else { return (Data(try JSONBytesEncoder.encode(response)), version) }
        return (Self.text(of: VersionedShapes.reshape(try JSONValue(encoding: response), path: path, version: version)), version)
    }

    private static func text(of body: JSONValue) -> Data {
        (try? body.data()) ?? Data("{}".utf8)
    }

    /// Whether a Content-Type header is `application/json`, in any case, alone or with
    /// parameters (`; charset=utf-8`). Compared as bytes: it runs on every request.
    static func namesJSON(_ contentType: String) -> Bool {
        let mediaType = "application/json".utf8
        var bytes = contentType.utf8.makeIterator()
        for expected in mediaType {
            guard let byte = bytes.next(), (0x41...0x5A).contains(byte) ? byte | 0x20 == expected : byte == expected else { return false }
        }
        guard let after = bytes.next() else { return true }
        return after == UInt8(ascii: ";") || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t")
    }

    /// The body as a JSON object (and as sent), refusing what is too large, not JSON, not UTF-8
    /// or not an object.
    private func readJSONObject(_ request: Request) async throws -> ([String: JSONValue], Data) {
        if let contentType = request.headers[.contentType], !Self.namesJSON(contentType) {
            throw SandboxError.invalidBody("the body must be JSON sent with Content-Type: application/json, not \(contentType)")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw Self.bodyTooLarge(maxBodyBytes)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            throw Self.bodyTooLarge(maxBodyBytes)
        }
        let bytes = Data(buffer.readableBytesView)
        return (try Self.jsonObject(in: bytes), bytes)
    }

    /// The members of the JSON object `bytes` holds, refusing what is empty, not UTF-8, not JSON
    /// or not an object.
    static func jsonObject(in bytes: Data) throws -> [String: JSONValue] {
        guard !bytes.isEmpty else { throw SandboxError.invalidBody("the body is empty; send a JSON object") }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SandboxError.invalidBody("body could not be parsed as JSON: it is not valid UTF-8")
        }
        let value: JSONValue
        do {
            value = try JSONValue(data: bytes)
        } catch {
            throw SandboxError.invalidBody("body could not be parsed as JSON")
        }
        guard case .object(let members) = value else {
            throw SandboxError.invalidBody("the body must be a JSON object, not \(value.kindName)")
        }
        return members
    }

    /// Finds the API keys in the headers or the body (removing them from the body) and checks them.
    private func authenticate(_ request: Request, body: inout [String: JSONValue]) throws -> Caller {
        func credential(header: HTTPField.Name, key: String) throws -> String? {
            let fromBody: String?
            switch body.removeValue(forKey: key) {
            case nil: fromBody = nil
            case .string(let value)? where !value.isEmpty: fromBody = value
            case .string?: throw SandboxError.invalidField("\(key) must not be empty")
            case let other?: throw SandboxError.invalidField("\(key) must be a string, not \(other.kindName)")
            }
            if let value = request.headers[header], !value.isEmpty { return value }
            return fromBody
        }
        let clientID = try credential(header: Self.clientIDHeader, key: "client_id")
        let secret = try credential(header: Self.secretHeader, key: "secret")
        let missing = [clientID == nil ? "client_id" : nil, secret == nil ? "secret" : nil].compactMap { $0 }
        if !missing.isEmpty { throw SandboxError.missingFields(missing) }
        guard let caller = authenticator.authenticate(clientID: clientID!, secret: secret!) else {
            throw SandboxError.invalidAPIKeys
        }
        return caller
    }

    private static func bodyTooLarge(_ limit: Int) -> SandboxError {
        .invalidRequest("INVALID_BODY", "the body is larger than the \(limit) bytes this sandbox accepts", status: 413)
    }

    static func render(_ error: SandboxError, requestID: String) -> JSONValue {
        (try? JSONValue(encoding: error.plaidError(requestID: requestID))) ?? .object([:])
    }

    /// One JSON response, written by Hummingbird in a single piece.
    static func response(status: Int, body data: Data, version: PlaidVersion) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[versionHeader] = version.rawValue
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension JSONValue {
    fileprivate var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
