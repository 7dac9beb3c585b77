/// Session ids: 120 random bits, URL-safe base64 (20 characters).
enum EngineIOSessionID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(20)
        for _ in 0..<2 {
            var bits = generator.next() as UInt64
            for _ in 0..<10 {
                characters.append(alphabet[Int(bits & 63)])
                bits >>= 6
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
