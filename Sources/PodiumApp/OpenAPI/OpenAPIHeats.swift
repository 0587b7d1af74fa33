import PodiumCore

/// Heats then a final on the track in the API description.
extension OpenAPIDocument {
    private static let eventParams = [path("slug", string), path("eventId", integer)]

    static let heatPaths: [(String, JSONValue)] = [
        ("/api/v1/programs/{slug}/events/{eventId}/heats", [
            "get": op("getHeats", "A track event's seeded heats with each runner's lane and heat time, and the final with its lanes once made (404 for an event not run on the track)",
                      auth: false, params: eventParams, responses: [("200", ref("Heats"))]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}/heats/{heat}", [
            "put": op("recordHeatTimes", "Enter or correct one heat's times (official of the program or organizer). Every unreadable row is reported (field `entry.<id>`) and nothing is saved; a row with neither status nor time clears the stored one. Once the final is made, a correction that would change who runs in it is refused with 409.",
                      params: eventParams + [path("heat", integer)], body: "HeatTimesInput", responses: [("200", ref("Heats")), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}/final", [
            "put": op("makeFinal", "Make or remake the final from the heat times (organizer): the first `byPlace` of each heat (Q) and the `byTime` fastest others (q), lanes by the track's lane order (without `lanes`, the saved track's lanes and order). A tie for the last place needs `picks` or `drawLots`. Refused with 409 once the event has results.",
                      params: eventParams, body: "FinalInput", responses: [("200", ref("Heats")), ("409", ref("Problem"))]),
            "delete": op("withdrawFinal", "Withdraw the final (organizer), with the version read; refused once the event has results",
                         params: eventParams + [query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
    ]

    static let heatSchemas: [(String, JSONValue)] = [
        ("HeatTimesInput", object([
            "times": ["type": "array", "items": object([
                "entryId": integer, "status": enumeration(ResultStatus.allCases.map(\.rawValue)),
                "mark": ["type": "string", "description": "Time as `12.34` or `1:02.5`"], "version": integer,
            ], required: ["entryId"])],
        ], required: ["times"])),
        ("FinalInput", object([
            "byPlace": integer, "byTime": integer, "lanes": integer,
            "laneOrder": ["type": "string", "description": "Lanes best first, e.g. `4 5 3 6 2 7 1 8`; empty for the standard order"],
            "picks": ["type": "array", "items": integer], "drawLots": boolean, "version": integer,
        ], required: ["byPlace", "byTime"])),
        ("Heats", object([
            "eventId": integer,
            "heats": ["type": "array", "items": object([
                "number": integer,
                "runners": ["type": "array", "items": object([
                    "entryId": integer, "lane": integer, "label": string, "status": enumeration(ResultStatus.allCases.map(\.rawValue)),
                    "mark": integer, "display": string, "version": integer,
                ], required: ["entryId", "lane", "label", "display"])],
            ], required: ["number", "runners"])],
            "final": object([
                "byPlace": integer, "byTime": integer, "version": integer,
                "finalists": ["type": "array", "items": object([
                    "lane": integer, "entryId": integer, "label": string, "reason": enumeration(QualificationReason.allCases.map(\.rawValue)), "heatTime": string,
                ], required: ["lane", "entryId", "label", "reason", "heatTime"])],
            ], required: ["byPlace", "byTime", "finalists", "version"]),
            "hasResults": boolean,
        ], required: ["eventId", "heats", "hasResults"])),
    ]
}
