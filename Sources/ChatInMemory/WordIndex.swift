import ChatDomain
import Foundation

/// An inverted index of message words: each folded word to the messages holding it, and the words kept sorted so
/// that every word starting with a prefix is one binary search away. Messages are named by their commit
/// position (1, 2, 3… in the order they were appended across all chats), which orders results newest first.
struct WordIndex {
    /// A message the index knows: where it is.
    struct Entry {
        var chat: ChatID
        var message: MessageID
    }

    private var postings: [String: Set<Int64>] = [:]
    /// Every word of `postings`, ascending.
    private var vocabulary: [String] = []
    private var entries: [Int64: Entry] = [:]
    private var words: [Int64: Set<String>] = [:]

    /// The words of `text` as the index folds them: runs of letters and digits, in any script, with case and
    /// diacritics removed (as SQLite's `unicode61 remove_diacritics 2` tokenizer does).
    static func words(of text: String) -> Set<String> {
        Set(text.split { !($0.isLetter || $0.isNumber) }.map { fold(String($0)) })
    }

    /// A word folded as the index folds message words.
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The entry at a commit position, or nil when nothing is indexed there.
    func entry(at position: Int64) -> Entry? { entries[position] }

    /// Indexes `content` as the text of the message at `position`, replacing what was indexed there; nil content
    /// (a tombstone) leaves the message out of the index.
    mutating func index(_ content: String?, at position: Int64, as entry: Entry) {
        remove(position)
        guard let content else { return }
        let found = Self.words(of: content)
        entries[position] = entry
        words[position] = found
        for word in found {
            if postings[word] == nil {
                vocabulary.insert(word, at: lowerBound(of: word))
                postings[word] = []
            }
            postings[word]?.insert(position)
        }
    }

    /// Drops the message at `position` from the index; nothing when it is not there.
    mutating func remove(_ position: Int64) {
        guard let found = words.removeValue(forKey: position) else { return }
        entries[position] = nil
        for word in found {
            postings[word]?.remove(position)
            if postings[word]?.isEmpty == true {
                postings[word] = nil
                vocabulary.remove(at: lowerBound(of: word))
            }
        }
    }

    /// The positions of the messages holding every term as a word or the start of one, newest first; empty for no
    /// terms.
    func positions(matching terms: [String]) -> [Int64] {
        var matching: Set<Int64>?
        // Rarest terms first would narrow sooner; the terms of a query are few, so the order typed is kept.
        for term in terms {
            let folded = Self.fold(term)
            var holding: Set<Int64> = []
            var index = lowerBound(of: folded)
            while index < vocabulary.count, vocabulary[index].hasPrefix(folded) {
                holding.formUnion(postings[vocabulary[index]] ?? [])
                index += 1
            }
            matching = matching.map { $0.intersection(holding) } ?? holding
            if matching?.isEmpty == true { return [] }
        }
        return (matching ?? []).sorted(by: >)
    }

    /// The index of the first word of `vocabulary` not below `word`.
    private func lowerBound(of word: String) -> Int {
        var (low, high) = (0, vocabulary.count)
        while low < high {
            let middle = (low + high) / 2
            if vocabulary[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
