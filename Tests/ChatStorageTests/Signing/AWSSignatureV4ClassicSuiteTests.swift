import Foundation
import Testing

@testable import ChatStorage

/// The classic layout of AWS's Signature V4 suite (`.req`/`.creq`/`.sts`/`.authz`), header form, normalized paths.
@Suite struct AWSSignatureV4ClassicSuiteTests {
    @Test func theSuiteIsPresentWithAllItsCases() {
        #expect(SigV4Vectors.classicSuiteCases.count == 34, "vectors looked up in \(SigV4Vectors.directory.path)")
    }

    @Test(arguments: SigV4Vectors.classicSuiteCases)
    func headerFormMatchesTheClassicSuite(_ path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        func file(_ ext: String) throws -> String { try SigV4Vectors.read("aws4_testsuite/\(path)/\(name).\(ext)") }
        let request = RawHTTPRequest(parsing: try file("req"))
        let expectedCanonical = try file("creq")
        // The token of get-vanilla-with-session-token is only in its canonical request (as botocore reads it).
        let tokenLine = expectedCanonical.split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
        let token = request.headers.first { $0.name.lowercased() == "x-amz-security-token" }?.value
            ?? tokenLine.map { String($0.dropFirst("x-amz-security-token:".count)) }
        let signer = AWSSignatureV4(
            credentials: .init(
                accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: token),
            region: "us-east-1", service: "service")
        let signed = signer.signHeaders(
            request.signingRequest, payload: .hashing(request.body),
            date: Date(timeIntervalSince1970: 1_440_938_160), sendsContentHash: false)
        #expect(signed.canonicalRequest == expectedCanonical)
        #expect(signed.stringToSign == (try file("sts")))
        #expect(signed.headers.first { $0.name == "authorization" }?.value == (try file("authz")))
    }
}
