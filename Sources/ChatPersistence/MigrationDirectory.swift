import Foundation

/// Reads the migration files of one schema directory.
public enum MigrationDirectory {
    /// Every `NNNN_name.sql` file of `directory`, sorted by version. Files not ending in `.sql` are ignored.
    /// Throws `MigrationError` when the directory cannot be read, a `.sql` file is misnamed, or two files share
    /// a version number (`0001_a.sql` and `1_b.sql` included).
    public static func load(_ directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError(.unreadable(path: directory.path, reason: "\(error.localizedDescription)"))
        }
        var byVersion: [Int: [String]] = [:]
        var migrations: [Migration] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            let fileURL = directory.appendingPathComponent(fileName)
            guard let (version, name) = parse(fileName) else {
                throw MigrationError(.badFileName(fileURL.path))
            }
            byVersion[version, default: []].append(fileName)
            let sql: String
            do {
                sql = try String(contentsOf: fileURL, encoding: .utf8)
            } catch {
                throw MigrationError(.unreadable(path: fileURL.path, reason: "\(error.localizedDescription)"))
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        if let (version, files) = byVersion.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw MigrationError(.duplicateVersion(version, files: files))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// The version and name of `NNNN_name.sql`, or nil when the name has another shape.
    static func parse(_ fileName: String) -> (version: Int, name: String)? {
        let stem = fileName.dropLast(".sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits), version > 0,
            !name.isEmpty
        else { return nil }
        return (version, String(name))
    }
}
