/// Node ids, and the node named by a session or socket id. A server's session ids (`sid`) and socket ids start
/// with its node id and a dot, so any node can tell which node holds a session or a socket without asking anyone.
public enum SocketIONodeID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A new node id: 12 random lowercase letters and digits (62 bits), usable in SQL identifiers and URLs.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return String(decoding: characters, as: UTF8.self)
    }

    /// The node a session or socket id names (the part before its first dot); nil for an id without one.
    public static func node(of id: String) -> String? {
        guard let dot = id.utf8.firstIndex(of: UInt8(ascii: ".")), dot != id.utf8.startIndex else { return nil }
        return String(id[..<dot])
    }
}
