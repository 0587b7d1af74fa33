import PodiumCore

/// The relay part of the API description: course, teams, line-ups, reads, corrections, results.
extension OpenAPIDocument {
    private static let slug = path("slug", string)
    private static let base = "/api/v1/programs/{slug}/relay"
    private static let instant: JSONValue = ["oneOf": [["type": "integer"], ["type": "string", "format": "date-time"]],
                                             "description": "Milliseconds since 1970, or an ISO 8601 instant with its offset"]

    static let relayPaths: [(String, JSONValue)] = [
        (base, [
            "get": op("getRelay", "A relay's course, composition rules, timing rules, start and restarts", auth: false, params: [slug],
                      responses: [("200", ref("RelaySettings"))]),
            "put": op("updateRelay", "Change the course and rules (organizer); legs, when sent, replace the course", params: [slug],
                      body: "RelaySettingsInput", responses: [("200", ref("RelaySettings"))]),
        ]),
        ("\(base)/start", [
            "post": op("recordRelayStart", "Record the mass start, or with `point` a restart of the teams still waiting at that exchange (official)",
                       params: [slug], body: "RelayStartInput", responses: [("200", ref("RelaySettings"))]),
        ]),
        ("\(base)/teams", [
            "get": op("listRelayTeams", "Teams with bibs and line-ups", auth: false, params: [slug], responses: [("200", array("RelayTeam"))]),
            "post": op("createRelayTeam", "Enter a team (organizer)", params: [slug], body: "RelayTeamInput", responses: [("201", ref("RelayTeam"))]),
        ]),
        ("\(base)/teams/{teamId}", [
            "delete": op("deleteRelayTeam", "Remove a team before the start (organizer)", params: [slug, path("teamId", integer)],
                         responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("\(base)/teams/{teamId}/line-up", [
            "put": op("setRelayLineUp", "Set the runner of each leg, checked against the composition rules (organizer or the team's leader); after the start a reason is required",
                      params: [slug, path("teamId", integer)], body: "RelayLineUpInput", responses: [("200", ref("RelayTeam"))]),
        ]),
        ("\(base)/teams/{teamId}/status", [
            "put": op("setRelayTeamStatus", "DNS, DNF or DQ with the reason, or back to entered (official)", params: [slug, path("teamId", integer)],
                      body: "RelayTeamStatusInput", responses: [("200", ref("RelayTeam"))]),
        ]),
        ("\(base)/line-up-problems", [
            "get": op("listRelayLineUpProblems", "Line-ups that break a rule as the rules stand now (official)", params: [slug],
                      responses: [("200", array("RelayLineUpProblem"))]),
        ]),
        ("\(base)/reads", [
            "get": op("listReads", "The raw read log with each read's verdict and corrections (official)", params: [slug],
                      responses: [("200", array("TimingRead"))]),
            "post": op("postReads", "Store up to 20,000 reads; a read already stored (same device and read id) is counted and not stored again (official or token)",
                       params: [slug], body: "ReadBatch", responses: [("200", ref("ReadBatchResult"))]),
        ]),
        ("\(base)/reads.csv", [
            "post": op("importReads", "Import a CSV of reads (columns bib, point, time; optional device, read id); importing a file twice stores nothing new (official)",
                       params: [slug, query("device", string)], rawBody: "text/csv", responses: [("200", ref("ReadBatchResult"))]),
        ]),
        ("\(base)/reads/{readId}/corrections", [
            "post": op("correctRead", "Ignore, restore, assign a bib, retime or accept a read, with the reason; the raw read is kept (official)",
                       params: [slug, path("readId", integer)], body: "TimingCorrectionInput", responses: [("200", ref("TimingRead"))]),
        ]),
        ("\(base)/review", [
            "get": op("relayReviewQueue", "Suspect reads and exchanges passed without a read, each in words (official)", params: [slug],
                      responses: [("200", array("RelayReviewItem"))]),
        ]),
        ("\(base)/results", [
            "get": op("relayResults", "Every team's legs: times, ranks, positions, gaps, pace, projections", auth: false, params: [slug],
                      responses: [("200", ref("RelayResults"))]),
        ]),
        ("\(base)/results.csv", [
            "get": op("exportRelayResults", "The results as CSV, a row per team with its legs", auth: false, params: [slug], responses: [("200", csv)]),
        ]),
    ]

    private static let leg: JSONValue = object(["order": integer, "distanceMeters": integer, "exchangePoint": string],
                                               required: ["order", "distanceMeters", "exchangePoint"])

    static let relaySchemas: [(String, JSONValue)] = [
        ("RelaySettings", object([
            "programId": integer, "legs": ["type": "array", "items": leg], "totalMeters": integer, "teamSize": integer, "minimumWomen": integer,
            "ownOrganizationOnly": boolean, "maximumGuests": integer, "deadTimeSeconds": integer, "minimumPace": string, "start": dateTime,
            "restarts": ["type": "array", "items": object(["point": integer, "at": dateTime], required: ["point", "at"])], "version": integer,
        ], required: ["programId", "legs", "totalMeters", "teamSize", "minimumWomen", "ownOrganizationOnly", "maximumGuests",
                      "deadTimeSeconds", "minimumPace", "restarts", "version"])),
        ("RelaySettingsInput", object([
            "legs": ["type": "array", "items": object(["distance": string, "exchangePoint": string], required: ["distance", "exchangePoint"])],
            "teamSize": integer, "minimumWomen": integer, "ownOrganizationOnly": boolean, "maximumGuests": integer,
            "deadTimeSeconds": integer, "minimumPace": string, "version": integer,
        ], required: ["version"])),
        ("RelayStartInput", object(["point": integer, "at": dateTime], required: [])),
        ("RelayTeam", object([
            "id": integer, "programId": integer, "unitId": integer, "bib": string, "name": string, "teamClass": string,
            "status": enumeration(RelayTeamStatus.allCases.map(\.rawValue)), "statusReason": string,
            "runners": ["type": "array", "items": object([
                "leg": integer, "personId": integer, "name": string, "gender": enumeration(Gender.allCases.map(\.rawValue)), "guest": boolean, "chip": string,
            ], required: ["leg", "personId", "name", "guest"])],
            "overriddenRules": ["type": "array", "items": enumeration(RelayLineUpRule.allCases.map(\.rawValue))], "overrideReason": string,
            "version": integer,
        ], required: ["id", "programId", "unitId", "bib", "name", "teamClass", "status", "runners", "overriddenRules", "version"])),
        ("RelayTeamInput", object(["unitId": integer, "bib": string, "name": string, "teamClass": string], required: ["unitId", "bib"])),
        ("RelayLineUpInput", object([
            "runners": ["type": "array", "items": object(["leg": integer, "personId": integer, "guest": boolean, "chip": string], required: ["leg", "personId"])],
            "version": integer, "reason": string,
            "override": object(["rules": ["type": "array", "items": enumeration(RelayLineUpRule.allCases.map(\.rawValue))], "reason": string],
                               required: ["rules", "reason"]),
        ], required: ["runners", "version"])),
        ("RelayTeamStatusInput", object(["status": enumeration(RelayTeamStatus.allCases.map(\.rawValue)), "reason": string, "version": integer],
                                        required: ["status", "version"])),
        ("RelayLineUpProblem", object(["teamId": integer, "rule": enumeration(RelayLineUpRule.allCases.map(\.rawValue)), "message": string],
                                      required: ["teamId", "rule", "message"])),
        ("ReadBatch", object([
            "reads": ["type": "array", "items": object(["bib": string, "point": integer, "at": instant, "device": string, "readId": string],
                                                       required: ["point", "at", "readId"])],
            "source": enumeration(ReadSource.allCases.map(\.rawValue)),
        ], required: ["reads"])),
        ("ReadBatchResult", object(["stored": integer, "alreadyStored": integer, "revision": integer, "ids": ["type": "array", "items": integer]],
                                   required: ["stored", "alreadyStored", "revision"])),
        ("TimingRead", object([
            "id": integer, "bib": string, "point": integer, "at": integer, "source": enumeration(ReadSource.allCases.map(\.rawValue)),
            "device": string, "readId": string, "receivedAt": dateTime, "recordedBy": string,
            "verdict": enumeration(["counted", "duplicate", "ignored", "suspect"]), "suspectReason": enumeration(SuspectReason.allCases.map(\.rawValue)),
            "corrections": ["type": "array", "items": object([
                "kind": enumeration(ReadCorrectionKind.allCases.map(\.rawValue)), "bib": string, "at": integer, "reason": string, "by": string, "when": dateTime,
            ], required: ["kind", "reason", "by", "when"])],
        ], required: ["id", "point", "at", "source", "device", "readId", "receivedAt", "recordedBy", "verdict", "corrections"])),
        ("TimingCorrectionInput", object(["kind": enumeration(ReadCorrectionKind.allCases.map(\.rawValue)), "bib": string, "at": instant, "reason": string],
                                         required: ["kind", "reason"])),
        ("RelayReviewItem", object([
            "kind": enumeration(["suspect", "missing"]), "readId": integer, "reason": enumeration(SuspectReason.allCases.map(\.rawValue)),
            "teamId": integer, "bib": string, "point": integer, "at": integer, "message": string,
        ], required: ["kind", "point", "message"])),
        ("RelayResults", object([
            "program": string, "totalMeters": integer, "legs": ["type": "array", "items": leg], "start": integer,
            "teams": ["type": "array", "items": object([
                "bib": string, "name": string, "teamClass": string, "status": enumeration(["waiting", "running", "finished", "dns", "dnf", "dq"]),
                "statusReason": string, "place": integer, "totalMs": integer, "gapToWinnerMs": integer, "projectedTotalMs": integer,
                "legs": ["type": "array", "items": object([
                    "leg": integer, "runner": string, "passingAt": integer, "timeMs": integer, "rank": integer, "cumulativeMs": integer,
                    "position": integer, "gapToLeaderMs": integer, "paceMsPerKm": integer, "restarted": boolean, "missingRead": boolean,
                ], required: ["leg", "restarted", "missingRead"])],
            ], required: ["bib", "name", "teamClass", "status", "legs"])],
        ], required: ["program", "totalMeters", "legs", "teams"])),
    ]
}
