import PodiumCore

/// The games day's organizing team (duty posts, shifts, assignments, filling gaps) and the opening ceremony's
/// run of show in the API description.
extension OpenAPIDocument {
    private static let staffSlug = path("slug", string)
    private static let dutiesBase = "/api/v1/programs/{slug}/duties"
    private static let showBase = "/api/v1/programs/{slug}/run-of-show"
    private static let clock: JSONValue = ["type": "string", "pattern": "^([01]?[0-9]|2[0-3])[:：][0-5][0-9]$",
                                           "description": "A time of day, `HH:mm`, in the program's time zone"]
    private static let dutyKind = enumeration(DutyKind.allCases.map(\.rawValue))
    private static let showKind = enumeration(RunOfShowKind.allCases.map(\.rawValue))
    private static let integers: JSONValue = ["type": "array", "items": integer]
    private static let strings: JSONValue = ["type": "array", "items": string]

    static let staffPaths: [(String, JSONValue)] = [
        ("\(dutiesBase)/posts", [
            "get": op("listDutyPosts", "The organizing team's posts with their shifts and how well each is staffed (organizer or official of the program)",
                      params: [staffSlug], responses: [("200", array("DutyPost"))]),
            "post": op("createDutyPost", "Add a post at the end, or at `position` (organizer); a name already used in the program gets 422",
                       params: [staffSlug], body: "DutyPostInput", responses: [("201", ref("DutyPost"))]),
        ]),
        ("\(dutiesBase)/posts/{postId}", [
            "put": op("updateDutyPost", "Change a post (organizer). Omitted fields keep their value; `\"\"` clears the venue; `position` moves it. A stale version gets 409.",
                      params: [staffSlug, path("postId", integer)], body: "DutyPostInput", responses: [("200", ref("DutyPost"))]),
            "delete": op("deleteDutyPost", "Remove a post and its shifts (organizer); refused with 409 while people are on it. With `version`, a stale delete gets 409.",
                         params: [staffSlug, path("postId", integer), query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(dutiesBase)/posts/{postId}/shifts", [
            "post": op("addDutyShift", "Add a stretch of time the post needs people for (organizer); shifts of one post may not overlap",
                       params: [staffSlug, path("postId", integer)], body: "DutyShiftInput", responses: [("201", ref("DutyShift"))]),
        ]),
        ("\(dutiesBase)/shifts/{shiftId}", [
            "delete": op("removeDutyShift", "Remove a shift (organizer); the people on the post stay on it",
                         params: [staffSlug, path("shiftId", integer), query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(dutiesBase)/assignments", [
            "get": op("listDutyAssignments", "Who is on which post and when, by start time (organizer or official); `postId` or `personId` narrows the list",
                      params: [staffSlug, query("postId", integer), query("personId", integer)], responses: [("200", array("DutyAssignment"))]),
            "post": op("assignDuty", "Put someone on a post (organizer). Someone already on duty at that time gets 422 on `personId`, naming them, the other post and its time.",
                       params: [staffSlug], body: "DutyAssignmentInput", responses: [("201", ref("DutyAssignment"))]),
        ]),
        ("\(dutiesBase)/assignments/{assignmentId}", [
            "delete": op("unassignDuty", "Take someone off a post (organizer). With `version`, a stale removal gets 409.",
                         params: [staffSlug, path("assignmentId", integer), query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(dutiesBase)/fill", [
            "post": op("fillDutyGaps", "Fill the shifts still short of people from a pool (organizer): whole shifts, the person with the least time on duty first, never anyone on two posts at once. Returns what was added and the shifts still short.",
                       params: [staffSlug], body: "DutyFillInput", responses: [("200", ref("DutyFill"))]),
        ]),
        (showBase, [
            "get": op("getRunOfShow", "The opening ceremony with every segment's clock times and a march-in's cues (public once the program is out of draft)",
                      auth: false, params: [staffSlug], responses: [("200", ref("RunOfShow"))]),
            "put": op("setRunOfShowStart", "Set the ceremony's start time (organizer); version 0 while the default start (08:30) applies",
                      params: [staffSlug], body: "RunOfShowStartInput", responses: [("200", ref("RunOfShow"))]),
            "post": op("addRunOfShowSegment", "Add a segment at the end, or at `position` (organizer); `fromTeams` fills a march-in's formations from the program's teams",
                       params: [staffSlug], body: "RunOfShowSegmentInput", responses: [("201", ref("RunOfShowSegment"))]),
        ]),
        ("\(showBase)/{segmentId}", [
            "put": op("updateRunOfShowSegment", "Change a segment (organizer). Omitted fields keep their value; `\"\"` clears the performer; `position` moves it; `fromTeams` refills a march-in. A stale version gets 409.",
                      params: [staffSlug, path("segmentId", integer)], body: "RunOfShowSegmentInput", responses: [("200", ref("RunOfShowSegment"))]),
            "delete": op("deleteRunOfShowSegment", "Remove a segment; the ones after it move up (organizer). With `version`, a stale delete gets 409.",
                         params: [staffSlug, path("segmentId", integer), query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
    ]

    static let staffSchemas: [(String, JSONValue)] = [
        ("DutyPost", object([
            "id": integer, "programId": integer, "name": string, "kind": dutyKind, "venueName": string, "position": integer, "version": integer,
            "shifts": array("DutyShift"),
        ], required: ["id", "programId", "name", "kind", "position", "version", "shifts"])),
        ("DutyPostInput", object([
            "name": ["type": "string", "maxLength": .int(DutyService.maxNameLength)], "kind": dutyKind,
            "venueName": ["type": "string", "maxLength": .int(DutyService.maxVenueLength)], "position": ["type": "integer", "minimum": 1],
            "version": integer,
        ], required: [])),
        ("DutyShift", object([
            "id": integer, "postId": integer, "starts": clock, "ends": clock, "needed": integer, "assignedPersonIds": integers,
            "partialPersonIds": integers, "missing": integer, "version": integer,
        ], required: ["id", "postId", "starts", "ends", "needed", "assignedPersonIds", "partialPersonIds", "missing", "version"])),
        ("DutyShiftInput", object([
            "starts": clock, "ends": clock,
            "needed": ["type": "integer", "minimum": .int(DutyService.neededRange.lowerBound), "maximum": .int(DutyService.neededRange.upperBound)],
        ], required: ["starts", "ends", "needed"])),
        ("DutyAssignment", object([
            "id": integer, "postId": integer, "postName": string, "personId": integer, "personName": string, "employeeNumber": string,
            "unitName": string, "starts": clock, "ends": clock, "note": string, "version": integer,
        ], required: ["id", "postId", "postName", "personId", "personName", "starts", "ends", "version"])),
        ("DutyAssignmentInput", object([
            "postId": integer, "shiftId": ["type": "integer", "description": "The post and the times come from the shift; `starts`/`ends` may narrow them"],
            "personId": integer, "employeeNumber": string, "starts": clock, "ends": clock,
            "note": ["type": "string", "maxLength": .int(DutyAssignmentService.maxNoteLength)],
        ], required: [])),
        ("DutyFillInput", object([
            "unitId": ["type": "integer", "description": "The active employees of this unit and the units under it, by employee number"],
            "employeeNumbers": ["type": "array", "items": string, "description": "People by employee number, in the order given"],
            "includeAthletes": ["type": "boolean", "description": "Athletes entered in the program stay out of the pool unless true"],
            "postId": ["type": "integer", "description": "Fill only this post's shifts"],
        ], required: [])),
        ("DutyFill", object(["added": array("DutyAssignment"), "unfilled": array("DutyShift"), "poolSize": integer],
                            required: ["added", "unfilled", "poolSize"])),
        ("RunOfShow", object([
            "programId": integer, "startsAt": clock, "endsAt": clock, "version": integer, "segments": array("RunOfShowSegment"),
        ], required: ["programId", "startsAt", "endsAt", "version", "segments"])),
        ("RunOfShowSegment", object([
            "id": integer, "position": integer, "kind": showKind, "title": string, "duration": integer, "minutes": integer, "performer": string,
            "formations": strings, "secondsPerFormation": integer, "startsAt": clock, "endsAt": clock,
            "cues": ["type": "array", "items": object(["formation": string, "at": ["type": "string", "description": "`HH:mm:ss`"]], required: ["formation", "at"])],
            "version": integer,
        ], required: ["id", "position", "kind", "title", "duration", "minutes", "formations", "secondsPerFormation", "startsAt", "endsAt", "cues", "version"])),
        ("RunOfShowStartInput", object(["startsAt": clock, "version": integer], required: ["startsAt", "version"])),
        ("RunOfShowSegmentInput", object([
            "kind": showKind, "title": ["type": "string", "maxLength": .int(RunOfShowSegment.maxTitleLength)],
            "duration": ["type": "integer", "minimum": .int(RunOfShowSegment.durationRange.lowerBound), "maximum": .int(RunOfShowSegment.durationRange.upperBound)],
            "performer": ["type": "string", "maxLength": .int(RunOfShowSegment.maxPerformerLength)],
            "formations": ["type": "array", "items": ["type": "string", "maxLength": .int(RunOfShowService.maxFormationLength)],
                           "maxItems": .int(RunOfShowService.maxFormations)],
            "secondsPerFormation": ["type": "integer", "minimum": .int(RunOfShowSegment.secondsPerFormationRange.lowerBound),
                                    "maximum": .int(RunOfShowSegment.secondsPerFormationRange.upperBound)],
            "position": ["type": "integer", "minimum": 1],
            "fromTeams": object([
                "teamIds": ["type": "array", "items": integer, "description": "Teams in marching order; default every team by name"],
                "nationalFlag": ["type": "string", "description": "Name of the national flag formation; `\"\"` leaves it out"],
                "groupFlag": ["type": "string", "description": "Name of the group flag formation; `\"\"` leaves it out"],
            ], required: []),
            "version": integer,
        ], required: [])),
    ]
}
