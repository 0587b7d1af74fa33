import Fluent
import Foundation
import PodiumCore

/// Who organized and sponsored each demo occasion, as the reference articles tell it (in the demo group's names):
/// the group's trade union federation organized the Games with the Technology company's union as host; the running
/// association organized the relay with the market supervision team's support, and SmartGen sponsored it in full;
/// the Technology company held its recognition conference. No logos: the demo does not make up brand marks.
struct DemoPartners {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    static let partners: [(slug: String, role: PartnerRole, name: String)] = [
        ("workers-games-2023", .organizer, "Jinghua Holdings Group Trade Union Federation"),
        ("workers-games-2023", .host, "Jinghua Technology Trade Union Committee"),
        ("quality-month-relay-2021", .organizer, "Green Valley Running Association"),
        ("quality-month-relay-2021", .coOrganizer, "High-tech Zone Market Supervision Team"),
        ("quality-month-relay-2021", .sponsor, "SmartGen"),
        ("recognition-2020", .organizer, "Jinghua Technology"),
        ("workers-games-2026", .organizer, "Jinghua Holdings Group Trade Union Federation"),
    ]

    func seed() async throws {
        let media = ProgramMediaService(db: db, clock: clock, uploads: UploadStore(directory: FileManager.default.temporaryDirectory), maxUploadBytes: 0)
        for partner in Self.partners {
            guard let program = try await ProgramModel.query(on: db).filter(\.$slug == partner.slug).first() else { continue }
            _ = try await media.createPartner(program: program, ProgramPartnerInput(role: partner.role.rawValue, name: partner.name), logo: nil, by: actor)
        }
    }
}
