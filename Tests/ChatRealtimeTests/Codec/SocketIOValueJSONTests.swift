import Foundation
import Testing

@testable import ChatRealtime

@Suite("JSON values")
struct SocketIOValueJSONTests {
    @Test func parsesEveryKindOfValue() {
        let value = SocketIOValue.parseJSON(#" {"a": [1, -2.5, 3e2, true, false, null], "b": "x\ny", "c": {}} "#)
        #expect(value == ["a": [1, -2.5, 300, true, false, .null], "b": "x\ny", "c": .object([:])])
    }

    @Test func writesCompactJSONWithIntegersWithoutFraction() {
        let value: SocketIOValue = ["b": [1, 2.5, "two", true, .null], "a": ["3": [true]]]
        #expect(value.jsonText == #"{"a":{"3":[true]},"b":[1,2.5,"two",true,null]}"#)
    }

    @Test func escapesControlCharactersQuotesAndBackslashes() {
        let value = SocketIOValue.string("a\"b\\c\n\u{01}é😀")
        #expect(value.jsonText == #""a\"b\\c\n\u0001é😀""#)
        #expect(SocketIOValue.parseJSON(value.jsonText) == value)
    }

    @Test func writesAStringThatNeedsNoEscapeAsItIs() {
        for text in ["", "plain", "привет, мир 😀 / é", "2026-11-29T15:07:27.123Z", "a\u{7F}b"] {
            #expect(SocketIOValue.string(text).jsonText == "\"" + text + "\"")
            #expect(SocketIOValue.parseJSON(SocketIOValue.string(text).jsonText) == .string(text))
        }
    }

    @Test func decodesUnicodeEscapesIncludingSurrogatePairs() {
        #expect(SocketIOValue.parseJSON(#""\u00e9\ud83d\ude00\/""#) == .string("é😀/"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "nul", "\"abc", "\"\\x\"", "\"\\ud83d\"", "[1] 2",
        "{'a':1}", "\"a\u{01}\"", "NaN", "1e400",
    ])
    func rejectsMalformedJSON(_ text: String) {
        #expect(SocketIOValue.parseJSON(text) == nil)
    }

    @Test func rejectsNestingBeyondTheLimitInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(SocketIOValue.parseJSON(deep) == nil)
        #expect(SocketIOValue.parseJSON("[[[]]]", maximumDepth: 3) != nil)
        #expect(SocketIOValue.parseJSON("[[[[]]]]", maximumDepth: 3) == nil)
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value: SocketIOValue = ["token": "abc", "n": 3]
        #expect(value["token"]?.stringValue == "abc")
        #expect(value["n"]?.intValue == 3)
        #expect(value["token"]?.intValue == nil)
        #expect(value[0] == nil)
        #expect(SocketIOValue.number(1.5).intValue == nil)
        #expect(SocketIOValue.array([.binary(Data([1]))]).containsBinary)
        #expect(!value.containsBinary)
    }
}
