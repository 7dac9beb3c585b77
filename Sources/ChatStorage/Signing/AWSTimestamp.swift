import Foundation

/// The two date forms Signature V4 uses, both in UTC: `20150830T123600Z` and the scope date `20150830`.
struct AWSTimestamp: Sendable, Equatable {
    let dateTime: String
    let date: String

    init(_ instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        date = pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
        dateTime = date + "T" + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }
}
