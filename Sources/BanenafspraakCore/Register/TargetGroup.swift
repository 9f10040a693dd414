/// A route into the doelgroepregister (Wfsv art. 38b; Kamerstukken II 2022/23, 34 352, nr. 281 for the widening).
public enum RegisterRoute: String, Sendable, CaseIterable {
    case pwetWml = "pwet_wml"
    case praktijkroute
    case wsw
    case wajong
    case vsoPro = "vso_pro"
    case besluitOther = "besluit_other"
    case pwetOwnRequest = "pwet_own_request"
    case formerWswWajong = "former_wsw_wajong"
    case ivaExperiment = "iva_experiment"
    case art38b2
    case wiwId = "wiw_id"
    case wiaWml = "wia_wml"
    case wajongNoCapacity = "wajong_no_capacity"
    case wwComparable = "ww_comparable"

    /// Routes that exist only in the Kamerstukken II 2022/23, 34 352, nr. 281 widening (actielijn 1): they count only under ``RegisterRegime/widened``.
    public var isWideningOnly: Bool {
        switch self {
        case .wiaWml, .wajongNoCapacity, .wwComparable: return true
        default: return false
        }
    }
}

/// Which register rules apply: the current law, or the proposal of Kamerstukken II 2022/23, 34 352, nr. 281.
public enum RegisterRegime: String, Sendable, CaseIterable {
    case current
    case widened
}

/// Payroll scheme of a line (input contract: docs/contracts-internal.md).
public enum PayrollScheme: UInt8, Sendable {
    case regular = 0
    case wsw = 1
    case beschut = 2
}

/// Register status in a month (Wfsv art. 38g lid 8).
public enum TargetGroup {
    /// Whether a registration of `route` makes its person count as arbeidsbeperkt on a line of `scheme`.
    ///
    /// - Widening routes count only under the widened regime (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1),
    ///   except `wajong_no_capacity` when the Wet banenafspraak is in force (`wetBanenafspraak`, parameter
    ///   `register.wet_banenafspraak`, from 1 January 2026): Wet banenafspraak art. 2 lid 1 onder c makes the Wajong
    ///   without arbeidsvermogen count when working in a dienstbetrekking, under the current regime too.
    /// - `wajong_no_capacity` counts only on `regular` lines (reading R11 in docs/readings.md).
    /// - `beschut` lines never count: beschut werk is excluded from the register (Besluit SUWI art. 3.2 lid 3).
    public static func counts(route: RegisterRoute, scheme: PayrollScheme, regime: RegisterRegime, wetBanenafspraak: Bool = false) -> Bool {
        if scheme == .beschut { return false }
        let byLaw = wetBanenafspraak && route == .wajongNoCapacity
        if route.isWideningOnly && regime != .widened && !byLaw { return false }
        if route == .wajongNoCapacity && scheme != .regular { return false }
        return true
    }

    /// Whether a registration interval overlaps any day of `month`; a registration that starts or ends within
    /// an aangiftetijdvak counts for the whole tijdvak (Wfsv art. 38g lid 8; reading R19 in docs/readings.md).
    public static func overlaps(from: LocalDate, until: LocalDate?, month: YearMonth) -> Bool {
        from.yearMonth <= month && (until.map { $0.yearMonth >= month } ?? true)
    }
}
