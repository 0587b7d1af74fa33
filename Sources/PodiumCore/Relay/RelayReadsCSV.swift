import Foundation

/// A read parsed from a file, not yet stored.
public struct ReadDraft: Sendable, Equatable {
    public let bib: String?
    public let point: Int
    public let at: Int64
    public let device: String
    public let clientReadID: String

    public init(bib: String?, point: Int, at: Int64, device: String, clientReadID: String) {
        self.bib = bib
        self.point = point
        self.at = at
        self.device = device
        self.clientReadID = clientReadID
    }
}

/// Reads a CSV of timing reads: `bib`, `point`, `time`, optionally `device` and `read id`.
/// Times are ISO 8601 instants, clock times on the race day in the race's time zone (`09:41:07.3`),
/// or milliseconds since 1970. A file without read ids gets ids made from its content, so importing
/// the same file twice stores nothing new.
public enum RelayReadsCSV {
    enum Column: CaseIterable {
        case bib, point, time, device, readID

        var aliases: [String] {
            switch self {
            case .bib: return ["bib", "bib number", "chip", "team", "号码", "号码布", "参赛号", "芯片"]
            case .point: return ["point", "timing point", "exchange", "leg", "交接点", "计时点", "棒次"]
            case .time: return ["time", "timestamp", "clock", "at", "时间", "时刻"]
            case .device: return ["device", "reader", "设备"]
            case .readID: return ["read id", "client read id", "id", "读数编号"]
            }
        }
    }

    public static func parse(_ data: Data, raceDay: CalendarDate, timeZone: TimeZone, pointCount: Int,
                             defaultDevice: String) throws(PodiumError) -> [ReadDraft] {
        let table = try CSVReader.read(data)
        var columns: [Column: Int] = [:]
        for (index, name) in table.header.enumerated() {
            let folded = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: " ")
            if let column = Column.allCases.first(where: { $0.aliases.contains(folded) }), columns[column] == nil {
                columns[column] = index
            }
        }
        var issues = ValidationCollector()
        for column in [Column.bib, .point, .time] where columns[column] == nil {
            issues.add("file", "error.relay.csvColumn", ["column": column.aliases[0], "chinese": column.aliases.first { $0.unicodeScalars.first!.value > 0x2E80 } ?? ""])
        }
        try issues.check()
        var drafts: [ReadDraft] = []
        for record in table.records {
            func field(_ column: Column) -> String {
                guard let index = columns[column], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            let line = "\(record.line)"
            let pointText = field(.point)
            guard let point = Int(pointText), (1...max(1, pointCount)).contains(point) else {
                issues.add("line \(line)", "error.relay.csvPoint", ["line": line, "value": pointText, "max": "\(pointCount)"])
                continue
            }
            let timeText = field(.time)
            guard let at = parseTime(timeText, raceDay: raceDay, timeZone: timeZone) else {
                issues.add("line \(line)", "error.relay.csvTime", ["line": line, "value": timeText])
                continue
            }
            let bib = RelayTiming.normalizeBib(field(.bib))
            let device = field(.device).isEmpty ? defaultDevice : field(.device)
            let readID = field(.readID).isEmpty ? "\(bib ?? "-")@\(point)@\(at)" : field(.readID)
            drafts.append(ReadDraft(bib: bib, point: point, at: at, device: String(device.prefix(100)), clientReadID: String(readID.prefix(100))))
        }
        try issues.check()
        if drafts.isEmpty { throw .invalid("file", "error.relay.csvEmpty") }
        return drafts
    }

    /// `2021-09-25T08:31:02.120+08:00`, `09:41:07`, `9:41:07.25`, or epoch milliseconds.
    public static func parseTime(_ text: String, raceDay: CalendarDate, timeZone: TimeZone) -> Int64? {
        if text.count >= 12, text.allSatisfy(\.isASCIIDigit) { return Int64(text) }
        if text.contains("T") || text.contains("-") {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
            formatter.formatOptions = [.withInternetDateTime]
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
            return nil
        }
        let parts = text.replacingOccurrences(of: "：", with: ":").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes),
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        let secondsParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(secondsParts.count), secondsParts[0].count == 2, secondsParts[0].allSatisfy(\.isASCIIDigit),
              let seconds = Int(secondsParts[0]), seconds < 60 else { return nil }
        var millis = 0
        if secondsParts.count == 2 {
            let fraction = secondsParts[1]
            guard (1...3).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            millis = Int(String(fraction).padding(toLength: 3, withPad: "0", startingAt: 0))!
        }
        return RelayClock.instant(raceDay, hours: hours, minutes: minutes, seconds: seconds, millis: millis, timeZone: timeZone)
    }
}

/// Wall-clock and duration display for race times.
public enum RelayClock {
    public static func instant(_ day: CalendarDate, hours: Int, minutes: Int, seconds: Int, millis: Int, timeZone: TimeZone) -> Int64? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: hours, minute: minutes, second: seconds)
        guard let date = calendar.date(from: components) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded()) + Int64(millis)
    }

    /// `2:54:13` or `38:07`: whole seconds, rounded up as road races are.
    public static func duration(_ ms: Int64) -> String {
        let seconds = (max(0, ms) + 999) / 1000
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        let mm = m < 10 ? "0\(m)" : "\(m)", ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(m):\(ss)"
    }

    /// `+1:23`, or `—` for the leader.
    public static func gap(_ ms: Int64) -> String {
        ms <= 0 ? "—" : "+" + duration(ms)
    }

    /// `4:35/km` → `4:35`.
    public static func pace(_ msPerKm: Int64) -> String {
        duration(msPerKm)
    }

    /// `09:41:07` on the race's clock; tenths when asked (exchange logs).
    public static func clock(_ ms: Int64, timeZone: TimeZone, tenths: Bool = false) -> String {
        let date = Date(timeIntervalSince1970: Double(ms) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let base = "\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        return tenths ? base + ".\((((ms % 1000) + 1000) % 1000) / 100)" : base
    }
}
