import Foundation

/// The languages Podium ships. English is the fallback for a missing string.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case zhHans = "zh-Hans"

    /// Picks the best shipped language from an `Accept-Language` header, honouring q-values.
    /// Every Chinese variant gets Simplified Chinese, the only Chinese shipped.
    public static func negotiate(acceptLanguage header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var candidates: [(tag: String, q: Double, index: Int)] = []
        for (index, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            if q > 0 { candidates.append((tag.lowercased(), q, index)) }
        }
        candidates.sort { $0.q != $1.q ? $0.q > $1.q : $0.index < $1.index }
        for candidate in candidates {
            if let language = Language(tag: candidate.tag) { return language }
        }
        return nil
    }

    /// Matches a BCP 47 tag such as `zh-CN`, `zh-Hans-SG`, `en-GB`.
    public init?(tag: String) {
        let primary = tag.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch primary {
        case "en": self = .en
        case "zh": self = .zhHans
        default: return nil
        }
    }

    /// The value for `<html lang>`.
    public var htmlTag: String { rawValue }
}

/// Looks up user-facing strings by key in the shipped string tables and fills in `{name}` arguments.
public struct Localizer: Sendable {
    private let tables: [Language: [String: String]]

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// Loads `en.json` and `zh-Hans.json` (flat key -> string objects) from a directory.
    public init(directory: URL) throws {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = directory.appendingPathComponent("\(language.rawValue).json")
            let data = try Data(contentsOf: url)
            tables[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        self.init(tables: tables)
    }

    public func keys(_ language: Language) -> Set<String> { Set(tables[language]?.keys ?? [:].keys) }

    public func has(_ key: String, _ language: Language) -> Bool { tables[language]?[key] != nil }

    public func string(_ key: String, _ language: Language, _ args: [String: String] = [:]) -> String {
        let template = tables[language]?[key] ?? tables[.en]?[key] ?? key
        return Self.fill(template, args)
    }

    public func message(_ message: LocalizedMessage, _ language: Language) -> String {
        string(message.key, language, message.args)
    }

    static func fill(_ template: String, _ args: [String: String]) -> String {
        guard !args.isEmpty, template.contains("{") else { return template }
        var result = template
        for (name, value) in args {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }
}
