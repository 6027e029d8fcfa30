import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The listener's HTTP side: every POST, on any path, goes to the inbox with its exact bytes.
struct WebhookListenerResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let inbox: WebhookInbox
    static let maxBodyBytes = 1024 * 1024
    private static let verificationHeader = HTTPField.Name("Plaid-Verification")!

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        guard request.method == .post else { return Self.response(405, "webhooks are POSTed") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            return Self.response(413, "the body is larger than \(Self.maxBodyBytes) bytes")
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let answer = await inbox.receive(body: Array(buffer.readableBytesView), verification: request.headers[Self.verificationHeader],
                                         headers: headers, path: request.uri.path)
        return Self.response(answer.status, answer.text)
    }

    static func response(_ status: Int, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
