import Fluent
import Foundation
import NIOConcurrencyHelpers
import PodiumCore
import Vapor

/// Each relay's board kept up to date read by read (PodiumCore's `RelayBoardState`), so a new read costs
/// the work of that read, not of the whole race: at 10,000 teams and 300,000 reads, about 2 ms instead of
/// 0.8 s. Per process; every use checks the database for reads and corrections it has not seen, so writes
/// through other processes count too.
final class RelayBoardCache: Sendable {
    struct Entry: Sendable {
        var state: RelayBoardState
        var lastCorrectionID: Int
        var correctionCount: Int
    }

    private let entries = NIOLockedValueBox<[Int: Entry]>([:])

    /// The board of `programID` for this race and these teams, bringing the kept state up to date.
    func board(programID: Int, race: RelayRace, teams: [RelayTeamInfo], on db: any Database) async throws -> RelayBoard {
        // Taken out while it is updated, so the state is the only copy and each read is applied in place: a
        // copy still in the dictionary would make the first change duplicate the whole state (300,000 verdicts).
        // A request arriving meanwhile builds its own, and the later of the two is kept.
        var taken = entries.withLockedValue { $0.removeValue(forKey: programID) }
        if taken.map({ $0.state.race != race || $0.state.teams != teams }) ?? false { taken = nil }
        if taken != nil, try await !Self.catchUp(&taken!, programID: programID, on: db) { taken = nil }
        var entry: Entry
        if let taken { entry = taken } else { entry = try await Self.build(programID: programID, race: race, teams: teams, on: db) }
        taken = nil
        let board = entry.state.board
        entries.withLockedValue { $0[programID] = entry }
        return board
    }

    func forget(programID: Int) { entries.withLockedValue { $0[programID] = nil } }

    private static func build(programID: Int, race: RelayRace, teams: [RelayTeamInfo], on db: any Database) async throws -> Entry {
        let reads = try await TimingReadModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all()
        let corrections = try await corrections(programID: programID, after: nil, on: db)
        return Entry(state: RelayBoardState(race: race, teams: teams, reads: reads.map(\.core), corrections: corrections.map(\.core)),
                     lastCorrectionID: corrections.last?.id ?? 0, correctionCount: corrections.count)
    }

    /// Applies the reads and corrections stored since; false when the log does not add up (a read with a
    /// lower id became visible late, or something was removed), and the board is built again from the start.
    private static func catchUp(_ entry: inout Entry, programID: Int, on db: any Database) async throws -> Bool {
        let newReads = try await TimingReadModel.query(on: db).filter(\.$program.$id == programID)
            .filter(\.$id > (entry.state.lastReadID ?? 0)).sort(\.$id).all()
        let newCorrections = try await corrections(programID: programID, after: entry.lastCorrectionID, on: db)
        let readCount = try await TimingReadModel.query(on: db).filter(\.$program.$id == programID).count()
        let correctionCount = try await TimingCorrectionModel.query(on: db)
            .join(TimingReadModel.self, on: \TimingCorrectionModel.$read.$id == \TimingReadModel.$id)
            .filter(TimingReadModel.self, \.$program.$id == programID).count()
        guard readCount == entry.state.readCount + newReads.count, correctionCount == entry.correctionCount + newCorrections.count else { return false }
        for read in newReads { entry.state.apply(read: read.core) }
        for correction in newCorrections { entry.state.apply(correction: correction.core) }
        entry.lastCorrectionID = newCorrections.last?.id ?? entry.lastCorrectionID
        entry.correctionCount = correctionCount
        return true
    }

    private static func corrections(programID: Int, after: Int?, on db: any Database) async throws -> [TimingCorrectionModel] {
        let query = TimingCorrectionModel.query(on: db)
            .join(TimingReadModel.self, on: \TimingCorrectionModel.$read.$id == \TimingReadModel.$id)
            .filter(TimingReadModel.self, \.$program.$id == programID)
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).all()
    }
}

extension Application {
    private struct RelayBoardCacheKey: StorageKey { typealias Value = RelayBoardCache }

    /// One per application (tests run many side by side), set up in configure().
    var relayBoardCache: RelayBoardCache {
        get {
            guard let cache = storage[RelayBoardCacheKey.self] else { fatalError("The relay board cache is set up in configure()") }
            return cache
        }
        set { storage[RelayBoardCacheKey.self] = newValue }
    }
}
