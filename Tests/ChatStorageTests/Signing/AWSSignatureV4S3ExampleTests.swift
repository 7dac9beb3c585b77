import Foundation
import Testing

@testable import ChatStorage

/// AWS's published S3 Signature V4 examples (S3 API Reference), as listed in `sigv4/README.txt`.
@Suite struct AWSSignatureV4S3ExampleTests {
    let signer = AWSSignatureV4(
        credentials: .init(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "s3")
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 20130524T000000Z
    let host = AWSSigningRequest.Header("host", "examplebucket.s3.amazonaws.com")

    private func expect(
        _ signed: AWSSignatureV4.Signed, canonicalHash: String, signature: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(signed.stringToSign.split(separator: "\n").last.map(String.init) == canonicalHash, sourceLocation: sourceLocation)
        #expect(signed.signature == signature, sourceLocation: sourceLocation)
    }

    @Test func getObjectWithRange() {
        let signed = signer.signHeaders(
            .init(method: "GET", path: "/test.txt", headers: [host, .init("Range", "bytes=0-9")]),
            payload: .empty, date: date)
        expect(
            signed, canonicalHash: "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.canonicalRequest.contains("\nhost;range;x-amz-content-sha256;x-amz-date\n"))
    }

    @Test func putObjectEncodesTheDollarSignOnce() {
        let signed = signer.signHeaders(
            .init(
                method: "PUT", path: "/test$file.text",
                headers: [
                    host, .init("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                    .init("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ]),
            payload: .hashing(Data("Welcome to Amazon S3.".utf8)), date: date)
        #expect(signed.canonicalRequest.hasPrefix("PUT\n/test%24file.text\n"))
        #expect(
            signed.headers.contains(
                .init("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")))
        expect(
            signed, canonicalHash: "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
            signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycleSignsAValuelessParameter() {
        let signed = signer.signHeaders(
            .init(method: "GET", path: "/", query: [.init("lifecycle")], headers: [host]), payload: .empty, date: date)
        #expect(signed.canonicalRequest.hasPrefix("GET\n/\nlifecycle=\n"))
        expect(
            signed, canonicalHash: "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjectsSortsTheQuery() {
        let signed = signer.signHeaders(
            .init(method: "GET", path: "/", query: [.init("prefix", "J"), .init("max-keys", "2")], headers: [host]),
            payload: .empty, date: date)
        expect(
            signed, canonicalHash: "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func presignedGetURL() {
        let signed = signer.presign(
            .init(method: "GET", path: "/test.txt", headers: [host]), expiresIn: 86400, date: date)
        let canonicalQuery =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        #expect(signed.canonicalRequest.split(separator: "\n")[2] == canonicalQuery)
        #expect(signed.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        expect(
            signed, canonicalHash: "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04",
            signature: "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        #expect(
            signed.encodedQuery
                == canonicalQuery + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func generalReferenceSigningKey() {
        let key = AWSSignatureV4.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20150830", region: "us-east-1", service: "iam")
        #expect(
            key.withUnsafeBytes { Array($0) }.hexString
                == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test func s3PathsAreNeitherNormalizedNorDoubleEncoded() {
        let signed = signer.signHeaders(
            .init(method: "GET", path: "//a/./b/../my file+x%.txt", headers: [host]), payload: .unsigned, date: date)
        #expect(signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1]
            == "//a/./b/../my%20file%2Bx%25.txt")
    }

    @Test func credentialsNeverPrintTheSecret() {
        #expect(!String(describing: signer.credentials).contains("EXAMPLEKEY"))
    }
}
