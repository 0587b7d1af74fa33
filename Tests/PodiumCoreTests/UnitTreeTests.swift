import Testing
@testable import PodiumCore

@Suite struct UnitTreeTests {
    // Group(1) ─┬─ Sector(2) ─┬─ Company(3) ── Department(4)
    //           │             └─ Company(5)
    //           └─ Sector(6)
    // Community(7), a second root.
    private let tree = UnitTree([
        UnitNode(id: 1, parentID: nil, name: "Group", kind: .group),
        UnitNode(id: 2, parentID: 1, name: "North", kind: .sector),
        UnitNode(id: 3, parentID: 2, name: "Acme", kind: .company),
        UnitNode(id: 4, parentID: 3, name: "Finance", kind: .department),
        UnitNode(id: 5, parentID: 2, name: "Beta", kind: .company),
        UnitNode(id: 6, parentID: 1, name: "South", kind: .sector),
        UnitNode(id: 7, parentID: nil, name: "Riverside", kind: .community),
    ])

    @Test func ancestryIsNearestFirst() {
        #expect(tree.ancestry(of: 4).map(\.id) == [4, 3, 2, 1])
        #expect(tree.ancestry(of: 1).map(\.id) == [1])
        #expect(tree.ancestry(of: 99).isEmpty)
    }

    @Test func ancestryStopsAtMissingParent() {
        let orphaned = UnitTree([
            UnitNode(id: 2, parentID: 1, name: "North", kind: .sector),
            UnitNode(id: 3, parentID: 2, name: "Acme", kind: .company),
        ])
        #expect(orphaned.ancestry(of: 3).map(\.id) == [3, 2])
    }

    @Test func pathIsRootFirst() {
        #expect(tree.path(of: 4) == ["Group", "North", "Acme", "Finance"])
        #expect(tree.path(of: 6) == ["Group", "South"])
        #expect(tree.path(of: 7) == ["Riverside"])
        #expect(tree.path(of: 99) == [])
    }

    @Test func isWithin() {
        #expect(tree.isWithin(4, ancestorID: 4))
        #expect(tree.isWithin(4, ancestorID: 3))
        #expect(tree.isWithin(4, ancestorID: 1))
        #expect(tree.isWithin(5, ancestorID: 2))
        #expect(!tree.isWithin(5, ancestorID: 3))
        #expect(!tree.isWithin(3, ancestorID: 4))
        #expect(!tree.isWithin(2, ancestorID: 6))
        #expect(!tree.isWithin(7, ancestorID: 1))
        #expect(!tree.isWithin(99, ancestorID: 1))
    }

    @Test func subtree() {
        #expect(tree.subtree(of: 1) == [1, 2, 3, 4, 5, 6])
        #expect(tree.subtree(of: 2) == [2, 3, 4, 5])
        #expect(tree.subtree(of: 4) == [4])
        #expect(tree.subtree(of: 7) == [7])
    }

    @Test func children() {
        #expect(tree.children(of: 1).map(\.id) == [2, 6])
        #expect(tree.children(of: 2).map(\.id) == [3, 5])
        #expect(tree.children(of: 4).isEmpty)
        #expect(tree.children(of: 99).isEmpty)
    }

    @Test func childrenOfNilAreTheRoots() {
        #expect(Set(tree.children(of: nil).map(\.id)) == [1, 7])
        #expect(tree.children(of: nil).count == 2)
    }

    @Test func wouldCreateCycle() {
        #expect(tree.wouldCreateCycle(moving: 2, under: 2))
        #expect(tree.wouldCreateCycle(moving: 2, under: 3))
        #expect(tree.wouldCreateCycle(moving: 2, under: 4))
        #expect(tree.wouldCreateCycle(moving: 1, under: 4))
        #expect(!tree.wouldCreateCycle(moving: 2, under: 6))
        #expect(!tree.wouldCreateCycle(moving: 4, under: 5))
        #expect(!tree.wouldCreateCycle(moving: 3, under: 1))
        #expect(!tree.wouldCreateCycle(moving: 2, under: 7))
    }

    @Test func cycleInDataDoesNotLoopForever() {
        let cyclic = UnitTree([
            UnitNode(id: 1, parentID: 3, name: "A", kind: .department),
            UnitNode(id: 2, parentID: 1, name: "B", kind: .department),
            UnitNode(id: 3, parentID: 2, name: "C", kind: .department),
            UnitNode(id: 4, parentID: 3, name: "D", kind: .department),
            UnitNode(id: 5, parentID: 5, name: "Self", kind: .department),
        ])
        #expect(cyclic.ancestry(of: 4).map(\.id) == [4, 3, 2, 1])
        #expect(cyclic.ancestry(of: 1).map(\.id) == [1, 3, 2])
        #expect(cyclic.path(of: 2) == ["C", "A", "B"])
        #expect(cyclic.ancestry(of: 5).map(\.id) == [5])
        #expect(!cyclic.isWithin(1, ancestorID: 4))
        #expect(cyclic.isWithin(1, ancestorID: 2))
        #expect(cyclic.subtree(of: 1) == [1, 2, 3, 4])
        #expect(cyclic.subtree(of: 5) == [5])
        #expect(cyclic.children(of: nil).isEmpty)
        #expect(cyclic.wouldCreateCycle(moving: 4, under: 1) == false)
        #expect(cyclic.wouldCreateCycle(moving: 1, under: 4))
    }

    // MARK: UnitKind

    @Test func isExternal() {
        #expect(UnitKind.allCases.filter(\.isExternal) == [.community, .college, .publicBody, .external])
        #expect(UnitKind.allCases.filter { !$0.isExternal } == [.group, .sector, .company, .department])
    }

    @Test(arguments: [
        (UnitKind.group, [UnitKind.sector, .company, .department], UnitKind.sector),
        (.sector, [.company, .department], .company),
        (.company, [.department], .department),
        (.department, [.department], .department),
        (.community, [.department], .department),
        (.college, [.department], .department),
        (.publicBody, [.department], .department),
        (.external, [.department], .department),
    ])
    func childKinds(kind: UnitKind, allowed: [UnitKind], defaultChild: UnitKind) {
        #expect(kind.allowedChildKinds == allowed)
        #expect(kind.defaultChildKind == defaultChild)
    }

    @Test func childKindsNeverGoUpwards() {
        #expect(!UnitKind.company.allowedChildKinds.contains(.sector))
        #expect(!UnitKind.sector.allowedChildKinds.contains(.group))
        #expect(!UnitKind.department.allowedChildKinds.contains(.company))
        #expect(UnitKind.allCases.allSatisfy { !$0.allowedChildKinds.contains(.group) })
    }

    @Test func rawValuesAndKeys() {
        #expect(UnitKind.publicBody.rawValue == "public_body")
        #expect(UnitKind(rawValue: "public_body") == .publicBody)
        #expect(UnitKind.publicBody.localizationKey == "unit.kind.public_body")
    }
}
