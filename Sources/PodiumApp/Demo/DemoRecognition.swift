import Fluent
import Foundation
import PodiumCore

/// The awards of the 2020 annual summary and recognition conference, run through the real services from set-up
/// to the published honor roll: 16 Outstanding Employees, 6 Technological Innovation Models and 6 Market Expansion
/// Models (28 honorees, as on the day), and the Special Encouragement, Innovation and Contribution Awards for the
/// heads of New Materials, Robotics and Steel Structure. Panels of reviewers from the companies and the group
/// office judge the nominations (never their own company's), a tie in Market Expansion goes to the chair, a tie in
/// the Special Contribution Award to a run-off, and an objection during the public notice is dismissed.
/// Every phase runs on a fixed clock in January 2021, so the demo never depends on today's date.
/// Every name is an invented one from the demo roster.
struct DemoRecognition {
    let db: any Database
    let hashing: PasswordHashing
    let actor: Actor

    /// The trade union office, which nominates, approves and publishes.
    static let office = Actor(kind: .system, id: nil, displayName: "Trade Union Office (demo)", grants: [RoleGrant(role: .organizer)])

    static func at(_ text: String) -> PodiumClock {
        let instant = ISO8601DateFormatter().date(from: text)!
        return PodiumClock { instant }
    }

    struct Reviewer {
        let actor: Actor
        let homeUnitID: Int
    }

    func seed(program: ProgramModel, companies: [DemoGames.Company]) async throws {
        let setUp = Self.at("2021-01-04T09:00:00+08:00")
        let tree = try await UnitService(db: db, clock: setUp).tree()
        let groupID = tree.nodes.values.filter { $0.kind == .group && $0.parentID == nil }.map(\.id).min() ?? companies[0].unitID
        let reviewers = try await makeReviewers(program: program, companies: companies, groupID: groupID)
        let (chair, a, b, c, d, e, demo) = (reviewers[0], reviewers[1], reviewers[2], reviewers[3], reviewers[4], reviewers[5], reviewers[6])

        // Set-up: nominations from 4 to 10 January; service counted on the last day of the award year.
        let window = (opens: Self.at("2021-01-04T00:00:00+08:00").now(), closes: Self.at("2021-01-10T18:00:00+08:00").now())
        func category(_ code: String, _ name: String, _ kind: AwardCategoryKind, quota: Int, perUnit: Int? = nil, method: ReviewMethod,
                      pick: Int? = nil, criteria: [RubricCriterion]? = nil, serviceYears: Int? = nil) -> AwardCategoryInput {
            AwardCategoryInput(code: code, name: name, kind: kind, quotaTotal: quota, quotaPerUnit: perUnit, method: method, pickLimit: pick,
                               criteria: criteria, allowedStatuses: [.active], minimumServiceYears: serviceYears,
                               serviceCountedOn: serviceYears == nil ? nil : CalendarDate(year: 2020, month: 12, day: 31),
                               excludePreviousWinners: false, opensAt: window.opens, closesAt: window.closes, version: nil)
        }
        let rubric = [RubricCriterion(name: "Innovation results", weight: 50, maxScore: 10),
                      RubricCriterion(name: "Economic benefit", weight: 30, maxScore: 10),
                      RubricCriterion(name: "Patents and standards", weight: 20, maxScore: 5)]
        let categories: [(AwardCategoryInput, panel: [Reviewer])] = [
            (category("OE", "Outstanding Employee", .individual, quota: 16, perUnit: 3, method: .approval, pick: 16, serviceYears: 1),
             [chair, demo, a, c, e]),
            (category("TI", "Technological Innovation Model", .individual, quota: 6, method: .rubric, criteria: rubric), [chair, a, b, d]),
            (category("ME", "Market Expansion Model", .individual, quota: 6, method: .borda), [chair, c, e]),
            (category("SEA", "Special Encouragement Award", .special, quota: 1, method: .approval, pick: 1), [chair, a, b, d]),
            (category("SIA", "Special Innovation Award", .special, quota: 1, method: .approval, pick: 1), [chair, a, b, d]),
            (category("SCA", "Special Contribution Award", .special, quota: 1, method: .approval, pick: 1), [chair, a, b, d]),
        ]
        let recognition = RecognitionService(db: db, clock: setUp)
        for (input, panel) in categories {
            _ = try await recognition.createCategory(program: program, input, by: Self.office)
            for member in panel {
                _ = try await recognition.addPanelMember(program: program, code: input.code,
                                                         PanelMemberInput(userId: member.actor.id!, homeUnitId: member.homeUnitID,
                                                                          isChair: member.actor.id == chair.actor.id), by: Self.office)
            }
        }

        // Nominations, 6 January. The company heads and the conference's speakers are the ones the agenda names.
        let active = companies.map { $0.employees.filter { $0.status == .active } }
        let heads = (steelStructure: active[1][1], newMaterials: active[2][1], robotics: active[3][1], heavyMachinery: active[4][1])
        let speakers = (innovator: active[4][9], outstanding: active[5][10])
        var taken = Set(active.flatMap { $0.prefix(4).map(\.id) } + [speakers.innovator.id, speakers.outstanding.id])
        func people(_ company: Int, _ count: Int, from start: Int) -> [PersonDTO] {
            let pool = active[company].dropFirst(start).filter { person in
                !taken.contains(person.id) && (person.hireDate ?? CalendarDate(year: 2000, month: 1, day: 1)!) < CalendarDate(year: 2020, month: 1, day: 1)!
            }
            let chosen = Array(pool.prefix(count))
            taken.formUnion(chosen.map(\.id))
            return chosen
        }
        // Best first, as the panels will see them: the speaker for the Outstanding Employees leads, and so on.
        // Three Outstanding Employee nominations per company (the quota), taken in turn from each company.
        let perCompany = (0..<companies.count).map { people($0, $0 == 5 ? 2 : 3, from: 6) }
        let outstanding = [speakers.outstanding] + (0..<3).flatMap { turn in perCompany.compactMap { $0.count > turn ? $0[turn] : nil } }
        let innovators = [speakers.innovator] + [1, 3, 0, 5, 4, 2, 6, 3].flatMap { people($0, 1, from: 20) }
        // None from Robotics or Property Services, whose reviewers sit on this panel.
        let marketers = [0, 2, 1, 4, 5, 0, 2].flatMap { people($0, 1, from: 36) }
        try await giveHireDates(outstanding)
        let nominating = NominationService(db: db, clock: Self.at("2021-01-06T10:00:00+08:00"))
        var ids: [String: [Int]] = [:]
        func nominate(_ code: String, _ person: PersonDTO, _ citation: String) async throws {
            let company = companies.first { tree.isWithin(person.unitId ?? 0, ancestorID: $0.unitID) }?.unitID
            let nomination = try await nominating.nominate(program: program, NominationInput(
                category: code, personId: person.id, unitId: nil, teamName: nil, citation: citation, nominatingUnitId: company,
                lateOnPurpose: nil), by: Self.office)
            ids[code, default: []].append(nomination.id)
        }
        for (index, person) in outstanding.enumerated() { try await nominate("OE", person, Self.citation(Self.outstandingDeeds, index)) }
        for (index, person) in innovators.enumerated() { try await nominate("TI", person, Self.citation(Self.innovationDeeds, index)) }
        for (index, person) in marketers.enumerated() { try await nominate("ME", person, Self.citation(Self.marketDeeds, index)) }
        try await nominate("SEA", heads.newMaterials, "带领新材料公司在疫情冲击下逆势增长，全年营业收入同比增长21%，新建两条绿色生产线。")
        try await nominate("SIA", heads.robotics, "推动机器人公司自主研发焊接机器人系列产品，全年新增发明专利9项，智能装备订单翻番。")
        try await nominate("SCA", heads.steelStructure, "带领钢结构机械分公司承接重点工程十余项，全年产值与利润均创历史新高，安全生产零事故。")
        try await nominate("SCA", heads.heavyMachinery, "主持重型机械公司产线智能化改造，全年交付大型设备120台套，客户满意度显著提升。")

        // Review, 12 to 15 January: every panel member through the ballot service, as on their own ballot page.
        let review = ReviewService(db: db, clock: Self.at("2021-01-12T14:00:00+08:00"))
        /// The nominees of the current round this reviewer may judge (not their own company's), best first.
        func judgeable(_ reviewer: Reviewer, _ code: String) async throws -> [Int] {
            let state = try await review.state(try await recognition.category(programID: program.id!, code: code))
            let round = Set(state.candidates(round: state.currentRound))
            let barred = state.barred(for: reviewer.actor.id!)
            return (ids[code] ?? []).filter { round.contains($0) && barred[$0] == nil }
        }
        func cast(_ reviewer: Reviewer, _ code: String, picks: [Int]? = nil, ranking: [Int]? = nil, scores: [String: [Int]]? = nil,
                  using service: ReviewService? = nil) async throws {
            _ = try await (service ?? review).cast(program: program, code: code, BallotInput(round: nil, picks: picks, ranking: ranking, scores: scores,
                                                                                            version: nil), by: reviewer.actor)
        }
        // Outstanding Employee: each reviewer approves the best of those they may judge, a few more or fewer each.
        for (index, reviewer) in [chair, demo, a, c, e].enumerated() {
            var view = try await judgeable(reviewer, "OE")
            // Reviewers differ on a few neighbours in the order.
            for swap in stride(from: 2 + index, to: view.count - 1, by: 3) { view.swapAt(swap, swap + 1) }
            try await cast(reviewer, "OE", picks: Array(view.prefix([16, 12, 14, 11, 15][index])))
        }
        // Technological Innovation Model: the rubric, scores falling with the order of merit.
        for (index, reviewer) in [chair, a, b, d].enumerated() {
            var scores: [String: [Int]] = [:]
            for id in try await judgeable(reviewer, "TI") {
                let rank = ids["TI"]!.firstIndex(of: id)!
                scores["\(id)"] = [min(10, max(3, 10 - rank - (index + rank) % 2)), min(10, max(2, 9 - rank + (index == 2 ? 1 : 0))), max(1, 5 - rank / 2)]
            }
            try await cast(reviewer, "TI", scores: scores)
        }
        // Market Expansion Model: rankings that leave the sixth and seventh nominees level on Borda points.
        let me = ids["ME"]!
        for (reviewer, order) in [(chair, [0, 1, 2, 4, 3, 5, 6]), (c, [1, 0, 2, 3, 6, 4, 5]), (e, [0, 2, 1, 3, 5, 6, 4])] {
            try await cast(reviewer, "ME", ranking: order.map { me[$0] })
        }
        // The special awards: the leaders' panel approves one each; the Special Contribution Award is split two against two.
        for reviewer in [chair, a, b, d] {
            for code in ["SEA", "SIA"] {
                let open = try await judgeable(reviewer, code)
                if !open.isEmpty { try await cast(reviewer, code, picks: open) }
            }
        }
        // Steel Structure's head against Heavy Machinery's: the reviewers from those two companies may not judge their own.
        let sca = ids["SCA"]!
        for (reviewer, pick) in [(chair, sca[0]), (a, sca[1]), (b, sca[1]), (d, sca[0])] {
            if try await judgeable(reviewer, "SCA").contains(pick) { try await cast(reviewer, "SCA", picks: [pick]) }
        }

        // Ties, 15 January: the SCA run-off (pick one of the two), then whatever is still level goes to the chair.
        let settling = ReviewService(db: db, clock: Self.at("2021-01-15T10:00:00+08:00"))
        let runOff = try await settling.startRunOff(program: program, code: "SCA", by: chair.actor)
        if let round = runOff.rounds.last {
            for reviewer in [chair, a, b, d] {
                let open = Set(try await judgeable(reviewer, "SCA")).intersection(round.candidates)
                let choice = open.contains(sca[0]) ? sca[0] : open.first
                if let choice { try await cast(reviewer, "SCA", picks: [choice], using: settling) }
            }
        }
        let chairing = ReviewService(db: db, clock: Self.at("2021-01-15T16:00:00+08:00"))
        for (input, _) in categories {
            for _ in 0..<5 {
                let state = try await chairing.state(try await recognition.category(programID: program.id!, code: input.code))
                guard let tie = state.proposal().pendingTie else { break }
                // The chair keeps the order of merit and says why.
                let order = (ids[input.code] ?? []).filter { tie.candidates.contains($0) }
                _ = try await chairing.recordChairDecision(program: program, code: input.code, ChairDecisionInput(
                    order: order, reason: "积分相同，经评审委员会合议，以2020年度新市场销售额较高者优先。"), by: chair.actor)
            }
        }

        // Approval, 18 January; the public notice from 20 to 27 January; an objection, dismissed with a reason; publication on 28 January.
        let decisions = AwardDecisionService(db: db, clock: Self.at("2021-01-18T15:00:00+08:00"))
        for (input, _) in categories { _ = try await decisions.approve(program: program, code: input.code, by: Self.office) }
        _ = try await AwardDecisionService(db: db, clock: Self.at("2021-01-20T09:00:00+08:00"))
            .startNotice(program: program, NoticeInput(endsAt: Self.at("2021-01-27T18:00:00+08:00").now()), by: Self.office)
        let approved = try await decisions.decisions(programID: program.id!).filter { $0.status == "approved" && $0.category == "OE" }
        let questioned = approved[approved.count / 2]
        let objection = try await AwardDecisionService(db: db, clock: Self.at("2021-01-22T15:30:00+08:00")).object(program: program, ObjectionInput(
            decisionId: questioned.id, name: "一名职工", contact: nil,
            text: "听说\(questioned.nominee)去年有一次违反操作规程的记录，是否还符合优秀员工的评选条件？"))
        _ = try await AwardDecisionService(db: db, clock: Self.at("2021-01-26T10:00:00+08:00")).resolve(
            program: program, objectionID: objection.id,
            ObjectionResolutionInput(outcome: "dismissed",
                                     reason: "经安全环保部核实，该记录发生于2019年且已整改，2020年度无违规记录，符合评选条件。"), by: Self.office)
        _ = try await AwardDecisionService(db: db, clock: Self.at("2021-01-28T10:00:00+08:00")).publish(program: program, by: Self.office)
    }

    /// Six reviewers with invented names and passwords nobody knows, plus the demo reviewer account; each with
    /// the home unit that decides whom they may not judge.
    func makeReviewers(program: ProgramModel, companies: [DemoGames.Company], groupID: Int) async throws -> [Reviewer] {
        let users = UserService(db: db, clock: Self.at("2021-01-04T09:00:00+08:00"), hashing: hashing)
        let grants = [GrantDTO(RoleGrant(role: .reviewer, programID: program.id!))]
        let people: [(String, String, String?, Int)] = [
            // The chair of every panel, from the group's trade union office.
            ("peng.jianguo@demo.podium", "彭建国", nil, groupID),
            ("lu.wentao@demo.podium", "陆文涛", nil, companies[0].unitID),
            ("shao.jingyi@demo.podium", "邵静怡", nil, companies[1].unitID),
            ("wang.xuemei@demo.podium", "汪雪梅", nil, companies[3].unitID),
            ("zou.zhiyuan@demo.podium", "邹志远", nil, companies[4].unitID),
            ("wan.lijuan@demo.podium", "万丽娟", nil, companies[6].unitID),
            // The demo account (password on the login page), on the Outstanding Employee panel for Jinghua Green Energy.
            ("reviewer@demo.podium", "Reviewer (demo)", "demo-reviewer", companies[5].unitID),
        ]
        var reviewers: [Reviewer] = []
        for (email, name, password, home) in people {
            let user = try await users.create(UserInput(email: email, displayName: name, password: password ?? Secrets.token(), isActive: true,
                                                        grants: grants), by: actor)
            reviewers.append(Reviewer(actor: Actor(kind: .user, id: user.id, displayName: user.displayName, grants: user.grants.map(\.grant)),
                                      homeUnitID: home))
        }
        return reviewers
    }

    /// Outstanding Employees need a year of service on 31 December 2020: anyone without a hire date gets one.
    func giveHireDates(_ people: [PersonDTO]) async throws {
        for person in people where person.hireDate == nil {
            guard let model = try await PersonModel.find(person.id, on: db) else { continue }
            model.hireDate = "2012-0\(1 + person.id % 9)-15"
            try await model.save(on: db)
        }
    }

    static func citation(_ deeds: [String], _ index: Int) -> String { deeds[index % deeds.count] }

    static let outstandingDeeds = [
        "扎根生产一线十二年，带领班组全年安全生产零事故，产品一次交检合格率达到99.6%。",
        "疫情期间主动驻厂值守四十余天，保障复工复产物资按时到位，被同事称为“定心丸”。",
        "牵头推行精益生产改善提案37项，全年为车间节约成本120余万元。",
        "负责财务共享中心上线，按期完成全年结账与审计工作，做到零差错。",
        "带教新员工6名，编写岗位操作手册，班组技能考核通过率达到100%。",
        "坚守客户服务岗位，全年处理客户诉求两千余件，满意度保持在98%以上。",
        "主动承担设备大修任务，连续奋战十天提前完成检修，保障旺季生产。",
        "优化仓储物流流程，库存周转天数由45天降至31天，减少资金占用。",
        "在项目现场坚守一线，克服疫情影响按期完成三个重点项目交付。",
        "推行“五常法”现场管理，车间现场管理评比连续四个季度第一。",
        "积极参与社区疫情防控志愿服务，工作中踏实肯干，多次获客户书面表扬。",
        "完成人力资源系统升级，全年组织培训86场，覆盖职工两千余人次。",
    ]
    static let innovationDeeds = [
        "主持研发新型节能复合墙板，获发明专利2项，已在三个项目中批量应用。",
        "攻克焊接机器人轨迹纠偏难题，产线节拍提升18%，年增效益300余万元。",
        "完成光伏组件清洗机器人样机设计，申报实用新型专利3项。",
        "改进热处理工艺参数，关键零件使用寿命提高40%，返修率大幅下降。",
        "主导开发设备远程运维平台，故障响应时间缩短一半，获集团科技进步奖。",
        "牵头制定高强钢构件焊接企业标准1项，填补公司技术空白。",
        "研制新型环保涂料配方，挥发性有机物排放降低35%，通过省级鉴定。",
        "开发物业智慧巡检系统，巡检效率提高60%，已在十二个小区推广。",
        "完成重型减速机国产化替代，单台成本下降22%，打破国外垄断。",
    ]
    static let marketDeeds = [
        "开拓华东区域新客户14家，全年新增合同额1.2亿元，回款率达到97%。",
        "首次打开东南亚市场，签订海外订单3笔，合同金额折合人民币4800万元。",
        "深耕老客户需求，带动复购订单增长35%，客户流失率降至历史最低。",
        "组建线上营销团队，在疫情期间实现线上签约额突破6000万元。",
        "成功中标省重点工程钢结构项目，合同额2.3亿元，为公司历年单体最大。",
        "拓展新能源电站运维市场，新增运维容量300兆瓦，形成新的增长点。",
        "开辟物业增值服务新业务，全年新增收入800余万元，客户满意度领先。",
    ]
}
