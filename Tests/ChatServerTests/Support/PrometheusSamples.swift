/// The samples of a Prometheus text exposition, as a scraper reads them: `name{label="value",...} number`.
struct PrometheusSamples {
    struct Sample {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    let samples: [Sample]

    /// Parses every sample line of `text`; comment lines (`# HELP`, `# TYPE`) are skipped.
    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line -> Sample? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
            return Sample(name: String(series[..<brace]), labels: Self.labels(series[series.index(after: brace)...].dropLast()), value: value)
        }
    }

    /// The value of the one series named `name` whose labels include `labels`; nil when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }

    /// `key="value"` pairs separated by commas; values here never hold escaped quotes or commas.
    private static func labels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...].dropFirst().dropLast())
        }
        return labels
    }
}
