import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PodiumCore

/// The one hub every live public page goes through. A watcher names what it watches (a page, or a relay's
/// board) and its language; the hub renders each watched view once per change and hands the same frame to
/// every watcher, so a crowd costs no database work per viewer. Changes arrive as signals: from a write in
/// this process, from PostgreSQL NOTIFY for writes in other processes, and from a slow periodic refresh
/// that also serves as the heartbeat.
actor LiveHub {
    struct Key: Hashable, Sendable {
        enum Kind: String, Sendable { case page, board }
        let kind: Kind
        /// The canonical page path (`/p/games/standings`), or the program's slug for a board.
        let target: String
        let language: String
    }

    /// One message for watchers: `id` is a fingerprint of the content, the same on every process.
    struct Frame: Sendable, Equatable {
        let id: String
        let event: String
        let data: String
        /// The frame as one Server-Sent Events message, encoded once for every watcher: encoding it per
        /// watcher cost more than everything else a change does with a crowd watching. A ByteBuffer is shared,
        /// not copied, by every connection it is written to.
        let message: ByteBuffer

        init(id: String, event: String, data: String) {
            self.id = id
            self.event = event
            self.data = data
            self.message = ByteBuffer(string: Self.message(id: id, event: event, data: data))
        }

        /// One SSE message; a payload with line breaks goes out as several `data:` lines, which the browser joins.
        static func message(id: String, event: String, data: String) -> String {
            let lines = data.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "data: " + $0.replacingOccurrences(of: "\r", with: "") }
            return "id: \(id)\nevent: \(event)\n" + lines.joined(separator: "\n") + "\n\n"
        }
    }

    typealias Renderer = @Sendable (Key) async -> Frame?

    private let render: Renderer
    private let refreshInterval: Duration
    private let coalesce: Duration
    private var subscribers: [Key: [UUID: AsyncStream<Frame>.Continuation]] = [:]
    private var frames: [Key: Frame] = [:]
    private var inFlight: [Key: (generation: UInt64, task: Task<Frame?, Never>)] = [:]
    /// Every render under way, shared or superseded, so shutting down can wait for all of them.
    private var running: [UUID: Task<Frame?, Never>] = [:]
    private var pendingRefresh: Task<Void, Never>?
    private var ticker: Task<Void, Never>?
    private var stopped = false
    /// Moves on every change signal; the public page cache drops what was rendered before.
    nonisolated let generation = NIOLockedValueBox<UInt64>(0)

    init(refreshInterval: Duration = .seconds(15), coalesce: Duration = .milliseconds(40), render: @escaping Renderer) {
        self.refreshInterval = refreshInterval
        self.coalesce = coalesce
        self.render = render
    }

    /// Something may have changed somewhere. Signals close together are merged into one refresh.
    nonisolated func changed() {
        generation.withLockedValue { $0 &+= 1 }
        Task { await self.scheduleRefresh() }
    }

    nonisolated var currentGeneration: UInt64 { generation.withLockedValue { $0 } }

    /// A stream of frames for `key`: the current one first (when the view exists), then each change, and
    /// the same frame again at every heartbeat.
    func subscribe(_ key: Key) async -> (UUID, AsyncStream<Frame>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Frame>.makeStream(bufferingPolicy: .bufferingNewest(1))
        guard !stopped else {
            continuation.finish()
            return (id, stream)
        }
        subscribers[key, default: [:]][id] = continuation
        if let frame = await frame(key) { continuation.yield(frame) }
        startTicker()
        return (id, stream)
    }

    func unsubscribe(_ key: Key, id: UUID) {
        subscribers[key]?[id]?.finish()
        subscribers[key]?[id] = nil
        if subscribers[key]?.isEmpty ?? false {
            subscribers[key] = nil
            frames[key] = nil
        }
        if subscribers.isEmpty {
            ticker?.cancel()
            ticker = nil
        }
    }

    /// The view as it stands: kept while watched, so opening the page during a race renders nothing new.
    func frame(_ key: Key) async -> Frame? {
        if subscribers[key] != nil, let frame = frames[key] { return frame }
        let frame = await renderOnce(key)
        if subscribers[key] != nil, let frame { frames[key] = frame }
        return frame
    }

    /// Ends every stream and waits for renders under way: the app is shutting down and its database with it.
    func stop() async {
        stopped = true
        ticker?.cancel()
        pendingRefresh?.cancel()
        for continuation in subscribers.values.flatMap(\.values) { continuation.finish() }
        subscribers = [:]
        frames = [:]
        for task in running.values { _ = await task.value }
    }

    var watcherCount: Int { subscribers.values.reduce(0) { $0 + $1.count } }
    var watchedViews: Int { subscribers.count }

    /// One render per view at a time: watchers arriving together share it, unless it began before the
    /// latest change signal and so may have read the data as it was.
    private func renderOnce(_ key: Key) async -> Frame? {
        guard !stopped else { return nil }
        let wanted = currentGeneration
        if let running = inFlight[key], running.generation >= wanted { return await running.task.value }
        let render = self.render
        let task = Task { await render(key) }
        let taskID = UUID()
        inFlight[key] = (wanted, task)
        running[taskID] = task
        let frame = await task.value
        running[taskID] = nil
        if inFlight[key]?.generation == wanted { inFlight[key] = nil }
        return frame
    }

    private func scheduleRefresh() {
        guard pendingRefresh == nil, !subscribers.isEmpty, !stopped else { return }
        let pause = coalesce
        pendingRefresh = Task { [weak self] in
            try? await Task.sleep(for: pause)
            await self?.refresh(heartbeat: false)
        }
    }

    private func startTicker() {
        guard ticker == nil, !stopped else { return }
        let interval = refreshInterval
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                await self.refresh(heartbeat: true)
            }
        }
    }

    /// Renders every watched view again and sends what changed; a heartbeat sends every frame, changed or not,
    /// and the streams turn an unchanged one into a keep-alive.
    private func refresh(heartbeat: Bool) async {
        if !heartbeat { pendingRefresh = nil }
        for key in Array(subscribers.keys) {
            guard let frame = await renderOnce(key), subscribers[key] != nil else { continue }
            let changed = frames[key] != frame
            frames[key] = frame
            guard changed || heartbeat else { continue }
            for continuation in subscribers[key]?.values ?? [:].values { continuation.yield(frame) }
        }
    }
}
