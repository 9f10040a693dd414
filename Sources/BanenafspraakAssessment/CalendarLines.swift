import BanenafspraakCore
import BanenafspraakIngest

/// How a row received on some date touched a target-group line of a run (spec section 13; Wfsv art. 38e lid 3:
/// the loonaangiften received by the cut-off "alsmede de correcties daarop").
public enum CalendarLineKind: String, Sendable, CaseIterable {
    /// A later row for the same (employer, person, period) replaced an earlier one: "gecorrigeerd op …".
    case correction
    /// The key's first row, received after the voorlopig cut-off (Wtl art. 4.1: not in the overzicht of
    /// 31 January) and on or before the run's as-of date: "laat ontvangen op …".
    case late
    /// Received after the run's as-of date: not used, "na de peildatum ontvangen op …, telt niet mee".
    case afterCutoff = "after_cutoff"
}

/// One row of the legal calendar behind an employer's target-group hours (C, LKV, bonus), kept for the store so
/// the employer's page and its explanation can say which of its own lines were corrected, late, or after the
/// cut-off (spec section 13). Only lines of persons in the target group in that month are kept, as for
/// ``TargetGroupLineRecord``; the person is an index into ``RunLineDetail/persons``.
public struct CalendarLineRecord: Sendable, Equatable {
    public var kind: CalendarLineKind
    /// The formal employer's index.
    public var employer: Int32
    /// The hirer's index when lent out, else -1.
    public var hirer: Int32
    public var person: Int32
    public var period: YearMonth
    /// The date the row was received (``ReceivedDate``); for a correction, the date of the correcting row.
    public var received: Int32
    /// For a correction: the hours of the row it replaced.
    public var hoursBefore: CentiHours?
    /// The row's hours; for a correction, the hours of the correcting row.
    public var hours: CentiHours
    /// The line in `payroll.csv`; for a correction, the line of the row that counts (the last of the chain).
    public var line: Int
    /// For a correction: the line of the row it replaced.
    public var replacedLine: Int?

    public init(kind: CalendarLineKind, employer: Int32, hirer: Int32, person: Int32, period: YearMonth, received: Int32,
                hoursBefore: CentiHours? = nil, hours: CentiHours, line: Int, replacedLine: Int? = nil) {
        self.kind = kind
        self.employer = employer
        self.hirer = hirer
        self.person = person
        self.period = period
        self.received = received
        self.hoursBefore = hoursBefore
        self.hours = hours
        self.line = line
        self.replacedLine = replacedLine
    }

    /// The late lines among `lines` (the target-group lines that count): received after `voorlopig`, and not a
    /// correction (no row of `corrections` counts on that line).
    package static func late(_ lines: [TargetGroupLineRecord], after voorlopig: Int32, corrections: [CalendarLineRecord]) -> [CalendarLineRecord] {
        let corrected = Set(corrections.filter { $0.kind == .correction }.map(\.line))
        return lines.filter { $0.received > voorlopig && !corrected.contains($0.line) }.map {
            CalendarLineRecord(kind: .late, employer: $0.employer, hirer: $0.hirer, person: $0.person, period: $0.period,
                               received: $0.received, hours: $0.hours, line: $0.line)
        }
    }
}

/// The Dutch words for a calendar row, the same in the explanation and on the employer's page (spec section 13):
/// "gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur".
public enum CalendarLineText {
    public static func correction(received: String, before: CentiHours, after: CentiHours) -> String {
        "gecorrigeerd op \(received): \(hours(before)) → \(hours(after)) uur"
    }

    public static func late(received: String, hours h: CentiHours) -> String {
        "laat ontvangen op \(received): \(hours(h)) uur"
    }

    public static func afterCutoff(received: String, hours h: CentiHours) -> String {
        "na de peildatum ontvangen op \(received): \(hours(h)) uur, telt niet mee"
    }

    /// `kind` with its hours: a correction needs `before`.
    public static func text(_ kind: CalendarLineKind, received: String, before: CentiHours?, hours h: CentiHours) -> String {
        switch kind {
        case .correction: correction(received: received, before: before ?? .zero, after: h)
        case .late: late(received: received, hours: h)
        case .afterCutoff: afterCutoff(received: received, hours: h)
        }
    }

    static func hours(_ h: CentiHours) -> String { DutchNumber.format(h.description) }
}
