import Testing
@testable import PodiumCore

@Suite struct UnitPathResolverTests {
    /// 集团 (1)
    ///  ├ 机械板块 (2) ── 设备公司 (3) ── 财务部 (4)
    ///  └ 电子板块 (5) ── 芯片公司 (6) ── 财务部 (7)
    /// Acme Group (10) ── Acme Ltd (11)
    /// 东城社区 (20, community)
    static let tree = [
        UnitNode(id: 1, parentID: nil, name: "集团", kind: .group),
        UnitNode(id: 2, parentID: 1, name: "机械板块", kind: .sector),
        UnitNode(id: 3, parentID: 2, name: "设备公司", kind: .company),
        UnitNode(id: 4, parentID: 3, name: "财务部", kind: .department),
        UnitNode(id: 5, parentID: 1, name: "电子板块", kind: .sector),
        UnitNode(id: 6, parentID: 5, name: "芯片公司", kind: .company),
        UnitNode(id: 7, parentID: 6, name: "财务部", kind: .department),
        UnitNode(id: 10, parentID: nil, name: "Acme Group", kind: .group),
        UnitNode(id: 11, parentID: 10, name: "Acme Ltd", kind: .company),
        UnitNode(id: 20, parentID: nil, name: "东城社区", kind: .community),
    ]

    private func resolve(_ path: [String]) -> UnitPathResolution {
        UnitPathResolver.resolve(path, in: Self.tree)
    }

    private func new(_ name: String, _ kind: UnitKind) -> UnitToCreate { UnitToCreate(name: name, kind: kind) }

    @Test func fullExistingPathFromRoot() {
        #expect(resolve(["集团", "机械板块", "设备公司", "财务部"]) == UnitPathResolution(existingID: 4, toCreate: []))
    }

    @Test func rootOnly() {
        #expect(resolve(["集团"]) == UnitPathResolution(existingID: 1, toCreate: []))
    }

    @Test func missingTailIsCreatedWithDefaultChildKinds() {
        #expect(resolve(["集团", "机械板块", "新公司", "人事部"])
            == UnitPathResolution(existingID: 2, toCreate: [new("新公司", .company), new("人事部", .department)]))
    }

    @Test func everythingAfterTheFirstMismatchIsCreatedEvenIfItExistsElsewhere() {
        #expect(resolve(["集团", "新板块", "设备公司"])
            == UnitPathResolution(existingID: 1, toCreate: [new("新板块", .sector), new("设备公司", .company)]))
    }

    @Test func pathOmittingUpperLevelsAnchorsOnTheUniqueUnit() {
        #expect(resolve(["设备公司", "财务部"]) == UnitPathResolution(existingID: 4, toCreate: []))
        #expect(resolve(["芯片公司", "财务部", "税务组"])
            == UnitPathResolution(existingID: 7, toCreate: [new("税务组", .department)]))
        #expect(resolve(["电子板块", "新公司"]) == UnitPathResolution(existingID: 5, toCreate: [new("新公司", .company)]))
    }

    @Test func ambiguousFirstSegmentStartsANewRoot() {
        #expect(resolve(["财务部", "出纳组"])
            == UnitPathResolution(existingID: nil, toCreate: [new("财务部", .group), new("出纳组", .sector)]))
    }

    @Test func unknownPathBecomesANewGroupTree() {
        #expect(resolve(["新集团", "板块", "公司", "部门", "小组"]) == UnitPathResolution(existingID: nil, toCreate: [
            new("新集团", .group), new("板块", .sector), new("公司", .company), new("部门", .department), new("小组", .department),
        ]))
    }

    @Test func asciiCaseAndSurroundingSpacesAreIgnored() {
        #expect(resolve([" ACME group ", "acme LTD", "Sales"])
            == UnitPathResolution(existingID: 11, toCreate: [new("Sales", .department)]))
    }

    @Test func fullWidthLettersAreNotFolded() {
        #expect(resolve(["ＡＣＭＥ Group"]) == UnitPathResolution(existingID: nil, toCreate: [new("ＡＣＭＥ Group", .group)]))
    }

    @Test func outsideOrganizationsGetDepartmentsBelowThem() {
        #expect(resolve(["东城社区", "志愿队"]) == UnitPathResolution(existingID: 20, toCreate: [new("志愿队", .department)]))
    }

    @Test func rootWinsOverAUnitOfTheSameNameDeeper() {
        let tree = Self.tree + [UnitNode(id: 30, parentID: 3, name: "集团", kind: .department)]
        #expect(UnitPathResolver.resolve(["集团", "电子板块"], in: tree) == UnitPathResolution(existingID: 5, toCreate: []))
    }

    @Test func duplicateSiblingNamesPickTheLowestIDWhateverTheOrder() {
        let tree = [
            UnitNode(id: 9, parentID: 1, name: "Sales", kind: .department),
            UnitNode(id: 1, parentID: nil, name: "HQ", kind: .group),
            UnitNode(id: 4, parentID: 1, name: "sales", kind: .department),
        ]
        #expect(UnitPathResolver.resolve(["HQ", "Sales"], in: tree) == UnitPathResolution(existingID: 4, toCreate: []))
        #expect(UnitPathResolver.resolve(["HQ", "Sales"], in: tree.reversed()) == UnitPathResolution(existingID: 4, toCreate: []))
    }

    @Test func emptyTreeAndEmptyPath() {
        #expect(UnitPathResolver.resolve(["A", "B"], in: [])
            == UnitPathResolution(existingID: nil, toCreate: [new("A", .group), new("B", .sector)]))
        #expect(resolve([]) == UnitPathResolution(existingID: nil, toCreate: []))
    }

    @Test func resolveAllMatchesResolve() {
        let paths: Set<[String]> = [["集团", "机械板块"], ["设备公司", "财务部"], ["新集团"], ["财务部"]]
        let all = UnitPathResolver.resolveAll(paths, in: Self.tree)
        #expect(all.count == 4)
        for path in paths {
            #expect(all[path] == resolve(path))
        }
        #expect(all[["集团", "机械板块"]]?.existingID == 2)
        #expect(all[["财务部"]] == UnitPathResolution(existingID: nil, toCreate: [new("财务部", .group)]))
    }
}
