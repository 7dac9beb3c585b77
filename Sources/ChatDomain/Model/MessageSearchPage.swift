import Foundation

/// One page of search results, newest first.
public struct MessageSearchPage: Sendable, Equatable {
    /// The matching messages, newest first: undeleted ones from chats the caller is a member of.
    public var items: [Message]
    /// Passed back as `cursor`, gives the next page; nil on the last page. Opaque: only the index that made it
    /// reads it.
    public var nextCursor: String?

    /// A page of `items` (newest first) and the cursor of the page after it.
    public init(items: [Message], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// No results.
    public static let empty = MessageSearchPage(items: [], nextCursor: nil)
}
