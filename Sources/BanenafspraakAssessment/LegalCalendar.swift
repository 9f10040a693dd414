import BanenafspraakCore
import BanenafspraakIngest

/// The two cut-offs of the legal calendar (spec section 13): the payroll as known on 31 January (Wtl art. 4.1,
/// the overzicht) or on 1 May (Wfsv art. 38e lid 3, the final figures) of the year after year t.
public enum CalendarStage: String, Sendable, CaseIterable {
    case voorlopig, definitief

    /// The parameter holding the cut-off day of year t+1 as MMDD.
    public var parameterId: String { "calendar.cutoff_\(rawValue)" }

    /// The cut-off date for year `year` (a day of year t+1), with the parameter it came from.
    public func cutoff(year: Int, parameters: ParameterSet) throws -> (date: LocalDate, parameter: ResolvedParameter) {
        let day = LocalDate(year: year + 1, month: 1, day: 1)!
        let p: ResolvedParameter
        do { p = try parameters.resolve(parameterId, on: day) } catch {
            throw QuotaRunError("cannot take the \(rawValue) cut-off of \(year): \(error)")
        }
        let mmdd = Int(p.count)
        guard let date = LocalDate(year: year + 1, month: mmdd / 100, day: mmdd % 100) else {
            throw QuotaRunError("parameter \(parameterId): \(mmdd) is not a day as MMDD")
        }
        return (date, p)
    }
}

/// The moment a run sees the inputs as (spec section 13): `asOf` (rows received later are not used) and the
/// stage it was asked for. Both `nil`: every row counts.
public struct RunCalendar: Sendable, Equatable {
    public var asOf: LocalDate?
    public var stage: CalendarStage?
    public init(asOf: LocalDate? = nil, stage: CalendarStage? = nil) {
        self.asOf = asOf
        self.stage = stage
    }

    /// The as-of date as ``ReceivedDate`` (``ReceivedDate/noCutoff`` without one).
    public var asOfKey: Int32 { asOf.map(ReceivedDate.key) ?? ReceivedDate.noCutoff }
}
