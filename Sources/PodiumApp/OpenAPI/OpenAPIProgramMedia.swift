import PodiumCore

/// A program's partners and photo gallery in the API description.
extension OpenAPIDocument {
    private static let programSlug = path("slug", string)
    private static let partnerID = path("partnerId", integer)
    private static let programPhotoID = path("photoId", integer)

    static let programMediaPaths: [(String, JSONValue)] = [
        ("/api/v1/programs/{slug}/partners", [
            "get": op("listProgramPartners", "The program's organizers, host, co-organizers and sponsors, by role then position (a draft program's only for organizers)",
                      auth: false, params: [programSlug], responses: [("200", ["type": "array", "items": ref("ProgramPartner")])]),
            "post": op("createProgramPartner", "Add a partner at the end of its role, or at `position` (organizer). The name is required; a website must be an http or https address.",
                       params: [programSlug], body: "ProgramPartnerInput", responses: [("201", ref("ProgramPartner"))]),
        ]),
        ("/api/v1/programs/{slug}/partners/{partnerId}", [
            "put": op("updateProgramPartner", "Change a partner's role, name, website or place within its role (organizer), with the version read. A stale version gets 409.",
                      params: [programSlug, partnerID], body: "ProgramPartnerInput", responses: [("200", ref("ProgramPartner"))]),
            "delete": op("deleteProgramPartner", "Remove a partner and its logo (organizer); with `version`, a stale delete gets 409",
                         params: [programSlug, partnerID, query("version", integer)], responses: [("204", noContent)]),
        ]),
        ("/api/v1/programs/{slug}/partners/{partnerId}/logo", [
            "post": multipart(op("setProgramPartnerLogo", "Set or replace a partner's logo (organizer). A file that is not an image or is too large gets 422 naming it; nothing is stored.",
                                 params: [programSlug, partnerID], rawBody: "multipart/form-data", responses: [("200", ref("ProgramPartner"))]),
                              ["file": imageFile, "version": integer], required: ["file"]),
            "delete": op("deleteProgramPartnerLogo", "Remove a partner's logo (organizer)", params: [programSlug, partnerID, query("version", integer)],
                         responses: [("200", ref("ProgramPartner"))]),
        ]),
        ("/api/v1/programs/{slug}/photos", [
            "get": op("listProgramPhotos", "The program's photo gallery in order (a draft program's only for organizers)", auth: false, params: [programSlug],
                      responses: [("200", ["type": "array", "items": ref("ProgramPhoto")])]),
            "post": multipart(op("addProgramPhoto", "Add a photo at the end of the gallery (organizer). A file that is not an image or is too large gets 422 naming it; nothing is stored.",
                                 params: [programSlug], rawBody: "multipart/form-data", responses: [("201", ref("ProgramPhoto"))]),
                              ["file": imageFile, "caption": string], required: ["file"]),
        ]),
        ("/api/v1/programs/{slug}/photos/{photoId}", [
            "put": op("updateProgramPhoto", "Change a photo's caption or move it to another place (organizer), with the version read", params: [programSlug, programPhotoID],
                      body: "ProgramPhotoUpdate", responses: [("200", ref("ProgramPhoto"))]),
            "delete": op("deleteProgramPhoto", "Remove a photo (organizer); the others close up. With `version`, a stale delete gets 409",
                         params: [programSlug, programPhotoID, query("version", integer)], responses: [("204", noContent)]),
        ]),
    ]

    static let programMediaSchemas: [(String, JSONValue)] = [
        ("ProgramPartner", object([
            "id": integer, "role": enumeration(PartnerRole.allCases.map(\.rawValue)),
            "position": ["type": "integer", "description": "1, 2, 3… within the role"], "name": string,
            "website": string, "logoUrl": string,
            "logoWidth": ["type": "integer", "description": "Pixels, read from the file's header"], "logoHeight": integer, "version": integer,
        ], required: ["id", "role", "position", "name", "version"])),
        ("ProgramPartnerInput", object([
            "role": enumeration(PartnerRole.allCases.map(\.rawValue)), "name": string,
            "website": ["type": "string", "description": "An http or https address"], "position": ["type": "integer", "minimum": 1], "version": integer,
        ], required: ["role", "name"])),
        ("ProgramPhoto", object([
            "id": integer, "position": integer, "url": string, "caption": string, "contentType": string, "size": integer,
            "width": ["type": "integer", "description": "Pixels, read from the file's header"], "height": integer, "version": integer,
        ], required: ["id", "position", "url", "caption", "contentType", "size", "version"])),
        ("ProgramPhotoUpdate", object(["caption": string, "position": ["type": "integer", "minimum": 1], "version": integer], required: ["version"])),
    ]
}
