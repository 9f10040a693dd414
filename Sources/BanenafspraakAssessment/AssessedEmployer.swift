import BanenafspraakCore

/// One employer's figures with everything their explanation reads (``EmployerExplanation/build(_:)``): the year,
/// the parameters and national rates it was assessed against, its own data, the lines behind its figures when
/// known, and the bonus transfers it gave or received. Made from a run's result, a stored run or an estimate alike.
public struct AssessedEmployer: Sendable {
    /// One collaboration that moved bonus to or from the employer (Kamerbrief vereenvoudiging banenafspraak (2019);
    /// reading R18 in docs/readings.md).
    public struct Transfer: Sendable, Equatable {
        /// The other employer's id: the receiver of an outgoing transfer, the giver of an incoming one.
        public var partner: String
        public var percent: BasisPoints
        /// The line in `collaborations.csv`.
        public var line: Int
        /// The giver's own bonus, of which `percent` is transferred.
        public var giverBonus: Cents
        public init(partner: String, percent: BasisPoints, line: Int, giverBonus: Cents) {
            self.partner = partner
            self.percent = percent
            self.line = line
            self.giverBonus = giverBonus
        }
    }

    public var year: Int
    public var parameters: QuotaParameters
    public var rates: NationalRates
    public var id: String
    public var sector: Sector
    public var priorYearHours: CentiHours?
    public var figures: EmployerFigures
    /// The lines behind the figures; `nil` for an estimate from totals.
    public var trace: EmployerTrace?
    /// In the order of `collaborations.csv`.
    public var transfersOut: [Transfer]
    public var transfersIn: [Transfer]

    public init(year: Int, parameters: QuotaParameters, rates: NationalRates, id: String, sector: Sector, priorYearHours: CentiHours?,
                figures: EmployerFigures, trace: EmployerTrace? = nil, transfersOut: [Transfer] = [], transfersIn: [Transfer] = []) {
        self.year = year
        self.parameters = parameters
        self.rates = rates
        self.id = id
        self.sector = sector
        self.priorYearHours = priorYearHours
        self.figures = figures
        self.trace = trace
        self.transfersOut = transfersOut
        self.transfersIn = transfersIn
    }
}

extension QuotaResult {
    /// The year's national rates.
    public var rates: NationalRates {
        NationalRates(percentages: percentages, surchargeRate: surchargeRate, surchargeProvenance: surchargeProvenance, sumPremiumBase: sumPremiumBase)
    }

    /// Employer `e` as its explanation reads it: the run's trace and the year's collaborations it takes part in.
    public func assessed(_ e: Int) -> AssessedEmployer {
        let mine = collaborations.filter { $0.year == year }
        return AssessedEmployer(
            year: year, parameters: parameters, rates: rates, id: employers.ids.string(Int32(e)), sector: employers.sector[e],
            priorYearHours: employers.priorYearHours[e], figures: figures[e], trace: trace,
            transfersOut: mine.filter { Int($0.from) == e }.map {
                .init(partner: employers.ids.string($0.to), percent: $0.percent, line: $0.line, giverBonus: figures[e].bonus)
            },
            transfersIn: mine.filter { Int($0.to) == e }.map {
                .init(partner: employers.ids.string($0.from), percent: $0.percent, line: $0.line, giverBonus: figures[Int($0.from)].bonus)
            })
    }
}
