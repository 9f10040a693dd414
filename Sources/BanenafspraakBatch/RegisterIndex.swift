import BanenafspraakCore
import BanenafspraakIngest

/// The register reduced to what the year's run needs: per registered person, the months of year t in which
/// they count as arbeidsbeperkt (Wfsv art. 38g lid 8), as two 12-bit masks.
///
/// Registered persons are interned first, so ids `0..<registeredCount` are exactly the registered persons and
/// a line of any other person is known not to be a target-group line without a lookup.
struct RegisterIndex {
    /// Months in which the person counts on `regular` and `wsw` lines.
    var anyLine: [UInt16] = []
    /// Extra months in which the person counts on `regular` lines only (`wajong_no_capacity`, reading R11 in docs/readings.md;
    /// under the widened regime, or from 2026 by Wet banenafspraak art. 2 lid 1 onder c).
    var regularOnly: [UInt16] = []
    /// Routes per registered person, for the explanation.
    var routes: [[RegisterRoute]] = []
    var registeredCount: Int { anyLine.count }

    /// `wetBanenafspraak`: the Wet banenafspraak is in force in `year` (parameter `register.wet_banenafspraak`; art. 2
    /// lid 1 onder c: the Wajong without arbeidsvermogen counts on `regular` lines under the current regime too).
    init(registrations: [Registration], year: Int, regime: RegisterRegime, wetBanenafspraak: Bool = false, persons: inout ByteStringTable) {
        for r in registrations {
            let id = r.personId.withUnsafeBufferPointer { persons.intern($0).id }
            while anyLine.count <= Int(id) { anyLine.append(0); regularOnly.append(0); routes.append([]) }
            var months: UInt16 = 0
            for m in 1...12 where TargetGroup.overlaps(from: r.from, until: r.until, month: YearMonth(year: year, month: m)!) {
                months |= 1 << (m - 1)
            }
            routes[Int(id)].append(r.route)
            // Beschut lines never count; that is checked on the line (TargetGroup.counts with scheme beschut).
            if TargetGroup.counts(route: r.route, scheme: .wsw, regime: regime, wetBanenafspraak: wetBanenafspraak) {
                anyLine[Int(id)] |= months
            } else if TargetGroup.counts(route: r.route, scheme: .regular, regime: regime, wetBanenafspraak: wetBanenafspraak) {
                regularOnly[Int(id)] |= months
            }
        }
    }

    /// Whether the person counts as arbeidsbeperkt on a line of `scheme` in the month with bit `bit` (Wfsv art. 38g lid 8).
    @inline(__always)
    func counts(person: Int32, bit: UInt16, scheme: PayrollScheme) -> Bool {
        guard Int(person) < anyLine.count, scheme != .beschut else { return false }
        let p = Int(person)
        return anyLine[p] & bit != 0 || (scheme == .regular && regularOnly[p] & bit != 0)
    }
}
