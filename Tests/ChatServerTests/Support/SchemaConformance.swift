import Foundation

/// Checks JSON values against the schemas of the served OpenAPI document: the subset of JSON Schema the document
/// uses (`$ref`, `type` with `null`, `properties`, `required`, `items`, `oneOf`, `enum`, `const`). An object may
/// carry only the properties its schema names, so an undocumented field is a failure too.
struct SchemaConformance {
    let document: [String: Any]

    /// The problems of `body` as the answer of `method path` with `status`, by the schema the document gives for
    /// it; empty when it conforms. A missing operation, status or JSON schema is a problem itself.
    func problems(_ body: Any?, method: String, path: String, status: Int) -> [String] {
        let paths = document["paths"] as? [String: Any]
        guard let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            return ["\(method) \(path) is not in the document"]
        }
        guard let declared = (operation["responses"] as? [String: Any])?[String(status)] else {
            return ["\(method) \(path) does not document status \(status)"]
        }
        let response = resolve(declared)
        guard let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] else {
            return ["\(method) \(path) \(status) has no JSON schema"]
        }
        return problems(body, schema: schema, at: "\(method) \(path) \(status)")
    }

    /// The object `value` stands for, following `$ref`s within the document; empty when it is not an object.
    func resolve(_ value: Any) -> [String: Any] {
        guard let object = value as? [String: Any] else { return [:] }
        guard let reference = object["$ref"] as? String else { return object }
        let target = reference.dropFirst(2).split(separator: "/").reduce(document as Any?) { node, key in
            (node as? [String: Any])?[String(key)]
        }
        return resolve(target as Any)
    }

    private func problems(_ value: Any?, schema rawSchema: Any, at location: String) -> [String] {
        let schema = resolve(rawSchema)
        if let choices = schema["oneOf"] as? [Any] {
            let matching = choices.filter { problems(value, schema: $0, at: location).isEmpty }
            return matching.count == 1 ? [] : ["\(location): matches \(matching.count) of oneOf"]
        }
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if value == nil || value is NSNull {
            return types.contains("null") ? [] : ["\(location): null where \(types) is required"]
        }
        if !types.isEmpty, !types.contains(where: { Self.value(value!, is: $0) }) {
            return ["\(location): \(String(describing: value!)) is not \(types)"]
        }
        if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) {
            return ["\(location): \(text) is not one of \(allowed)"]
        }
        if let constant = schema["const"] as? String, value as? String != constant {
            return ["\(location): is not \(constant)"]
        }
        if let array = value as? [Any], let items = schema["items"] {
            return array.enumerated().flatMap { index, item in problems(item, schema: items, at: "\(location)[\(index)]") }
        }
        guard let object = value as? [String: Any], let properties = schema["properties"] as? [String: Any] else { return [] }
        var found = ((schema["required"] as? [String]) ?? []).filter { object[$0] == nil }.map { "\(location): missing \($0)" }
        for (key, field) in object {
            guard let fieldSchema = properties[key] else {
                found.append("\(location): undocumented property \(key)")
                continue
            }
            found += problems(field, schema: fieldSchema, at: "\(location).\(key)")
        }
        return found
    }

    private static func value(_ value: Any, is type: String) -> Bool {
        switch type {
        case "string": value is String
        case "object": value is [String: Any]
        case "array": value is [Any]
        // JSONSerialization gives true and false as NSNumbers of ObjC type "c" (char), numbers as other types.
        case "boolean": (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        case "integer": (value as? NSNumber).map { !Self.value($0, is: "boolean") && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": value is NSNumber && !Self.value(value, is: "boolean")
        default: false
        }
    }
}
