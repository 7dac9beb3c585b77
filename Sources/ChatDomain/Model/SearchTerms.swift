import Foundation

/// The words of a message search: the query split into runs of letters and digits, in any script. Everything
/// else (quotes, operators, wildcards, punctuation, spaces) only separates words, so nothing a caller types is
/// ever syntax to the index: each adapter quotes every word as a literal term of its own query language.
public struct SearchTerms: Sendable, Equatable {
    /// Longest query accepted, in characters.
    public static let maxLength = 200

    /// The words in the order typed, each kept once; empty when the query holds no letter or digit. Case is kept:
    /// each index folds a query's words exactly as it folded the messages.
    public let words: [String]

    /// Splits `query` into words. Throws `DomainError.invalid(field: "q")` when it is blank or longer than
    /// `maxLength` characters.
    public init(_ query: String) throws {
        guard query.count <= Self.maxLength,
            !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw DomainError.invalid(field: "q", reason: "1-\(Self.maxLength) characters, not only spaces")
        }
        var words: [String] = []
        var seen: Set<String> = []
        for word in query.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let word = String(word)
            if seen.insert(word).inserted { words.append(word) }
        }
        self.words = words
    }

    /// Terms of exactly these words (tests, and callers that split text themselves).
    public init(words: [String]) {
        self.words = words
    }
}
