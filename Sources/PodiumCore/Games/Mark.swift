import Foundation

/// How an event's performances compare.
public enum MarkKind: String, Sendable, Codable, CaseIterable {
    /// A time in milliseconds; lower wins (60 m, 1500 m, relays).
    case time
    /// A distance or height in millimetres; higher wins (long jump, shot put).
    case distance
    /// A count; higher wins (rope skipping, shuttlecock kicks).
    case count
    /// A judged score in hundredths of a point; higher wins.
    case score
    /// A final place decided by matches (tug of war, basketball); lower wins, equal places share.
    case place

    public var lowerIsBetter: Bool { self == .time || self == .place }
}

/// Why an entry has no valid mark.
public enum ResultStatus: String, Sendable, Codable, CaseIterable {
    case ok
    /// Took part but every attempt failed (field events).
    case nm
    /// Started, did not finish.
    case dnf
    /// Disqualified.
    case dq
    /// Did not start.
    case dns

    /// Entries without a valid mark come after all valid ones, in this order.
    var orderAfterValidMarks: Int {
        switch self {
        case .ok: return 0
        case .nm: return 1
        case .dnf: return 2
        case .dq: return 3
        case .dns: return 4
        }
    }

    public var localizationKey: String { "result.status.\(rawValue)" }
}

/// Reads the marks officials type on a phone, and writes them back the same way.
public enum MarkFormat {
    /// `12.34`, `1:02.3`, `1:02:03`, `1:02:03.45` → milliseconds. Seconds and minutes after the first
    /// part must be below 60; at most three decimals.
    public static func parseTime(_ text: String) throws(PodiumError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: ":")
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), let last = parts.last else { throw invalidTime(text) }
        let secondsParts = last.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard secondsParts.count <= 2, let whole = Int(secondsParts[0]), whole >= 0, !secondsParts[0].isEmpty,
              secondsParts[0].allSatisfy(\.isASCIIDigit) else { throw invalidTime(text) }
        var millis = 0
        if secondsParts.count == 2 {
            let fraction = secondsParts[1]
            guard (1...3).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { throw invalidTime(text) }
            millis = Int(fraction.padding(toLength: 3, withPad: "0", startingAt: 0))!
        }
        var total = whole * 1000 + millis
        if parts.count > 1 {
            guard whole < 60 else { throw invalidTime(text) }
            var multiplier = 60_000
            for (index, part) in parts.dropLast().reversed().enumerated() {
                guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), let value = Int(part) else { throw invalidTime(text) }
                if index == 0, parts.count == 3, value >= 60 { throw invalidTime(text) }
                total += value * multiplier
                multiplier *= 60
            }
        }
        guard total > 0 else { throw invalidTime(text) }
        return total
    }

    /// `5.62` (metres) → 5620 mm; at most two decimals (centimetres), as tape measures are read.
    public static func parseDistance(_ text: String) throws(PodiumError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "m", with: "")
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit), let metres = Int(parts[0]) else {
            throw .invalid("mark", "error.mark.distance", ["value": text])
        }
        var centimetres = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit) else {
                throw .invalid("mark", "error.mark.distance", ["value": text])
            }
            centimetres = Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))!
        }
        let total = metres * 1000 + centimetres * 10
        guard total > 0, metres < 1000 else { throw .invalid("mark", "error.mark.distance", ["value": text]) }
        return total
    }

    public static func parseCount(_ text: String) throws(PodiumError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit), let value = Int(trimmed), value < 1_000_000 else {
            throw .invalid("mark", "error.mark.count", ["value": text])
        }
        return value
    }

    /// `9.25` → 925 hundredths.
    public static func parseScore(_ text: String) throws(PodiumError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit), let whole = Int(parts[0]),
              parts.count == 1 || ((1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit)) else {
            throw .invalid("mark", "error.mark.score", ["value": text])
        }
        let hundredths = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
        guard whole < 100_000 else { throw .invalid("mark", "error.mark.score", ["value": text]) }
        return whole * 100 + hundredths
    }

    /// `1`, `2`, `3` … as placed by the matches; `1st`, `第1名` are read too.
    public static func parsePlace(_ text: String) throws(PodiumError) -> Int {
        var trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        for affix in ["第", "名", "st", "nd", "rd", "th"] { trimmed = trimmed.replacingOccurrences(of: affix, with: "") }
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit), let value = Int(trimmed), (1...999).contains(value) else {
            throw .invalid("mark", "error.mark.place", ["value": text])
        }
        return value
    }

    public static func parse(_ text: String, as kind: MarkKind) throws(PodiumError) -> Int {
        switch kind {
        case .place: return try parsePlace(text)
        case .time: return try parseTime(text)
        case .distance: return try parseDistance(text)
        case .count: return try parseCount(text)
        case .score: return try parseScore(text)
        }
    }

    /// The display form: `12.34`, `1:02.30`, `1:02:03.00`, `5.62`, `120`, `9.25`.
    public static func format(_ value: Int, as kind: MarkKind) -> String {
        switch kind {
        case .time:
            let hundredths = (value + 5) / 10
            let totalSeconds = hundredths / 100, fraction = hundredths % 100
            let hours = totalSeconds / 3600, minutes = (totalSeconds % 3600) / 60, seconds = totalSeconds % 60
            let tail = "\(seconds < 10 && (minutes > 0 || hours > 0) ? "0" : "")\(seconds).\(fraction < 10 ? "0" : "")\(fraction)"
            if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(tail)" }
            if minutes > 0 { return "\(minutes):\(tail)" }
            return tail
        case .distance:
            let centimetres = value / 10
            return "\(centimetres / 100).\(centimetres % 100 < 10 ? "0" : "")\(centimetres % 100)"
        case .count, .place:
            return "\(value)"
        case .score:
            return "\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)"
        }
    }

    private static func invalidTime(_ text: String) -> PodiumError {
        .invalid("mark", "error.mark.time", ["value": text])
    }
}
