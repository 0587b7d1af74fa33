import Foundation
import NIOConcurrencyHelpers
import PodiumCore
import Vapor

/// Anonymous readers' copies of public pages and JSON, kept until the next change signal or for a few
/// seconds, whichever comes first. A crowd reloading the standings then costs no database work at all.
/// Each copy is stored with the reader's form token taken out; every reader gets their own put back.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        let template: String
        let templateHash: String
        let headers: HTTPHeaders
        let generation: UInt64
        let storedAt: ContinuousClock.Instant
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 2_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func entry(_ key: String, generation: UInt64) -> Entry? {
        let now = ContinuousClock.now
        return entries.withLockedValue { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.generation == generation, now - entry.storedAt < lifetime else {
                entries[key] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ key: String, _ entry: Entry) {
        entries.withLockedValue { entries in
            // Many distinct addresses (query strings) must not grow memory without bound: start over when full.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    var count: Int { entries.withLockedValue { $0.count } }
}

extension Application {
    private struct PublicPageCacheKey: StorageKey { typealias Value = PublicPageCache }

    var publicPageCache: PublicPageCache {
        get {
            guard let cache = storage[PublicPageCacheKey.self] else { fatalError("The page cache is set up in configure()") }
            return cache
        }
        set { storage[PublicPageCacheKey.self] = newValue }
    }
}
