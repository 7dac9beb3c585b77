import Foundation
import Testing

@testable import ChatStorage

/// AWS's Signature V4 test suite (aws-c-auth layout): every case, in both the header and the presigned form.
@Suite struct AWSSignatureV4SuiteTests {
    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    struct Case {
        var context: Context
        var request: RawHTTPRequest
        var signer: AWSSignatureV4
        var date: Date

        init(_ name: String) throws {
            context = try JSONDecoder().decode(
                Context.self, from: Data(SigV4Vectors.read("aws-c-auth-v4/\(name)/context.json").utf8))
            request = RawHTTPRequest(parsing: try SigV4Vectors.read("aws-c-auth-v4/\(name)/request.txt"))
            let token = context.omit_session_token == true ? nil : context.credentials.token
            signer = AWSSignatureV4(
                credentials: .init(
                    accessKeyID: context.credentials.access_key_id,
                    secretAccessKey: context.credentials.secret_access_key, sessionToken: token),
                region: context.region, service: context.service,
                pathStyle: context.normalize ? .normalized : .s3)
            date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        }
    }

    @Test func theSuiteIsPresentWithAllItsCases() {
        #expect(SigV4Vectors.signingSuiteCases.count == 38, "vectors looked up in \(SigV4Vectors.directory.path)")
    }

    @Test(arguments: SigV4Vectors.signingSuiteCases)
    func headerFormMatchesTheSuite(_ name: String) throws {
        let vector = try Case(name)
        let signed = vector.signer.signHeaders(
            vector.request.signingRequest, payload: .hashing(vector.request.body), date: vector.date,
            sendsContentHash: vector.context.sign_body)
        #expect(signed.canonicalRequest == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/header-canonical-request.txt")))
        #expect(signed.stringToSign == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/header-string-to-sign.txt")))
        #expect(signed.signature == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/header-signature.txt")))
        let signedRequest = try SigV4Vectors.read("aws-c-auth-v4/\(name)/header-signed-request.txt")
        let expectedAuthorization = signedRequest.split(separator: "\n")
            .first { $0.hasPrefix("Authorization:") }?.dropFirst("Authorization:".count)
        let authorization = signed.headers.first { $0.name == "authorization" }?.value
        #expect(authorization == expectedAuthorization.map(String.init))
    }

    @Test(arguments: SigV4Vectors.signingSuiteCases)
    func presignedFormMatchesTheSuite(_ name: String) throws {
        let vector = try Case(name)
        let signed = vector.signer.presign(
            vector.request.signingRequest, payload: .hashing(vector.request.body),
            expiresIn: vector.context.expiration_in_seconds, date: vector.date)
        #expect(signed.canonicalRequest == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/query-canonical-request.txt")))
        #expect(signed.stringToSign == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/query-string-to-sign.txt")))
        #expect(signed.signature == (try SigV4Vectors.read("aws-c-auth-v4/\(name)/query-signature.txt")))
        #expect(signed.query.last == .init("X-Amz-Signature", signed.signature))
    }
}
