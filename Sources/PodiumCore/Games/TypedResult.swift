/// A result as an official typed it, read into what ranking needs: the status, the deciding mark and
/// the valid attempts.
public struct TypedResult: Sendable, Equatable {
    public let status: ResultStatus
    public let mark: Int?
    public let attempts: [Int]
    /// Every attempt in the order taken, nil for a foul or a pass: the order of later rounds reads the first three.
    public let series: [Int?]

    public init(status: ResultStatus, mark: Int?, attempts: [Int] = [], series: [Int?]? = nil) {
        self.status = status
        self.mark = mark
        self.attempts = attempts
        self.series = series ?? attempts.map { $0 }
    }

    /// The series as stored: marks with `x` for fouls and passes, comma-separated; nil without attempts.
    public var storedSeries: String? {
        series.isEmpty ? nil : series.map { $0.map(String.init) ?? "x" }.joined(separator: ",")
    }

    /// Reads a stored series back; plain lists of marks from before fouls were kept read as they are.
    public static func series(stored: String?) -> [Int?] {
        (stored ?? "").split(separator: ",").map { Int($0) }
    }

    /// Whether a sheet row carries nothing to save: no status other than a valid mark, no mark, no attempt.
    public static func isBlank(status: ResultStatus?, mark: String?, attempts: [String]?) -> Bool {
        (status == nil || status == .ok) && (mark ?? "").isBlank && (attempts ?? []).allSatisfy(\.isBlank)
    }

    /// A status other than a valid mark needs nothing else. Field events take attempts, `x` (or `×`, `-`)
    /// for a foul and empty boxes for attempts not taken; the best valid one decides and only fouls make NM.
    /// Everything else needs the mark in the event's kind.
    public static func read(status: ResultStatus?, mark: String?, attempts: [String]?, format: EventFormat,
                            maxAttempts: Int) throws(PodiumError) -> TypedResult {
        let status = status ?? .ok
        guard status == .ok else { return TypedResult(status: status, mark: nil) }
        let kind = format.markKind
        if format == .measured, let typed = attempts, !typed.allSatisfy(\.isBlank) {
            guard typed.count <= maxAttempts else {
                throw .invalid("attempts", "error.games.tooManyAttempts", ["count": "\(typed.count)", "max": "\(maxAttempts)"])
            }
            var valid: [Int] = []
            var series: [Int?] = []
            for (index, text) in typed.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
                if trimmed.isEmpty || Self.foul.contains(trimmed) { series.append(nil); continue }
                do { valid.append(try MarkFormat.parse(text, as: kind)); series.append(valid.last) } catch {
                    guard case .validation(let issues) = error, let issue = issues.first else { throw error }
                    throw .invalid("attempts[\(index)]", issue.message.key, issue.message.args)
                }
            }
            // Empty boxes after the last attempt taken are attempts not taken, not passes.
            let taken = (typed.lastIndex { !$0.isBlank } ?? -1) + 1
            series.removeLast(series.count - taken)
            guard let best = valid.max() else { return TypedResult(status: .nm, mark: nil, series: series) }
            return TypedResult(status: .ok, mark: best, attempts: valid, series: series)
        }
        guard let text = mark, !text.isBlank else { throw .invalid("mark", "error.games.markRequired") }
        return TypedResult(status: .ok, mark: try MarkFormat.parse(text, as: kind))
    }

    static let foul: Set<String> = ["x", "×", "-"]
}

private extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespaces).isEmpty }
}
