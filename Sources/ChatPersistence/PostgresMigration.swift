import ChatDomain
import Foundation

/// One schema step: the file `NNNN_name.sql` of `schema/postgres/`, with version `NNNN`.
public struct PostgresMigration: Sendable, Equatable {
    /// The number the file name starts with; migrations apply in ascending order.
    public var version: Int
    /// The rest of the file name, without `.sql`.
    public var name: String
    /// The script; may hold several statements.
    public var sql: String

    /// A migration from its parts.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every `NNNN_name.sql` file of `directory`, by ascending version; files not ending in `.sql` are ignored.
    /// Throws `DomainError.invalid(field: "migrations", …)` when the directory cannot be read, a `.sql` file is
    /// misnamed, or two files share a version.
    public static func load(from directory: URL) throws -> [PostgresMigration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DomainError.invalid(field: "migrations", reason: "cannot read \(directory.path)")
        }
        var migrations: [PostgresMigration] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName: fileName) else {
                throw DomainError.invalid(field: "migrations", reason: "\(fileName) is not named NNNN_name.sql")
            }
            let url = directory.appendingPathComponent(fileName)
            guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
                throw DomainError.invalid(field: "migrations", reason: "cannot read \(url.path)")
            }
            if migrations.contains(where: { $0.version == version }) {
                throw DomainError.invalid(field: "migrations", reason: "two files have version \(version) in \(directory.path)")
            }
            migrations.append(PostgresMigration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// `(12, "add_index")` for `0012_add_index.sql`; nil for any other name.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits), version > 0 else { return nil }
        let name = String(stem[stem.index(after: underscore)...])
        return name.isEmpty ? nil : (version, name)
    }
}
