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

    @Test("Vanaf 2026 telt de Wajong zonder arbeidsvermogen ook onder het geldende regime, alleen op regular-regels (Wet banenafspraak art. 2 lid 1 onder c; lezing R11)")
    func wetBanenafspraak2026() {
        // 2025: Wfsv art. 38b lid 1 onder c sluit hem uit; alleen het voorstel (Kamerstukken II 2022/23, 34 352, nr. 281).
        #expect(!TargetGroup.counts(route: .wajongNoCapacity, scheme: .regular, regime: .current, wetBanenafspraak: false))
        // 2026: arbeid in een dienstbetrekking, dan arbeidsbeperkte.
        #expect(TargetGroup.counts(route: .wajongNoCapacity, scheme: .regular, regime: .current, wetBanenafspraak: true))
        #expect(!TargetGroup.counts(route: .wajongNoCapacity, scheme: .wsw, regime: .current, wetBanenafspraak: true))
        #expect(!TargetGroup.counts(route: .wajongNoCapacity, scheme: .beschut, regime: .current, wetBanenafspraak: true))
        // The other widening routes stay a proposal in 2026.
        #expect(!TargetGroup.counts(route: .wiaWml, scheme: .regular, regime: .current, wetBanenafspraak: true))
        #expect(!TargetGroup.counts(route: .wwComparable, scheme: .regular, regime: .current, wetBanenafspraak: true))
    }
}
