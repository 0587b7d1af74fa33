import PodiumCore

/// The meet-day timetable part of the API description: venues, the day's settings, event plans, the schedule.
extension OpenAPIDocument {
    private static let timetableSlug = path("slug", string)
    private static let timetableBase = "/api/v1/programs/{slug}"
    private static let clock: JSONValue = ["type": "string", "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$|^24:00$",
                                           "description": "A time of day, `HH:mm`, in the program's time zone"]
    private static let venueKind: JSONValue = enumeration(VenueKind.allCases.map(\.rawValue))

    static let timetablePaths: [(String, JSONValue)] = [
        ("\(timetableBase)/venues", [
            "get": op("listVenues", "A games program's venues in order (public once the program is out of draft)", auth: false,
                      params: [timetableSlug], responses: [("200", array("Venue"))]),
            "post": op("createVenue", "Add a venue (organizer); every problem comes back at once, by field", params: [timetableSlug],
                       body: "VenueInput", responses: [("201", ref("Venue"))]),
        ]),
        ("\(timetableBase)/venues/{venueId}", [
            "put": op("updateVenue", "Change a venue (organizer); omitted fields keep their value; a stale version gets 409",
                      params: [timetableSlug, path("venueId", integer)], body: "VenueInput", responses: [("200", ref("Venue")), ("409", ref("Problem"))]),
            "delete": op("deleteVenue", "Remove a venue nothing is placed on (organizer); refused with 409 while the timetable uses it",
                         params: [timetableSlug, path("venueId", integer), query("version", integer)],
                         responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(timetableBase)/timetable/settings", [
            "get": op("getTimetableSettings", "The frame of the meet day (version 0 while the defaults apply)", auth: false, params: [timetableSlug],
                      responses: [("200", ref("TimetableSettings"))]),
            "put": op("updateTimetableSettings", "Change the frame of the day (organizer); a stale version gets 409", params: [timetableSlug],
                      body: "TimetableSettingsInput", responses: [("200", ref("TimetableSettings")), ("409", ref("Problem"))]),
        ]),
        ("\(timetableBase)/timetable/plans", [
            "get": op("listEventPlans", "Every event with where its items run and how long each takes, saved or by default", auth: false,
                      params: [timetableSlug], responses: [("200", array("EventPlan"))]),
        ]),
        ("\(timetableBase)/timetable/plans/{eventId}", [
            "put": op("updateEventPlan", "Change where an event runs and how long each item takes (organizer); `venueId` 0 goes back to the kinds",
                      params: [timetableSlug, path("eventId", integer)], body: "EventPlanInput", responses: [("200", ref("EventPlan")), ("409", ref("Problem"))]),
        ]),
        ("\(timetableBase)/schedule", [
            "get": op("getSchedule", "The timetable by time, the items not on it, and (for organizers) the rules it breaks", auth: false,
                      params: [timetableSlug], responses: [("200", ref("Schedule"))]),
        ]),
        ("\(timetableBase)/schedule/plan", [
            "post": op("planSchedule", "Plan the day (organizer): items placed by hand stay, everything else is placed again; returns the timetable and why items were left out",
                       params: [timetableSlug], responses: [("200", ref("Schedule"))]),
        ]),
        ("\(timetableBase)/schedule/{itemKey}", [
            "put": op("moveScheduleItem", "Put an item on a venue at a time and pin it there (organizer); 422 names every clash, a stale version gets 409",
                      params: [timetableSlug, path("itemKey", string)], body: "ScheduleMoveInput", responses: [("200", ref("ScheduleItem")), ("409", ref("Problem"))]),
        ]),
        ("\(timetableBase)/schedule/{itemKey}/pin", [
            "delete": op("unpinScheduleItem", "Let the next plan move an item placed by hand (organizer)",
                         params: [timetableSlug, path("itemKey", string), query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
    ]

    static let timetableSchemas: [(String, JSONValue)] = [
        ("Venue", object([
            "id": integer, "programId": integer, "name": string, "kind": venueKind, "lanes": integer, "laneOrder": string,
            "opens": clock, "closes": clock, "position": integer, "version": integer,
        ], required: ["id", "programId", "name", "kind", "opens", "closes", "position", "version"])),
        ("VenueInput", object([
            "name": ["type": "string", "maxLength": .int(Venue.maxNameLength)], "kind": venueKind,
            "lanes": ["type": "integer", "minimum": .int(LaneOrder.laneCounts.lowerBound), "maximum": .int(LaneOrder.laneCounts.upperBound)],
            "laneOrder": string, "opens": clock, "closes": clock, "position": integer, "version": integer,
        ], required: [])),
        ("TimetableSettings", object([
            "dayStart": clock, "dayEnd": clock, "slot": integer, "changeover": integer, "roundGap": integer, "version": integer,
        ], required: ["dayStart", "dayEnd", "slot", "changeover", "roundGap", "version"])),
        ("TimetableSettingsInput", object([
            "dayStart": clock, "dayEnd": clock, "slot": ["type": "integer", "minimum": 1, "maximum": 60],
            "changeover": ["type": "integer", "minimum": 0, "maximum": .int(TimetableSettings.maxChangeover)],
            "roundGap": ["type": "integer", "minimum": 0, "maximum": .int(TimetableSettings.maxRoundGap)], "version": integer,
        ], required: ["version"])),
        ("EventPlan", object([
            "eventId": integer, "event": string, "venueKinds": ["type": "array", "items": venueKind], "venueId": integer, "minutes": integer,
            "per": enumeration(["heat", "match", "session"]), "isDefault": boolean, "version": integer,
        ], required: ["eventId", "event", "venueKinds", "minutes", "per", "isDefault", "version"])),
        ("EventPlanInput", object([
            "venueKinds": ["type": "array", "items": venueKind], "venueId": integer,
            "minutes": ["type": "integer", "minimum": 1, "maximum": .int(EventPlan.maxMinutes)], "version": integer,
        ], required: ["version"])),
        ("ScheduleItem", object([
            "key": string, "eventId": integer, "event": string, "label": string, "roundIndex": integer, "venueId": integer, "venue": string,
            "venueKind": venueKind, "start": clock, "end": clock, "pinned": boolean, "version": integer,
        ], required: ["key", "eventId", "event", "label", "roundIndex", "venueId", "venue", "venueKind", "start", "end", "pinned", "version"])),
        ("Schedule", object([
            "items": array("ScheduleItem"),
            "unplaced": ["type": "array", "items": object(["key": string, "eventId": integer, "label": string], required: ["key", "eventId", "label"])],
            "problems": ["type": "array", "items": object(["key": string, "message": string], required: ["key", "message"])],
        ], required: ["items", "unplaced", "problems"])),
        ("ScheduleMoveInput", object(["venueId": integer, "start": clock, "version": integer], required: ["venueId", "start", "version"])),
    ]
}
