import PodiumCore

/// The ceremony part of the API description: a recognition conference's agenda, attendees and check-in.
extension OpenAPIDocument {
    private static let ceremonySlug = path("slug", string)
    private static let ceremonyBase = "/api/v1/programs/{slug}/ceremony"
    private static let time: JSONValue = ["type": "string", "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
                                          "description": "A time of day, `HH:mm`, in the program's time zone"]

    static let ceremonyPaths: [(String, JSONValue)] = [
        ("\(ceremonyBase)/agenda", [
            "get": op("listAgenda", "The conference's running order (public once the program is out of draft; 404 for other kinds of program)",
                      auth: false, params: [ceremonySlug], responses: [("200", array("AgendaItem"))]),
            "post": op("addAgendaItem", "Add an item at the end, or at `position` (organizer)", params: [ceremonySlug], body: "AgendaItemInput",
                       responses: [("201", ref("AgendaItem"))]),
        ]),
        ("\(ceremonyBase)/agenda/{itemId}", [
            "put": op("updateAgendaItem", "Change an item (organizer). Omitted fields keep their value; `\"\"` clears the time or the speaker; `position` moves it and the others close up. A stale version gets 409.",
                      params: [ceremonySlug, path("itemId", integer)], body: "AgendaItemInput", responses: [("200", ref("AgendaItem"))]),
            "delete": op("deleteAgendaItem", "Remove an item; the ones after it move up (organizer). With `version`, a stale delete gets 409.",
                         params: [ceremonySlug, path("itemId", integer), query("version", integer)],
                         responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(ceremonyBase)/attendees", [
            "get": op("listAttendees", "Everyone expected, by group then name, with counts per group (organizer or official of the program)",
                      params: [ceremonySlug, query("q", string)], responses: [("200", ref("AttendeeList"))]),
            "post": op("addAttendee", "Expect someone from the roster (`personId`) or a guest by `name` (organizer); someone already listed gets 422 naming them",
                       params: [ceremonySlug], body: "AttendeeInput", responses: [("201", ref("Attendee"))]),
        ]),
        ("\(ceremonyBase)/attendees/{attendeeId}", [
            "delete": op("removeAttendee", "Take someone off the list (organizer); someone checked in stays until the check-in is undone (409)",
                         params: [ceremonySlug, path("attendeeId", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(ceremonyBase)/attendees/{attendeeId}/check-in", [
            "post": op("checkInAttendee", "Record the arrival, who let them in and when (organizer or official); a second check-in gets 409 with the first one's time and door keeper",
                       params: [ceremonySlug, path("attendeeId", integer)], body: "CheckInInput", responses: [("200", ref("Attendee")), ("409", ref("Problem"))]),
            "delete": op("undoCheckIn", "Take back a check-in made by mistake (organizer or official)",
                         params: [ceremonySlug, path("attendeeId", integer), query("version", integer)],
                         responses: [("200", ref("Attendee")), ("409", ref("Problem"))]),
        ]),
    ]

    private static let attendanceCount: JSONValue = object([
        "group": enumeration(AttendeeGroup.allCases.map(\.rawValue)), "expected": integer, "checkedIn": integer,
    ], required: ["expected", "checkedIn"])

    static let ceremonySchemas: [(String, JSONValue)] = [
        ("AgendaItem", object([
            "id": integer, "programId": integer, "position": integer, "startsAt": time, "kind": enumeration(AgendaItemKind.allCases.map(\.rawValue)),
            "title": string, "speaker": string, "version": integer,
        ], required: ["id", "programId", "position", "kind", "title", "version"])),
        ("AgendaItemInput", object([
            "startsAt": time, "kind": enumeration(AgendaItemKind.allCases.map(\.rawValue)),
            "title": ["type": "string", "maxLength": .int(AgendaItemDraft.maxTitleLength)],
            "speaker": ["type": "string", "maxLength": .int(AgendaItemDraft.maxSpeakerLength)],
            "position": ["type": "integer", "minimum": 1], "version": integer,
        ], required: [])),
        ("Attendee", object([
            "id": integer, "programId": integer, "personId": integer, "employeeNumber": string, "name": string,
            "group": enumeration(AttendeeGroup.allCases.map(\.rawValue)), "unitName": string, "seat": string, "checkedInAt": dateTime,
            "checkedInBy": string, "version": integer,
        ], required: ["id", "programId", "name", "group", "version"])),
        ("AttendeeInput", object([
            "personId": integer, "name": string, "group": enumeration(AttendeeGroup.allCases.map(\.rawValue)), "unitName": string,
            "seat": ["type": "string", "maxLength": .int(AttendeeDraft.maxSeatLength)],
        ], required: ["group"])),
        ("CheckInInput", object(["version": integer], required: [])),
        ("AttendeeList", object(["attendees": array("Attendee"), "counts": ["type": "array", "items": attendanceCount], "total": attendanceCount],
                                required: ["attendees", "counts", "total"])),
    ]
}
