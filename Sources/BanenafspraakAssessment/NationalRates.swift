import BanenafspraakCore

/// What every employer of a year is assessed against: the quotum percentages (Wfsv art. 38f lid 1) and the surcharge
/// rate (Kamerbrief vereenvoudiging banenafspraak (2019)), each with its provenance, and the sums over the liable
/// employers they came from.
public struct NationalRates: Sendable, Equatable {
    public var percentages: QuotaPercentages
    public var surchargeRate: MilliPercent
    public var surchargeProvenance: PercentProvenance
    /// Σ premium base over liable employers.
    public var sumPremiumBase: Cents

    public init(percentages: QuotaPercentages, surchargeRate: MilliPercent, surchargeProvenance: PercentProvenance, sumPremiumBase: Cents) {
        self.percentages = percentages
        self.surchargeRate = surchargeRate
        self.surchargeProvenance = surchargeProvenance
        self.sumPremiumBase = sumPremiumBase
    }

    /// The percentage an employer of `sector` is held to (its sector's, or the combined one under
    /// `quota.combined_quotum`).
    public func quotumPercent(for sector: Sector, parameters: QuotaParameters) -> BasisPoints {
        percentages.percent[parameters.quotum(for: sector)]!
    }
}
