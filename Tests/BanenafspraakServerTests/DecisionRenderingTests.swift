import BanenafspraakAssessment
@testable import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakDecisions
import BanenafspraakPresentation
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
import Foundation
import Testing

/// The decision page's views name their fields for Mustache instead of being read through `Mirror` (issue 21:
/// most of `decide --all`'s time). The page must be the very text the `Mirror` reading gave: here the same template
/// is rendered from a dictionary built by `Mirror` the way Mustache reads a plain struct, and the two compared.
@Suite("The decision page: named fields give the page that Mirror gave")
struct DecisionRenderingTests {
    /// What Mustache's `Mirror` reading sees: every stored property by its label, an optional unwrapped and a nil one
    /// left out (so the name is looked up further up the context, as before), arrays element by element.
    static func mirrored(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?:
            var out: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional {
                    if let wrapped = inner.children.first?.value { out[label] = mirrored(wrapped) }
                } else {
                    out[label] = mirrored(child.value)
                }
            }
            return out
        case .collection?:
            return mirror.children.map { mirrored($0.value) }
        default:
            return value
        }
    }

    @Test("a decision, a herziening with causes and a simulation: page and body equal the Mirror reading, byte for byte")
    func samePage() throws {
        let f = try DecisionAccessTests.fixture(.sqlite)
        let store = try openResultsStore(url: f.address)
        let maker = try DecisionMaker(store: store, run: f.run)
        let employer = try #require(try store.employer(run: f.run, id: f.own))
        let stored = try #require(try store.decision(id: "SIM-2024-\(f.own)-R1"))
        var previous = stored
        previous.levy = previous.levy + Cents(123_45)
        previous.hoursC = CentiHours(previous.hoursC.rawValue + 10_00)
        let causes = [
            DiffCauses.Cause(file: "payroll.csv", line: 12, received: "2025-05-02", kind: "correction", employerId: f.own, personId: "P1",
                             period: "2024-03", hoursBefore: CentiHours(80_00), hoursAfter: CentiHours(90_50)),
            DiffCauses.Cause(file: "register.csv", line: 3, received: "2025-05-03", kind: "register", employerId: f.own, personId: "P2",
                             period: nil, hoursBefore: nil, hoursAfter: CentiHours(12_00)),
        ]
        let day = LocalDate(year: 2025, month: 6, day: 1)!
        let decisions = [
            try maker.decision(employer, date: day, simulation: true, previous: nil, attributable: false, causes: []),
            try maker.decision(employer, date: day, simulation: true, previous: previous, attributable: true, causes: causes),
            try maker.decision(employer, date: day, simulation: false, previous: previous, attributable: false, causes: []),
        ]
        let renderer = try DecisionRenderer()
        for decision in decisions {
            let view = DecisionView(decision)
            let page = renderer.page(view), body = renderer.body(view)
            #expect(page == Templates.render(Self.mirrored(view), template: "decision"))
            #expect(body == Templates.render(Self.mirrored(view), template: "decision-body"))
            // The page holds what the views hold: the figures, the explanation's rule and, for a herziening, the causes.
            #expect(page.contains(view.figures[4].value))
            #expect(page.contains("Regel: "))
            if !decision.revision.map(\.causes).isNilOrEmpty { #expect(page.contains("payroll.csv regel 12")) }
        }
    }
}

extension Optional where Wrapped: Collection {
    var isNilOrEmpty: Bool { self?.isEmpty ?? true }
}
