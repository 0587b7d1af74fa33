import PodiumCore

/// Head-to-head draws in the API description: brackets, round robins, groups then knockout, match results.
extension OpenAPIDocument {
    private static let drawParams = [path("slug", string), path("eventId", integer)]
    private static let matchKey = path("key", ["type": "string", "pattern": "^(k[1-9][0-9]*|g[1-9][0-9]*-[1-9][0-9]*)$",
                                               "description": "`k5` for knockout match 5, `g2-7` for match 7 of group 2 (a round robin is group 1)"])

    private static let groupNumber = path("group", ["type": "integer", "minimum": 1, "description": "1 for group A, 2 for group B, …"])

    static let drawPaths: [(String, JSONValue)] = [
        ("/api/v1/programs/{slug}/events/{eventId}/draw", [
            "get": op("getDraw", "A head-to-head event's draw: entrants by seed, every match with its sides or where they come from, group tables with the rule that separated each tie, and the places decided so far (404 before the draw is made)",
                      auth: false, params: drawParams, responses: [("200", ref("Draw"))]),
            "put": op("saveDraw", "Make or remake the draw (organizer). `seeds` lists entries in seed order; the rest follow by lot or in entry order. Refused with 409 once a match has a result; a stale version gets 409.",
                      params: drawParams, body: "DrawInput", responses: [("200", ref("Draw")), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}/draw/groups/{group}/tie", [
            "put": op("decideGroupTie", "Settle a tie left open by every tie-break in a finished group (organizer): `order` names exactly the tied entries, best first, with `method` `lots` (drawn at the venue) or `referee`; `lots` without an order has the app draw the lots. Replaces an earlier decision on the same entries. A wrong set of entries gets 422 naming them; a group still playing, a stale draw version, or a change to the qualifiers once the knockout has a result gets 409.",
                      params: drawParams + [groupNumber], body: "GroupTieInput", responses: [("200", ref("Draw")), ("404", ref("Problem")), ("409", ref("Problem")), ("422", ref("Problem"))]),
            "delete": op("withdrawGroupTie", "Withdraw the decision on a group's tie (organizer), with the draw version read; `rank` picks one tie, otherwise every decision on the group goes. Refused (409) once the knockout has a result if its entrants would change.",
                         params: drawParams + [groupNumber, query("version", integer), query("rank", integer)],
                         responses: [("200", ref("Draw")), ("404", ref("Problem")), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/events/{eventId}/matches/{key}", [
            "put": op("recordMatch", "Enter or correct a match result (official of the program or organizer). A correction that changes the winner is refused (409) while a later match fed by it has a result; a score typo that keeps the winner is fine.",
                      params: drawParams + [matchKey], body: "MatchResultInput", responses: [("200", ref("Match")), ("409", ref("Problem"))]),
            "delete": op("clearMatch", "Clear a match result (official or organizer), with the version read; refused while a later match depends on it",
                         params: drawParams + [matchKey, query("version", integer)], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
    ]

    private static let side = enumeration(MatchSide.allCases.map(\.rawValue))
    private static let ending = enumeration(MatchEnding.allCases.map(\.rawValue))

    static let drawSchemas: [(String, JSONValue)] = [
        ("DrawInput", object([
            "structure": enumeration(DrawStructure.allCases.map(\.rawValue)), "scoring": enumeration(["points", "games"]),
            "bestOf": integer, "gamePoints": integer, "gameCap": integer, "allowDraw": boolean, "thirdPlace": boolean,
            "groupCount": integer, "qualifiersPerGroup": integer, "winPoints": integer, "drawPoints": integer, "lossPoints": integer,
            "tieBreaks": ["type": "array", "items": enumeration(TieBreak.configurable.map(\.rawValue))],
            "seeds": ["type": "array", "items": integer], "seeding": enumeration(["entered", "random"]), "version": integer,
        ], required: ["version"])),
        ("GroupTieInput", object([
            "order": ["type": "array", "items": integer, "description": "The tied entries' ids, best first; omit with method `lots` to have the app draw"],
            "method": enumeration(GroupTieMethod.allCases.map(\.rawValue)),
            "rank": ["type": "integer", "description": "The rank the tied entries share, when the group has more than one open tie"],
            "version": integer,
        ], required: ["method", "version"])),
        ("MatchResultInput", object([
            "score": ["type": "string", "description": "Games as `11-7 9-11 11-5`, or totals as `78-74`"],
            "ending": ending, "winner": side, "official": boolean, "version": integer,
        ], required: [])),
        ("Match", object([
            "key": string, "stage": enumeration(["group", "knockout"]), "group": integer, "number": integer, "round": integer, "roundLabel": string, "thirdPlace": boolean,
            "homeEntryId": integer, "awayEntryId": integer, "home": string, "away": string, "score": string, "ending": ending, "winner": side,
            "official": boolean, "ready": boolean, "version": integer,
        ], required: ["key", "stage", "group", "number", "round", "roundLabel", "thirdPlace", "home", "away", "official", "ready"])),
        ("Draw", object([
            "eventId": integer, "structure": enumeration(DrawStructure.allCases.map(\.rawValue)), "scoring": enumeration(["points", "games"]),
            "bestOf": integer, "gamePoints": integer, "gameCap": integer, "allowDraw": boolean, "thirdPlace": boolean, "groupCount": integer,
            "qualifiersPerGroup": integer, "winPoints": integer, "drawPoints": integer, "lossPoints": integer,
            "tieBreaks": ["type": "array", "items": string],
            "entrants": ["type": "array", "items": object([
                "entryId": integer, "seed": integer, "teamName": string, "names": ["type": "array", "items": string], "label": string,
            ], required: ["entryId", "seed", "teamName", "names", "label"])],
            "groups": ["type": "array", "items": ["type": "array", "items": integer]],
            "matches": array("Match"),
            "tables": ["type": "array", "items": object([
                "group": integer, "name": string,
                "rows": ["type": "array", "items": object([
                    "entryId": integer, "label": string, "rank": integer, "tied": boolean, "played": integer, "wins": integer, "draws": integer,
                    "losses": integer, "gamesFor": integer, "gamesAgainst": integer, "pointsFor": integer, "pointsAgainst": integer,
                    "matchPoints": integer, "separatedBy": enumeration(TieBreak.allCases.map(\.rawValue)),
                ], required: ["entryId", "label", "rank", "tied", "played", "wins", "draws", "losses", "gamesFor", "gamesAgainst",
                              "pointsFor", "pointsAgainst", "matchPoints"])],
            ], required: ["group", "name", "rows"])],
            "places": ["type": "array", "items": object(["entryId": integer, "place": integer, "tied": boolean], required: ["entryId", "place", "tied"])],
            "ties": ["type": "array", "description": "Groups then knockout: entries level on every tie-break in a finished group, open or settled", "items": object([
                "group": integer, "name": string, "rank": integer, "lastRank": integer,
                "entryIds": ["type": "array", "items": integer], "labels": ["type": "array", "items": string],
                "open": boolean, "method": enumeration(GroupTieMethod.allCases.map(\.rawValue)), "atQualifyingLine": boolean,
            ], required: ["group", "name", "rank", "lastRank", "entryIds", "labels", "open", "atQualifyingLine"])],
            "complete": boolean, "version": integer,
        ], required: ["eventId", "structure", "scoring", "bestOf", "gamePoints", "allowDraw", "thirdPlace", "groupCount", "qualifiersPerGroup",
                      "winPoints", "drawPoints", "lossPoints", "tieBreaks", "entrants", "groups", "matches", "tables", "places", "ties", "complete", "version"])),
    ]
}
