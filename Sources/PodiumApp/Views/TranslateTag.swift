import Leaf
import LeafKit
import PodiumCore
import Vapor

/// `#t("key")` in templates: the string in the request's language.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t needs a string key"))
        }
        guard let request = ctx.request else { return .string(key) }
        return .string(request.t(key))
    }
}
