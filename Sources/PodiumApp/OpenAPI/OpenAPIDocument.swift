import PodiumCore

/// The API's OpenAPI 3.1 description. A test checks that every registered /api/v1 route is in it.
enum OpenAPIDocument {
    static let document: JSONValue = [
        "openapi": "3.1.0",
        "info": [
            "title": "Podium API",
            "version": "1.0.0",
            "description": "Programs, organization, people and news of Podium. Machines authenticate with `Authorization: Bearer <token>`; errors are `application/problem+json` (RFC 9457).",
        ],
        "servers": [["url": "/"]],
        "paths": .object(paths + relayPaths + ceremonyPaths + recognitionPaths + drawPaths + heatPaths + timetablePaths + staffPaths + newsPaths + programMediaPaths),
        "components": [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": .object(schemas + relaySchemas + ceremonySchemas + recognitionSchemas + drawSchemas + heatSchemas + timetableSchemas + staffSchemas + newsSchemas + programMediaSchemas),
        ],
    ]

    // MARK: Paths

    private static let paths: [(String, JSONValue)] = [
        ("/healthz", ["get": op("health", "Database health", auth: false, responses: [("200", ref("Health")), ("503", ref("Health"))])]),
        ("/api/v1/programs", [
            "get": op("listPrograms", "List programs (drafts only for organizers)", auth: false, responses: [("200", array("Program"))]),
            "post": op("createProgram", "Create a program (organizer)", body: "ProgramInput", responses: [("201", ref("Program"))]),
        ]),
        ("/api/v1/programs/{slug}", [
            "get": op("getProgram", "One program", auth: false, params: [path("slug", string)], responses: [("200", ref("Program"))]),
            "put": op("updateProgram", "Replace a program's fields (organizer)", params: [path("slug", string)], body: "ProgramInput",
                      responses: [("200", ref("Program"))]),
        ]),
        ("/api/v1/programs/{slug}/status", [
            "post": op("changeProgramStatus", "Move a program one step in its lifecycle (organizer)", params: [path("slug", string)],
                       body: "StatusChange", responses: [("200", ref("Program"))]),
        ]),
        ("/api/v1/programs/{slug}/teams", [
            "get": op("listTeams", "Teams of a games program", auth: false, params: [path("slug", string)], responses: [("200", array("Team"))]),
            "post": op("createTeam", "Field a unit's team (organizer)", params: [path("slug", string)], body: "TeamInput", responses: [("201", ref("Team"))]),
        ]),
        ("/api/v1/programs/{slug}/events", [
            "get": op("listEvents", "Events of a games program", auth: false, params: [path("slug", string)], responses: [("200", array("Event"))]),
            "post": op("createEvent", "Add an event from a template or from scratch (organizer)", params: [path("slug", string)], body: "EventInput",
                       responses: [("201", ref("Event"))]),
        ]),
        ("/api/v1/programs/{slug}/entries", [
            "get": op("listEntries", "Entries (organizers: all; team leaders: their own team's)", params: [path("slug", string)],
                      responses: [("200", array("Entry"))]),
            "post": op("createEntry", "Enter athletes, checked against every entry rule (team leader of the team, or organizer with overrides)",
                       params: [path("slug", string)], body: "EntryInput", responses: [("201", ref("Entry"))]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}", [
            "put": op("updateEvent", "Change an event (organizer). Omitted fields keep their value, except ageMin, ageMax, childAgeMin, childAgeMax, teamQuota and deadline, which are removed when omitted. Returns the entries its new rules flag.",
                      params: [path("slug", string), path("eventId", integer)], body: "EventInput", responses: [("200", ref("EventUpdate"))]),
            "delete": op("deleteEvent", "Remove an event nobody has entered (organizer)", params: [path("slug", string), path("eventId", integer)],
                         responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/entries/{entryId}", [
            "delete": op("deleteEntry", "Withdraw an entry without a result (the team's leader while entries are open, or organizer)",
                         params: [path("slug", string), path("entryId", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/entries/flagged", [
            "get": op("listFlaggedEntries", "Entries that break a rule as the rules stand now, each problem in words (organizers: all; team leaders: their own)",
                      params: [path("slug", string)], responses: [("200", array("FlaggedEntry"))]),
        ]),
        ("/api/v1/programs/{slug}/scoring", [
            "get": op("getScoring", "Points tables per kind of event, tie policy, group award prizes and the per-person event limit", auth: false,
                      params: [path("slug", string)], responses: [("200", ref("Scoring"))]),
            "put": op("updateScoring", "Change the scoring (organizer); version 0 while the standard settings apply", params: [path("slug", string)],
                      body: "ScoringInput", responses: [("200", ref("Scoring"))]),
        ]),
        ("/api/v1/programs/{slug}/entries.csv", [
            "get": op("exportEntries", "Entries as CSV (organizers: all; team leaders: their own team's)", params: [path("slug", string)],
                      responses: [("200", csv)]),
        ]),
        ("/api/v1/programs/{slug}/results.csv", [
            "get": op("exportResults", "Every event's ranking as CSV", auth: false, params: [path("slug", string)], responses: [("200", csv)]),
        ]),
        ("/api/v1/programs/{slug}/standings.csv", [
            "get": op("exportStandings", "The group ranking as CSV", auth: false, params: [path("slug", string)], responses: [("200", csv)]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}/results", [
            "get": op("listResults", "An event's ranking with points and awards", auth: false, params: [path("slug", string), path("eventId", integer)],
                      responses: [("200", array("RankedResult"))]),
            "post": op("recordResult", "Record or correct a result (official of the program, or organizer)",
                       params: [path("slug", string), path("eventId", integer)], body: "ResultInput", responses: [("200", ref("Result"))]),
        ]),
        ("/api/v1/programs/{slug}/standings", [
            "get": op("standings", "The group ranking of teams", auth: false, params: [path("slug", string)], responses: [("200", array("Standing"))]),
        ]),
        ("/api/v1/programs/{slug}/awards", [
            "get": op("awards", "Award counts by kind, awardees per event, medal table and group award prizes", auth: false,
                      params: [path("slug", string)], responses: [("200", ref("Awards"))]),
        ]),
        ("/api/v1/event-templates", [
            "get": op("listEventTemplates", "Ready-made events, named in the caller's language", auth: false, responses: [("200", array("EventTemplate"))]),
        ]),
        ("/api/v1/units", [
            "get": op("listUnits", "The unit tree, flattened", responses: [("200", array("Unit"))]),
            "post": op("createUnit", "Create a unit (organizer)", body: "UnitInput", responses: [("201", ref("Unit"))]),
        ]),
        ("/api/v1/units/{id}", [
            "get": op("getUnit", "One unit", params: [path("id", integer)], responses: [("200", ref("Unit"))]),
            "put": op("updateUnit", "Rename or move a unit (organizer)", params: [path("id", integer)], body: "UnitInput", responses: [("200", ref("Unit"))]),
        ]),
        ("/api/v1/units/{id}/people", [
            "get": op("listUnitPeople", "People of a unit and the units below it (organizer, or the unit's team leader)",
                      params: [path("id", integer)] + peopleQuery.filter { $0["name"].map { if case .string("unit") = $0 { return false }; return true } ?? true },
                      responses: [("200", ref("PersonPage"))]),
        ]),
        ("/api/v1/people", [
            "get": op("searchPeople", "Search people by name or employee number", params: peopleQuery, responses: [("200", ref("PersonPage"))]),
            "post": op("createPerson", "Create a person (organizer)", body: "PersonInput", responses: [("201", ref("Person"))]),
        ]),
        ("/api/v1/people/{id}", [
            "get": op("getPerson", "One person", params: [path("id", integer)], responses: [("200", ref("Person"))]),
            "put": op("updatePerson", "Replace a person's fields (organizer)", params: [path("id", integer)], body: "PersonInput", responses: [("200", ref("Person"))]),
        ]),
        ("/api/v1/people/import", [
            "post": op("importRoster", "Import a roster CSV (organizer). Rows are upserted by employee number; rejected rows are listed. An optional hire date column (hire date, start date, 入职日期…) sets hire dates; an empty cell keeps the recorded one.",
                       params: [query("filename", string)], rawBody: "text/csv", responses: [("200", ref("ImportReport"))]),
        ]),
        ("/api/v1/me", ["get": op("me", "Who the credentials belong to", responses: [("200", ref("Me"))])]),
        ("/api/v1/users", [
            "get": op("listUsers", "Users and their roles (administrator)", responses: [("200", array("User"))]),
            "post": op("createUser", "Create a user (administrator)", body: "UserInput", responses: [("201", ref("User"))]),
        ]),
        ("/api/v1/users/{id}", [
            "get": op("getUser", "One user (administrator)", params: [path("id", integer)], responses: [("200", ref("User"))]),
            "put": op("updateUser", "Replace a user's fields and roles (administrator)", params: [path("id", integer)], body: "UserInput",
                      responses: [("200", ref("User"))]),
        ]),
        ("/api/v1/tokens", [
            "get": op("listTokens", "API tokens, without their secrets (administrator)", responses: [("200", array("Token"))]),
            "post": op("createToken", "Create an API token; the secret is in this response only (administrator)", body: "TokenInput",
                       responses: [("201", ref("CreatedToken"))]),
        ]),
        ("/api/v1/tokens/{id}/revoke", [
            "post": op("revokeToken", "Revoke an API token (administrator)", params: [path("id", integer)], responses: [("200", ref("Token"))]),
        ]),
        ("/api/v1/audit", [
            "get": op("listAudit", "The audit log, newest first (administrator)", params: [
                query("entity", string), query("entityId", string), query("action", string), query("actor", string),
                query("from", date), query("to", date), query("page", ["type": "integer", "minimum": 1]),
                query("perPage", ["type": "integer", "minimum": 1, "maximum": 200]),
            ], responses: [("200", ref("AuditPage"))]),
        ]),
    ]

    private static let peopleQuery: [JSONValue] = [
        query("q", string), query("unit", integer),
        query("kind", enumeration(PersonKind.allCases.map(\.rawValue))),
        query("status", enumeration(EmployeeStatus.allCases.map(\.rawValue))),
        query("page", ["type": "integer", "minimum": 1]),
        query("perPage", ["type": "integer", "minimum": 1, "maximum": 500]),
    ]

    // MARK: Schemas

    private static let schemas: [(String, JSONValue)] = [
        ("Health", object(["status": string], required: ["status"])),
        ("Problem", object([
            "type": string, "title": string, "status": integer, "detail": string, "code": string,
            "errors": ["type": "array", "items": ref("FieldError")],
        ], required: ["type", "title", "status", "code"])),
        ("FieldError", object(["field": string, "code": string, "message": string], required: ["field", "code", "message"])),
        ("Program", object([
            "id": integer, "kind": enumeration(ProgramKind.allCases.map(\.rawValue)), "slug": string, "edition": integer, "name": string,
            "theme": string, "startDate": date, "endDate": date, "venue": string, "timeZone": string,
            "status": enumeration(ProgramStatus.allCases.map(\.rawValue)), "version": integer, "url": string,
        ], required: ["id", "kind", "slug", "name", "theme", "startDate", "venue", "timeZone", "status", "version", "url"])),
        ("ProgramInput", object([
            "kind": enumeration(ProgramKind.allCases.map(\.rawValue)), "slug": string, "edition": integer, "name": string, "theme": string,
            "startDate": date, "endDate": date, "venue": string, "timeZone": string, "version": integer,
        ], required: ["kind", "slug", "name"])),
        ("StatusChange", object(["status": enumeration(ProgramStatus.allCases.map(\.rawValue)), "version": integer], required: ["status", "version"])),
        ("Unit", object([
            "id": integer, "parentId": integer, "name": string, "kind": enumeration(UnitKind.allCases.map(\.rawValue)), "code": string,
            "path": ["type": "array", "items": string], "version": integer,
        ], required: ["id", "name", "kind", "path", "version"])),
        ("UnitInput", object([
            "parentId": integer, "name": string, "kind": enumeration(UnitKind.allCases.map(\.rawValue)), "code": string, "version": integer,
        ], required: ["name", "kind"])),
        ("Person", object([
            "id": integer, "kind": enumeration(PersonKind.allCases.map(\.rawValue)), "employeeNumber": string, "name": string,
            "gender": enumeration(Gender.allCases.map(\.rawValue)), "birthDate": date, "unitId": integer,
            "unitPath": ["type": "array", "items": string], "status": enumeration(EmployeeStatus.allCases.map(\.rawValue)),
            "guardianId": integer, "hireDate": date, "version": integer,
        ], required: ["id", "kind", "name", "unitPath", "status", "version"])),
        ("PersonInput", object([
            "kind": enumeration(PersonKind.allCases.map(\.rawValue)), "employeeNumber": string, "name": string,
            "gender": enumeration(Gender.allCases.map(\.rawValue)), "birthDate": date, "unitId": integer,
            "status": enumeration(EmployeeStatus.allCases.map(\.rawValue)), "guardianId": integer,
            "hireDate": ["type": "string", "format": "date", "description": "The day the person joined; not in the future, not before 1950 or the birth date"],
            "version": integer,
        ], required: ["kind", "name"])),
        ("PersonPage", page("Person")),
        ("ImportReport", object([
            "imported": integer, "updated": integer, "unchanged": integer, "rejected": integer, "unitsCreated": integer,
            "ignoredColumns": ["type": "array", "items": string],
            "rejections": ["type": "array", "items": object(["line": integer, "reasons": ["type": "array", "items": string]], required: ["line", "reasons"])],
        ], required: ["imported", "updated", "unchanged", "rejected", "unitsCreated", "ignoredColumns", "rejections"])),
        ("Grant", object([
            "role": enumeration(Role.allCases.map(\.rawValue)), "unitId": integer, "programId": integer,
        ], required: ["role"])),
        ("Me", object(["kind": string, "id": integer, "name": string, "grants": ["type": "array", "items": ref("Grant")]],
                      required: ["kind", "name", "grants"])),
        ("User", object([
            "id": integer, "email": string, "displayName": string, "language": enumeration(Language.allCases.map(\.rawValue)),
            "isActive": boolean, "grants": ["type": "array", "items": ref("Grant")], "personId": integer,
        ], required: ["id", "email", "displayName", "isActive", "grants"])),
        ("UserInput", object([
            "email": string, "displayName": string, "password": string, "isActive": boolean, "grants": ["type": "array", "items": ref("Grant")],
            "personId": integer, "employeeNumber": string,
        ], required: ["email", "displayName", "grants"])),
        ("Token", object([
            "id": integer, "name": string, "prefix": string, "role": enumeration(Role.allCases.map(\.rawValue)), "unitId": integer,
            "programId": integer, "createdAt": dateTime, "lastUsedAt": dateTime, "revokedAt": dateTime,
        ], required: ["id", "name", "prefix", "role"])),
        ("TokenInput", object([
            "name": string, "role": enumeration(Role.allCases.map(\.rawValue)), "unitId": integer, "programId": integer,
        ], required: ["name", "role"])),
        ("CreatedToken", object(["token": string, "info": ref("Token")], required: ["token", "info"])),
        ("AuditEntry", object([
            "id": integer, "at": dateTime, "actorKind": string, "actorId": integer, "actorName": string, "action": string,
            "entityType": string, "entityId": string, "summary": string, "before": string, "after": string, "reason": string,
        ], required: ["id", "at", "actorKind", "actorName", "action", "entityType", "entityId", "summary"])),
        ("AuditPage", page("AuditEntry")),
        ("Team", object(["id": integer, "programId": integer, "unitId": integer, "name": string, "version": integer],
                        required: ["id", "programId", "unitId", "name", "version"])),
        ("TeamInput", object(["unitId": integer, "name": string], required: ["unitId"])),
        ("Event", objectPairs(eventProperties(input: false), required: ["id", "programId", "name", "category", "format", "gender", "attempts", "lineUpMin",
                                                                   "lineUpMax", "minimumWomen", "parentChild", "countsTowardLimit", "eventDate",
                                                                   "venue", "awardKind", "awardTopN", "version"])),
        ("EventInput", objectPairs(eventProperties(input: true), required: [])),
        ("EntryInput", object([
            "eventId": integer, "teamId": integer, "personIds": ["type": "array", "items": integer],
            "override": object(["rules": ["type": "array", "items": enumeration(EntryRule.allCases.map(\.rawValue))], "reason": string],
                               required: ["rules", "reason"]),
        ], required: ["eventId", "teamId", "personIds"])),
        ("Entry", object([
            "id": integer, "eventId": integer, "teamId": integer, "personIds": ["type": "array", "items": integer],
            "overriddenRules": ["type": "array", "items": enumeration(EntryRule.allCases.map(\.rawValue))], "overrideReason": string, "version": integer,
        ], required: ["id", "eventId", "teamId", "personIds", "overriddenRules", "version"])),
        ("ResultInput", object([
            "entryId": integer, "status": enumeration(ResultStatus.allCases.map(\.rawValue)), "mark": string,
            "attempts": ["type": "array", "items": string], "official": boolean, "version": integer,
        ], required: ["entryId"])),
        ("Result", object([
            "entryId": integer, "status": enumeration(ResultStatus.allCases.map(\.rawValue)), "mark": integer, "display": string,
            "attempts": ["type": "array", "items": integer], "official": boolean, "version": integer,
        ], required: ["entryId", "status", "display", "attempts", "official", "version"])),
        ("RankedResult", object([
            "entryId": integer, "teamId": integer, "teamName": string, "names": ["type": "array", "items": string], "place": integer,
            "tied": boolean, "status": enumeration(ResultStatus.allCases.map(\.rawValue)), "mark": string, "points": string,
            "award": boolean, "official": boolean,
            "round": enumeration(RaceRound.allCases.map(\.rawValue)),
        ], required: ["entryId", "teamId", "teamName", "names", "tied", "mark", "points", "award", "official"])),
        ("Standing", object([
            "teamId": integer, "teamName": string, "rank": integer, "tied": boolean, "points": string,
            "placeCounts": ["type": "array", "items": integer], "prize": integer,
        ], required: ["teamId", "teamName", "rank", "tied", "points", "placeCounts"])),
        ("Awards", object([
            "individual": integer, "collective": integer, "parentChild": integer,
            "prizes": ["type": "array", "items": object(["teamId": integer, "teamName": string, "prize": integer], required: ["teamId", "teamName", "prize"])],
            "medals": ["type": "array", "items": object(["teamId": integer, "teamName": string, "rank": integer, "gold": integer, "silver": integer,
                                                         "bronze": integer, "total": integer],
                                                        required: ["teamId", "teamName", "rank", "gold", "silver", "bronze", "total"])],
            "events": ["type": "array", "items": object([
                "eventId": integer, "name": string, "kind": enumeration(AwardKind.allCases.map(\.rawValue)),
                "awardees": ["type": "array", "items": object(["place": integer, "names": ["type": "array", "items": string], "teamName": string],
                                                              required: ["place", "names", "teamName"])],
            ], required: ["eventId", "name", "kind", "awardees"])],
        ], required: ["individual", "collective", "parentChild", "prizes", "medals", "events"])),
        ("FlaggedEntry", object([
            "entryId": integer, "eventId": integer, "teamId": integer, "names": ["type": "array", "items": string],
            "problems": ["type": "array", "items": object(["rule": enumeration(EntryRule.allCases.map(\.rawValue)), "message": string],
                                                          required: ["rule", "message"])],
        ], required: ["entryId", "eventId", "teamId", "names", "problems"])),
        ("EventUpdate", object(["event": ref("Event"), "entriesBreakingRules": array("FlaggedEntry")], required: ["event", "entriesBreakingRules"])),
        ("Scoring", object([
            "individualPoints": string, "collectivePoints": string, "parentChildPoints": string,
            "tiePolicy": enumeration(TiePointsPolicy.allCases.map(\.rawValue)), "prizes": integer, "personEventLimit": integer, "version": integer,
        ], required: ["individualPoints", "collectivePoints", "parentChildPoints", "tiePolicy", "prizes", "version"])),
        ("ScoringInput", object([
            "individualPoints": string, "collectivePoints": string, "parentChildPoints": string,
            "tiePolicy": enumeration(TiePointsPolicy.allCases.map(\.rawValue)), "prizes": integer, "personEventLimit": integer, "version": integer,
        ], required: ["version"])),
        ("EventTemplate", object([
            "id": string, "name": string, "category": enumeration(EventCategory.allCases.map(\.rawValue)),
            "format": enumeration(EventFormat.allCases.map(\.rawValue)), "gender": enumeration(EventGender.allCases.map(\.rawValue)),
            "lineUpMin": integer, "lineUpMax": integer, "awardKind": enumeration(AwardKind.allCases.map(\.rawValue)),
        ], required: ["id", "name", "category", "format", "gender", "lineUpMin", "lineUpMax", "awardKind"])),
    ]

    private static func eventProperties(input: Bool) -> [(String, JSONValue)] {
        let all: [(String, JSONValue)] = [
            ("id", integer), ("programId", integer), ("templateId", string), ("name", string),
            ("category", enumeration(EventCategory.allCases.map(\.rawValue))), ("format", enumeration(EventFormat.allCases.map(\.rawValue))),
            ("gender", enumeration(EventGender.allCases.map(\.rawValue))), ("ageMin", integer), ("ageMax", integer), ("attempts", integer),
            ("lineUpMin", integer), ("lineUpMax", integer), ("minimumWomen", integer), ("parentChild", boolean), ("childAgeMin", integer),
            ("childAgeMax", integer), ("teamQuota", integer), ("countsTowardLimit", boolean), ("deadline", dateTime), ("eventDate", date),
            ("venue", string), ("awardKind", enumeration(AwardKind.allCases.map(\.rawValue))), ("awardTopN", integer), ("version", integer),
        ]
        let skipped: Set<String> = input ? ["id", "programId"] : []
        return all.filter { !skipped.contains($0.0) }
    }

    // MARK: Builders

    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let csv: JSONValue = ["type": "string", "contentMediaType": "text/csv"]
    static let noContent: JSONValue = ["type": "null"]

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func array(_ name: String) -> JSONValue { ["type": "array", "items": ref(name)] }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String]) -> JSONValue {
        ["type": "object", "properties": .object(properties.map { ($0.key, $0.value) }), "required": .array(required.map { .string($0) })]
    }

    static func objectPairs(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    static func page(_ item: String) -> JSONValue {
        object(["items": array(item), "total": integer, "page": integer, "perPage": integer], required: ["items", "total", "page", "perPage"])
    }

    static func path(_ name: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": schema]
    }

    static func query(_ name: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema]
    }

    static func problem(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    static func op(_ id: String, _ summary: String, auth: Bool = true, params: [JSONValue] = [], body: String? = nil,
                           rawBody: String? = nil, responses: [(String, JSONValue)]) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary))]
        if !params.isEmpty { pairs.append(("parameters", .array(params))) }
        if let body {
            pairs.append(("requestBody", ["required": true, "content": ["application/json": ["schema": ref(body)]]]))
        } else if let rawBody {
            pairs.append(("requestBody", ["required": true, "content": .object([(rawBody, ["schema": ["type": "string"]] as JSONValue)])]))
        }
        var responseList: [(String, JSONValue)] = responses.map { status, schema in
            if status == "204" { return (status, ["description": "Done; nothing to return"]) }
            if schema["contentMediaType"] != nil { return (status, ["description": "Success", "content": ["text/csv": ["schema": ["type": "string"]]]]) }
            if status == "409" { return (status, problem("Refused while something depends on it")) }
            if !status.hasPrefix("2"), status != "503" { return (status, problem("Refused; see the problem's code and detail")) }
            return (status, ["description": status.hasPrefix("2") ? "Success" : "Unavailable", "content": ["application/json": ["schema": schema]]])
        }
        // Statuses every operation can answer with; an operation's own entry for a status wins.
        func add(_ status: String, _ description: String) {
            if !responseList.contains(where: { $0.0 == status }) { responseList.append((status, problem(description))) }
        }
        let hasInput = body != nil || rawBody != nil || !params.isEmpty
        if hasInput { add("400", "The request could not be read") }
        // Public operations also read a Bearer header when one is sent, and refuse one that is not valid.
        add("401", "No valid credentials")
        if auth { add("403", "Not allowed for these credentials") }
        if params.contains(where: { $0["in"].map { if case .string("path") = $0 { return true }; return false } ?? false }) {
            add("404", "Not found")
        }
        if body != nil || rawBody != nil {
            add("409", "Changed by someone else since it was read")
            add("413", "The body is too large")
            add("415", "Unsupported content type")
            add("422", "Validation failed; see errors")
        } else if hasInput {
            // A version in the query guards a removal the way a body's version guards a change.
            if params.contains(where: { $0["name"].map { if case .string("version") = $0 { return true }; return false } ?? false }) {
                add("409", "Changed by someone else since it was read")
            }
            add("422", "Validation failed; see errors")
        }
        add("503", "The database is busy; nothing was written. Try again after Retry-After")
        pairs.append(("responses", .object(responseList)))
        if auth { pairs.append(("security", [["bearer": []]])) } else { pairs.append(("security", [[:], ["bearer": []]])) }
        return .object(pairs)
    }
}
