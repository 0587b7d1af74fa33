import PodiumCore
import Vapor

/// "Move up" / "Move down" on an ordered list (ceremony agenda, run of show), with the version read.
struct AgendaMoveForm: Content {
    var direction: String?
    var version: Int?

    func move() throws -> AgendaMove {
        guard let move = direction.flatMap(AgendaMove.init(rawValue:)) else {
            throw PodiumError.invalid("direction", "error.field.oneOf", ["value": direction ?? "", "allowed": "up, down"])
        }
        return move
    }
}
