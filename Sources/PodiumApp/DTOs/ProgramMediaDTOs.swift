import Foundation
import PodiumCore
import Vapor

struct ProgramPartnerDTO: Content, Equatable {
    let id: Int
    let role: PartnerRole
    /// 1, 2, 3… within the role.
    let position: Int
    let name: String
    let website: String?
    let logoUrl: String?
    let logoWidth: Int?
    let logoHeight: Int?
    let version: Int
}

/// What an organizer sends to add or change a partner. `position` (from 1, within the role) moves it; a change
/// carries the version read.
struct ProgramPartnerInput: Content {
    var role: String
    var name: String
    var website: String?
    var position: Int?
    var version: Int?
}

struct ProgramPhotoDTO: Content, Equatable {
    let id: Int
    let position: Int
    let url: String
    let caption: String
    let contentType: String
    let size: Int
    let width: Int?
    let height: Int?
    let version: Int
}

struct ProgramPhotoUpdateInput: Content {
    var caption: String?
    /// The photo's new place in the gallery, from 1.
    var position: Int?
    var version: Int?
}

/// What the audit log keeps of a partner.
struct ProgramPartnerAudit: Encodable {
    let role: String
    let position: Int
    let name: String
    let website: String?
    let logo: String?

    init(_ model: ProgramPartnerModel) {
        role = model.role
        position = model.position
        name = model.name
        website = model.website
        logo = model.logoFile
    }
}
