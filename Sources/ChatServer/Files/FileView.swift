import ChatDomain
import Foundation
import Hummingbird

/// An uploaded file as clients see it: never the storage key, the hash or a URL.
struct FileView: ResponseEncodable, Sendable {
    var id: FileID
    var originalName: String
    var mimeType: String
    var size: Int64
    var type: StoredFile.Kind
    var createdAt: Date

    init(_ file: StoredFile) {
        id = file.id
        originalName = file.originalName
        mimeType = file.mimeType
        size = file.size
        type = file.kind
        createdAt = file.createdAt
    }
}
