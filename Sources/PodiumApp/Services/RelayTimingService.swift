import Fluent
import Foundation
import PodiumCore
import SQLKit

/// The raw log of timing reads, officials' corrections, and the board derived from them by PodiumCore's `RelayTiming`.
struct RelayTimingService {
    let db: any Database
    let clock: PodiumClock
    /// With a cache, `snapshot(program:includeReads: false)` brings a kept board up to date instead of
    /// computing it from every read.
    var boardCache: RelayBoardCache? = nil

    /// Most reads one request may carry; a chip reader sends its backlog in pieces of this size.
    static let maximumBatch = 20_000
    /// Rows per INSERT, under both databases' limits on bound values.
    static let insertChunk = 500

    /// Stores reads, each once: a read whose device and read id are already in the log is counted as
    /// already stored and changes nothing. Unknown bibs are stored and flagged, never refused.
    /// Reads that cannot be right (no such timing point, an empty device) refuse the whole batch.
    func ingest(program: ProgramModel, _ drafts: [ReadDraft], source: ReadSource, by actor: Actor) async throws -> ReadBatchResultDTO {
        let programID = program.id!
        var issues = ValidationCollector()
        if drafts.isEmpty { issues.add("reads", "error.relay.noReads") }
        if drafts.count > Self.maximumBatch { issues.add("reads", "error.relay.batchTooLarge", ["count": "\(drafts.count)", "max": "\(Self.maximumBatch)"]) }
        let pointCount = try await RelayLegModel.query(on: db).filter(\.$program.$id == programID).count()
        if pointCount == 0 { issues.add("legs", "error.relay.noLegs") }
        try issues.check()
        // 2000-01-01 to 2100-01-01: anything else is a clock or unit mistake (seconds for milliseconds).
        let earliest: Int64 = 946_684_800_000, latest: Int64 = 4_102_444_800_000
        for (index, draft) in drafts.enumerated() {
            if !(1...pointCount).contains(draft.point) {
                issues.add("reads[\(index)].point", "error.relay.readPoint", ["value": "\(draft.point)", "max": "\(pointCount)"])
            }
            if !(earliest...latest).contains(draft.at) { issues.add("reads[\(index)].at", "error.relay.readTime", ["value": "\(draft.at)"]) }
            if draft.device.isEmpty || draft.device.count > 100 { issues.add("reads[\(index)].device", "error.relay.readDevice") }
            if draft.clientReadID.isEmpty || draft.clientReadID.count > 100 { issues.add("reads[\(index)].readId", "error.relay.readId") }
            if let bib = draft.bib, bib.count > 40 { issues.add("reads[\(index)].bib", "error.relay.bib", ["value": String(bib.prefix(40))]) }
            if issues.issues.count >= 50 { break }
        }
        try issues.check()
        let now = clock.now()
        return try await db.transaction { tx in
            _ = try await RelayService(db: tx, clock: clock).storedRaceForWrites(programID: programID)
            let sql = tx as! any SQLDatabase
            var stored = 0
            for chunk in stride(from: 0, to: drafts.count, by: Self.insertChunk).map({ drafts[$0..<min($0 + Self.insertChunk, drafts.count)] }) {
                var insert = sql.insert(into: TimingReadModel.schema)
                    .columns("program_id", "bib", "point", "at_ms", "source", "device", "client_read_id", "received_at", "recorded_by")
                for draft in chunk {
                    insert = insert.values(SQLBind(programID), SQLBind(draft.bib), SQLBind(draft.point), SQLBind(draft.at), SQLBind(source.rawValue),
                                           SQLBind(draft.device), SQLBind(draft.clientReadID), SQLBind(now), SQLBind(actor.displayName))
                }
                stored += try await insert.ignoringConflicts(with: ["program_id", "device", "client_read_id"]).returning("id").all().count
            }
            if stored > 0 {
                try await RelayService.bumpRevision(programID: programID, on: tx)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "reads", entityType: "timing_reads", entityID: "\(programID)",
                                                                summary: "\(stored) \(source.rawValue) reads", before: Nothing?.none,
                                                                after: ["stored": stored, "alreadyStored": drafts.count - stored])
            }
            let revision = try await RelayRaceModel.query(on: tx).filter(\.$program.$id == programID).first()?.revision ?? 0
            var ids: [Int]?
            if drafts.count <= Self.insertChunk {
                let rows = try await TimingReadModel.query(on: tx).filter(\.$program.$id == programID)
                    .filter(\.$clientReadID ~~ drafts.map(\.clientReadID)).all()
                let byKey = Dictionary(rows.map { ("\($0.device)\u{1F}\($0.clientReadID)", $0.id!) }, uniquingKeysWith: { first, _ in first })
                ids = drafts.compactMap { byKey["\($0.device)\u{1F}\($0.clientReadID)"] }
            }
            return ReadBatchResultDTO(stored: stored, alreadyStored: drafts.count - stored, revision: revision, ids: ids)
        }
    }

    /// Records an official's correction of a read, with the reason. The read stays as it came.
    func correct(program: ProgramModel, readID: Int, _ input: TimingCorrectionInput, by actor: Actor) async throws -> TimingReadDTO {
        var issues = ValidationCollector()
        let reason = input.reason.collapsingWhitespace
        if reason.isEmpty { issues.add("reason", "error.relay.correctionReason") }
        let bib = RelayTiming.normalizeBib(input.bib)
        if input.kind == .assign, bib == nil { issues.add("bib", "error.relay.assignBib") }
        if input.kind == .retime, input.at == nil { issues.add("at", "error.relay.retimeAt") }
        try issues.check()
        return try await db.transaction { tx in
            guard let read = try await TimingReadModel.find(readID, on: tx), read.$program.id == program.id! else {
                throw PodiumError.notFound(LocalizedMessage("error.relay.readNotFound"))
            }
            let correction = TimingCorrectionModel()
            correction.$read.id = readID
            correction.kind = input.kind.rawValue
            correction.bib = input.kind == .assign ? bib : nil
            correction.atMs = input.kind == .retime ? input.at?.ms : nil
            correction.reason = String(reason.prefix(500))
            correction.actorName = actor.displayName
            correction.createdAt = clock.now()
            try await correction.create(on: tx)
            try await RelayService.bumpRevision(programID: program.id!, on: tx)
            let service = RelayTimingService(db: tx, clock: clock)
            let dto = try await service.readDTOs(programID: program.id!, ids: [readID]).first!
            try await AuditLog(db: tx, clock: clock).record(actor, action: "correct_\(input.kind.rawValue)", entityType: "timing_read",
                                                            entityID: "\(readID)", summary: "\(read.bib ?? "—") @ \(read.point)",
                                                            before: read.core, after: dto, reason: reason)
            return dto
        }
    }

    /// Everything the board is computed from.
    struct Snapshot {
        let program: ProgramModel
        let race: RelayRaceModel
        let course: RelayCourse
        let teams: [RelayTeamDTO]
        let reads: [TimingReadModel]
        let corrections: [TimingCorrectionModel]
        let board: RelayBoard

        var timeZone: TimeZone { program.zone }
    }

    /// `includeReads: false` leaves `reads` and `corrections` empty, for pages that show only the board:
    /// with a board cache, their cost is then that of the reads stored since the last look.
    func snapshot(program: ProgramModel, includeReads: Bool = true) async throws -> Snapshot {
        let programID = program.id!
        let relay = RelayService(db: db, clock: clock)
        let race = try await relay.race(programID: programID)
        let course = try await relay.course(programID: programID)
        let restarts = try await relay.restarts(programID: programID)
        let teams = try await relay.teams(programID: programID)
        let relayRace = RelayRace(course: course, start: race.startAt, restarts: restarts.map { RelayRestart(point: $0.point, at: $0.atMs) }, rules: race.rules)
        let teamInfos = teams.map { RelayTeamInfo(id: $0.id, bib: $0.bib, name: $0.name, chips: $0.runners.compactMap(\.chip), status: $0.status) }
        if !includeReads, let boardCache {
            let board = try await boardCache.board(programID: programID, race: relayRace, teams: teamInfos, on: db)
            return Snapshot(program: program, race: race, course: course, teams: teams, reads: [], corrections: [], board: board)
        }
        let reads = try await TimingReadModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all()
        let corrections = try await TimingCorrectionModel.query(on: db).join(TimingReadModel.self, on: \TimingCorrectionModel.$read.$id == \TimingReadModel.$id)
            .filter(TimingReadModel.self, \.$program.$id == programID).sort(\.$id).all()
        let board = RelayTiming.board(race: relayRace, teams: teamInfos, reads: reads.map(\.core), corrections: corrections.map(\.core))
        return Snapshot(program: program, race: race, course: course, teams: teams, reads: reads, corrections: corrections, board: board)
    }

    func readDTOs(programID: Int, ids: [Int]? = nil) async throws -> [TimingReadDTO] {
        guard let program = try await ProgramModel.find(programID, on: db) else { return [] }
        let snapshot = try await snapshot(program: program)
        let wanted = ids.map(Set.init)
        let byRead = Dictionary(grouping: snapshot.corrections, by: { $0.$read.id })
        return snapshot.reads.filter { wanted == nil || wanted!.contains($0.id!) }.map { read in
            let verdict = snapshot.board.verdicts[read.id!] ?? .counted
            var reason: SuspectReason?
            if case .suspect(let why) = verdict { reason = why }
            return TimingReadDTO(id: read.id!, bib: read.bib, point: read.point, at: read.atMs, source: ReadSource(rawValue: read.source) ?? .api,
                                 device: read.device, readId: read.clientReadID, receivedAt: read.receivedAt, recordedBy: read.recordedBy,
                                 verdict: verdict.name, suspectReason: reason,
                                 corrections: (byRead[read.id!] ?? []).map {
                                     TimingCorrectionDTO(kind: ReadCorrectionKind(rawValue: $0.kind) ?? .ignore, bib: $0.bib, at: $0.atMs,
                                                         reason: $0.reason, by: $0.actorName, when: $0.createdAt)
                                 })
        }
    }

    func revision(programID: Int) async throws -> Int64 {
        try await RelayRaceModel.query(on: db).filter(\.$program.$id == programID).first()?.revision ?? 0
    }
}

extension ReadVerdict {
    var name: String {
        switch self {
        case .counted: return "counted"
        case .duplicate: return "duplicate"
        case .ignored: return "ignored"
        case .suspect: return "suspect"
        }
    }
}

extension TimingReadModel {
    var core: TimingRead {
        TimingRead(id: id!, bib: bib, point: point, at: atMs, source: ReadSource(rawValue: source) ?? .api, device: device, clientReadID: clientReadID)
    }
}

extension TimingCorrectionModel {
    var core: ReadCorrection {
        ReadCorrection(readID: $read.id, kind: ReadCorrectionKind(rawValue: kind) ?? .ignore, bib: bib, at: atMs)
    }
}

extension RelayTimingService {
    /// Imports a CSV of reads; clock times are on the race day in the program's time zone.
    func importCSV(program: ProgramModel, _ data: Data, device: String?, by actor: Actor) async throws -> ReadBatchResultDTO {
        let pointCount = try await RelayLegModel.query(on: db).filter(\.$program.$id == program.id!).count()
        guard pointCount > 0 else { throw PodiumError.invalid("legs", "error.relay.noLegs") }
        let drafts = try RelayReadsCSV.parse(data, raceDay: program.firstDay, timeZone: program.zone,
                                             pointCount: pointCount, defaultDevice: device?.nilIfEmpty ?? "file")
        return try await ingest(program: program, drafts, source: .import, by: actor)
    }
}
