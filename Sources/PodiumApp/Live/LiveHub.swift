import Foundation
import PodiumCore
import Vapor

/// Tells live-board watchers when a program's revision moves. One poller per watched program reads the
/// revision from the database twice a second, so writes made by any process behind the load balancer
/// reach every watcher; writes in this process poke the hub and reach watchers at once.
actor LiveHub {
    typealias RevisionReader = @Sendable (Int) async -> Int64?
    typealias PayloadBuilder = @Sendable (Int, String, Int64) async throws -> String

    private let readRevision: RevisionReader
    private let buildPayload: PayloadBuilder
    private let pollInterval: Duration
    private var subscribers: [Int: [UUID: AsyncStream<Int64>.Continuation]] = [:]
    private var revisions: [Int: Int64] = [:]
    private var pollers: [Int: Task<Void, Never>] = [:]
    /// One payload per program, language and revision, built once however many watch.
    private var payloads: [String: (revision: Int64, task: Task<String, any Error>)] = [:]

    init(pollInterval: Duration = .milliseconds(500), readRevision: @escaping RevisionReader, buildPayload: @escaping PayloadBuilder) {
        self.pollInterval = pollInterval
        self.readRevision = readRevision
        self.buildPayload = buildPayload
    }

    /// A stream of revisions: the current one first, then each change. Heartbeats repeat the last one.
    func subscribe(programID: Int) async -> (UUID, AsyncStream<Int64>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        subscribers[programID, default: [:]][id] = continuation
        if revisions[programID] == nil, let revision = await readRevision(programID) { revisions[programID] = revision }
        continuation.yield(revisions[programID] ?? 0)
        if pollers[programID] == nil {
            pollers[programID] = Task { [weak self] in
                var ticks = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: self?.pollInterval ?? .milliseconds(500))
                    guard let self else { return }
                    ticks += 1
                    await self.check(programID: programID, heartbeat: ticks % 30 == 0)
                }
            }
        }
        return (id, stream)
    }

    func unsubscribe(programID: Int, id: UUID) {
        subscribers[programID]?[id]?.finish()
        subscribers[programID]?[id] = nil
        if subscribers[programID]?.isEmpty ?? true {
            subscribers[programID] = nil
            pollers[programID]?.cancel()
            pollers[programID] = nil
            revisions[programID] = nil
            payloads = payloads.filter { !$0.key.hasPrefix("\(programID)/") }
        }
    }

    /// Called after a write in this process commits, so watchers here do not wait for the next poll.
    func poke(programID: Int) async {
        guard subscribers[programID] != nil else { return }
        await check(programID: programID, heartbeat: false)
    }

    var watcherCount: Int { subscribers.values.reduce(0) { $0 + $1.count } }

    private func check(programID: Int, heartbeat: Bool) async {
        guard let revision = await readRevision(programID) else { return }
        let changed = revisions[programID] != revision
        revisions[programID] = revision
        guard changed || heartbeat else { return }
        for continuation in subscribers[programID]?.values ?? [:].values { continuation.yield(revision) }
    }

    /// The board as watchers in `language` see it at `revision`. Kept while the program is watched, so a crowd
    /// opening the live page during the race is served one board per change.
    func payload(programID: Int, language: String, revision: Int64) async throws -> String {
        guard subscribers[programID] != nil else { return try await buildPayload(programID, language, revision) }
        let key = "\(programID)/\(language)"
        if let cached = payloads[key], cached.revision == revision { return try await cached.task.value }
        let builder = buildPayload
        let task = Task { try await builder(programID, language, revision) }
        payloads[key] = (revision, task)
        return try await task.value
    }
}

extension LiveHub {
    /// The hub reading relay revisions and building board payloads from the app's database.
    static func make(for app: Application) -> LiveHub {
        LiveHub(pollInterval: .milliseconds(app.podiumConfig.livePollMilliseconds),
                readRevision: { programID in
                    try? await RelayTimingService(db: app.db, clock: app.clock).revision(programID: programID)
                },
                buildPayload: { programID, language, revision in
                    guard let program = try await ProgramModel.find(programID, on: app.db) else { return "{}" }
                    let snapshot = try await RelayTimingService(db: app.db, clock: app.clock).snapshot(program: program)
                    let words = Words(localizer: app.localizer, language: Language(rawValue: language) ?? .en)
                    let view = LiveBoardView.make(snapshot, revision: revision, now: app.clock.now(), words: words)
                    return String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
                })
    }
}

extension Application {
    private struct LiveHubKey: StorageKey { typealias Value = LiveHub }

    var liveHub: LiveHub {
        get {
            guard let hub = storage[LiveHubKey.self] else { fatalError("The live hub is set up in configure()") }
            return hub
        }
        set { storage[LiveHubKey.self] = newValue }
    }
}
