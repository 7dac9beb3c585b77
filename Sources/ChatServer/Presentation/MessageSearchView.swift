import ChatDomain
import Hummingbird

/// One page of message search results, `{"items": [...], "nextCursor": String | null}`, newest first; each item
/// carries the caller's own reactions (`myReactions`), as every REST message answer does.
struct MessageSearchView: ResponseEncodable {
    var items: [MessageView]
    var nextCursor: String?

    init(_ page: MessageSearchPage, mine: [MessageID: [String]]) {
        items = page.items.map { MessageView($0, myReactions: mine[$0.id] ?? []) }
        nextCursor = page.nextCursor
    }

    private enum CodingKeys: String, CodingKey {
        case items, nextCursor
    }

    /// `nextCursor` is always present: null on the last page.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
