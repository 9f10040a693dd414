import BanenafspraakCore
import Testing

@Suite("Register status in a month (spec 5.1)")
struct RegisterTests {
    @Test("A registration touching any day of the month counts for the whole month (Wfsv 38g lid 8)")
    func overlap() {
        let march = YearMonth("2024-03")!
        #expect(TargetGroup.overlaps(from: LocalDate("2024-03-31")!, until: nil, month: march))
        #expect(TargetGroup.overlaps(from: LocalDate("2023-01-01")!, until: LocalDate("2024-03-01")!, month: march))
        #expect(!TargetGroup.overlaps(from: LocalDate("2024-04-01")!, until: nil, month: march))
        #expect(!TargetGroup.overlaps(from: LocalDate("2023-01-01")!, until: LocalDate("2024-02-29")!, month: march))
        #expect(TargetGroup.overlaps(from: LocalDate("2024-03-15")!, until: LocalDate("2024-03-15")!, month: march))
    }

    @Test("Widening routes count only under the widened regime; beschut never; wajong_no_capacity only on regular lines")
    func routes() {
        #expect(!TargetGroup.counts(route: .wiaWml, scheme: .regular, regime: .current))
        #expect(TargetGroup.counts(route: .wiaWml, scheme: .regular, regime: .widened))
        #expect(TargetGroup.counts(route: .wwComparable, scheme: .wsw, regime: .widened))
        #expect(!TargetGroup.counts(route: .wajongNoCapacity, scheme: .wsw, regime: .widened))
        #expect(TargetGroup.counts(route: .wajongNoCapacity, scheme: .regular, regime: .widened))
        for route in RegisterRoute.allCases {
            #expect(!TargetGroup.counts(route: route, scheme: .beschut, regime: .widened))
        }
        #expect(TargetGroup.counts(route: .wsw, scheme: .wsw, regime: .current))
    }
}
