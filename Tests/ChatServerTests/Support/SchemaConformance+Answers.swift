import Foundation

extension SchemaConformance {
    /// The problems of a whole answer of `method path`, as Schemathesis sees it: its status must be documented, its
    /// media type (`Content-Type` without parameters) must be one the document lists for that status (and a body
    /// without a documented media type must be empty), and a JSON body must match its schema. Empty when it conforms.
    func problems(status: Int, contentType: String?, body: [UInt8], method: String, path: String) -> [String] {
        let paths = document["paths"] as? [String: Any]
        guard let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            return ["\(method) \(path) is not in the document"]
        }
        guard let declared = (operation["responses"] as? [String: Any])?[String(status)] else {
            return ["\(method) \(path) does not document status \(status)"]
        }
        let documented = Set((resolve(declared)["content"] as? [String: Any] ?? [:]).keys)
        guard let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else {
            return body.isEmpty ? [] : ["\(method) \(path) \(status) has a body without a Content-Type"]
        }
        guard documented.contains(mediaType) else {
            return ["\(method) \(path) \(status) answers \(mediaType), documented: \(documented.sorted())"]
        }
        guard mediaType == "application/json" else { return [] }
        let json = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        return problems(json, method: method, path: path, status: status)
    }
}
