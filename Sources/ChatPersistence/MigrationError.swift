import Foundation

/// Why migrations could not be found, read or applied. The description names the directory or file at fault.
public struct MigrationError: Error, Equatable, CustomStringConvertible {
    package enum Kind: Equatable {
        /// No schema directory exists at any of these places.
        case directoryNotFound(dialect: String, tried: [String])
        /// Two files carry the same version number.
        case duplicateVersion(Int, files: [String])
        /// A `.sql` file whose name is not `NNNN_name.sql`.
        case badFileName(String)
        /// The directory or a file could not be read.
        case unreadable(path: String, reason: String)
    }

    package let kind: Kind

    package init(_ kind: Kind) { self.kind = kind }

    /// A sentence for the operator, naming the directory or files at fault.
    public var description: String {
        switch kind {
        case .directoryNotFound(let dialect, let tried):
            "no \(dialect) schema directory found; looked in: \(tried.joined(separator: ", "))"
        case .duplicateVersion(let version, let files):
            "migration version \(version) is used by more than one file: \(files.joined(separator: ", "))"
        case .badFileName(let path):
            "migration file name is not NNNN_name.sql: \(path)"
        case .unreadable(let path, let reason):
            "cannot read migrations at \(path): \(reason)"
        }
    }
}
