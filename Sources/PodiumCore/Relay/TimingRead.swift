import Foundation

/// Where a read came from.
public enum ReadSource: String, Sendable, Codable, CaseIterable {
    /// A timekeeper's tap on the phone page.
    case manual
    /// A chip reader mat.
    case chip
    /// A CSV file uploaded by an official.
    case `import`
    /// Another system posting through the API.
    case api

    public var localizationKey: String { "relay.source.\(rawValue)" }
}

/// One line of the permanent raw log: a team's bib (or a runner's chip) seen at a timing point.
/// Never changed once stored; corrections are kept beside it.
public struct TimingRead: Sendable, Equatable, Codable {
    public let id: Int
    /// The team's bib, a runner's chip code, or nil for a tap whose bib is not typed yet.
    public let bib: String?
    /// The end of leg `point`; the last point is the finish.
    public let point: Int
    /// Milliseconds since 1970 (UTC).
    public let at: Int64
    public let source: ReadSource
    public let device: String
    public let clientReadID: String

    public init(id: Int, bib: String?, point: Int, at: Int64, source: ReadSource, device: String, clientReadID: String) {
        self.id = id
        self.bib = bib
        self.point = point
        self.at = at
        self.source = source
        self.device = device
        self.clientReadID = clientReadID
    }
}

/// What an official did to a read. The raw read stays as it came; this says how to read it now.
public enum ReadCorrectionKind: String, Sendable, Codable, CaseIterable {
    /// Leave the read out (a stray tap, the wrong team).
    case ignore
    /// Count it again after an ignore.
    case restore
    /// Give it a bib ("tap first, assign later") or a different one.
    case assign
    /// Give it another time, e.g. from the backup watch.
    case retime
    /// Count it although it looked implausible (too fast, out of order): the official has checked it.
    case accept
}

public struct ReadCorrection: Sendable, Equatable, Codable {
    public let readID: Int
    public let kind: ReadCorrectionKind
    public let bib: String?
    public let at: Int64?

    public init(readID: Int, kind: ReadCorrectionKind, bib: String? = nil, at: Int64? = nil) {
        self.readID = readID
        self.kind = kind
        self.bib = bib
        self.at = at
    }
}

/// A read as it counts after its corrections, in the order they were made.
public struct EffectiveRead: Sendable, Equatable {
    public let read: TimingRead
    public var bib: String?
    public var at: Int64
    public var ignored = false
    public var confirmed = false
    public var corrected = false

    public init(_ read: TimingRead, corrections: [ReadCorrection]) {
        self.read = read
        bib = read.bib
        at = read.at
        for correction in corrections where correction.readID == read.id {
            corrected = true
            switch correction.kind {
            case .ignore: ignored = true
            case .restore: ignored = false
            case .assign: bib = correction.bib
            case .retime: if let time = correction.at { at = time }
            case .accept: confirmed = true
            }
        }
    }
}
