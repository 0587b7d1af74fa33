import Foundation

/// What a part of the opening ceremony is.
public enum RunOfShowKind: String, Sendable, Codable, CaseIterable {
    case marchIn, flag, speech, performance, declaration, other

    public var localizationKey: String { "runOfShow.kind.\(rawValue)" }
}

/// One part of the opening ceremony. A march-in lists its formations in order; its length then follows
/// from the seconds each formation takes to pass the stand.
public struct RunOfShowSegment: Sendable, Hashable, Codable {
    public var kind: RunOfShowKind
    public var title: String
    /// Minutes, as typed; a march-in with formations uses `minutes` instead.
    public var duration: Int
    public var performer: String?
    public var formations: [String]
    public var secondsPerFormation: Int

    public static let durationRange = 1...240
    public static let secondsPerFormationRange = 5...600
    public static let maxTitleLength = 200
    public static let maxPerformerLength = 100

    public init(kind: RunOfShowKind, title: String, duration: Int, performer: String? = nil, formations: [String] = [],
                secondsPerFormation: Int = 30) {
        self.kind = kind
        self.title = title
        self.duration = duration
        self.performer = performer
        self.formations = formations
        self.secondsPerFormation = secondsPerFormation
    }

    /// Whole minutes the segment takes: a march-in with formations rounds its seconds up.
    public var minutes: Int {
        guard kind == .marchIn, !formations.isEmpty else { return duration }
        // Clamped so an absurd typed value is reported by `issues` rather than overflowing here first.
        let perFormation = min(max(secondsPerFormation, 0), Self.secondsPerFormationRange.upperBound)
        let seconds = min(formations.count, 10_000) * perFormation
        return (seconds + 59) / 60
    }
}

/// A segment with its clock times.
public struct RunOfShowTiming: Sendable, Equatable {
    public let segment: RunOfShowSegment
    public let start: Int
    public let end: Int
}

/// When a formation reaches the stand, in seconds from midnight, for the announcer's script.
public struct MarchInCue: Sendable, Equatable {
    public let formation: String
    public let second: Int

    /// `09:02:30`.
    public var text: String { String(format: "%02d:%02d:%02d", second / 3600, (second % 3600) / 60, second % 60) }
}

/// The opening ceremony's run of show: segments back to back from a start time.
public enum RunOfShow {
    /// Each segment's start and end, one after the other from `start` (minutes from midnight).
    public static func timings(start: Int, segments: [RunOfShowSegment]) -> [RunOfShowTiming] {
        var clock = start
        return segments.map { segment in
            defer { clock += max(segment.minutes, 0) }
            return RunOfShowTiming(segment: segment, start: clock, end: clock + max(segment.minutes, 0))
        }
    }

    /// When each formation of a march-in starting at `start` (minutes) passes the stand.
    public static func cues(start: Int, segment: RunOfShowSegment) -> [MarchInCue] {
        segment.formations.enumerated().map { MarchInCue(formation: $1, second: start * 60 + $0 * max(segment.secondsPerFormation, 0)) }
    }

    /// The march-in order: the national flag formation, the company (group) flag formation, then the teams
    /// in the order the organizer set. Blank names are dropped, repeats kept once; a flag passed as nil is left out.
    public static func marchInOrder(teams: [String], nationalFlag: String?, groupFlag: String?) -> [String] {
        var seen = Set<String>()
        return ([nationalFlag, groupFlag].compactMap { $0 } + teams)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Every problem of the run of show; fields `segments[i].title`, `.duration`, `.performer`, `.secondsPerFormation`.
    public static func issues(segments: [RunOfShowSegment]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for (index, segment) in segments.enumerated() {
            let field = "segments[\(index)]"
            let title = segment.title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if title.isEmpty {
                issues.append(FieldIssue("\(field).title", "error.runOfShow.titleRequired"))
            } else if title.count > RunOfShowSegment.maxTitleLength {
                issues.append(FieldIssue("\(field).title", "error.runOfShow.titleTooLong", ["max": "\(RunOfShowSegment.maxTitleLength)"]))
            }
            if let performer = segment.performer, performer.trimmingCharacters(in: .whitespacesAndNewlines).count > RunOfShowSegment.maxPerformerLength {
                issues.append(FieldIssue("\(field).performer", "error.runOfShow.performerTooLong", ["max": "\(RunOfShowSegment.maxPerformerLength)"]))
            }
            let range = RunOfShowSegment.durationRange
            if segment.kind == .marchIn, !segment.formations.isEmpty {
                let seconds = RunOfShowSegment.secondsPerFormationRange
                if !seconds.contains(segment.secondsPerFormation) {
                    issues.append(FieldIssue("\(field).secondsPerFormation", "error.runOfShow.secondsPerFormation",
                                             ["value": "\(segment.secondsPerFormation)", "min": "\(seconds.lowerBound)", "max": "\(seconds.upperBound)"]))
                } else if !range.contains(segment.minutes) {
                    issues.append(FieldIssue("\(field).duration", "error.runOfShow.duration",
                                             ["value": "\(segment.minutes)", "min": "\(range.lowerBound)", "max": "\(range.upperBound)"]))
                }
            } else if !range.contains(segment.duration) {
                issues.append(FieldIssue("\(field).duration", "error.runOfShow.duration",
                                         ["value": "\(segment.duration)", "min": "\(range.lowerBound)", "max": "\(range.upperBound)"]))
            }
        }
        return issues
    }

    /// `issues`, thrown all at once.
    public static func validate(segments: [RunOfShowSegment]) throws(PodiumError) {
        let found = issues(segments: segments)
        if !found.isEmpty { throw .validation(found) }
    }
}
