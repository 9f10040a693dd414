import BanenafspraakCore

extension EmployerFigures {
    /// The figure columns of `employers.csv` (after `employer_id` and `sector`), in contract order: the one list
    /// from which the contract CSV, the Dutch CSV, the API's JSON and OpenAPI schema, `diff` and the simulation's
    /// pairs are made (output contract: docs/contracts-internal.md).
    public enum Column: String, CaseIterable, Sendable {
        case liable
        case hoursTotal = "hours_total"
        case hoursA = "hours_a"
        case hoursC = "hours_c"
        case requiredHours = "required_hours"
        case shortfallJobs = "shortfall_jobs"
        case levy
        case premiumBase = "premium_base"
        case surcharge
        case lkv
        case bonus
        case transfersOut = "transfers_out"
        case transfersIn = "transfers_in"
        case net

        /// What a cell of the column holds.
        public enum Kind: Sendable {
            /// `true` or `false`.
            case flag
            /// Centi-hours, 2 decimals.
            case hours
            /// Tenths of a job, 1 decimal.
            case jobTenths
            /// Eurocents, 2 decimals.
            case money
        }

        public var kind: Kind {
            switch self {
            case .liable: .flag
            case .hoursTotal, .hoursA, .hoursC, .requiredHours: .hours
            case .shortfallJobs: .jobTenths
            case .levy, .premiumBase, .surcharge, .lkv, .bonus, .transfersOut, .transfersIn, .net: .money
            }
        }

        /// The column's name in `employers-nl.csv`.
        public var dutchName: String {
            switch self {
            case .liable: "quotumplichtig"
            case .hoursTotal: "uren_totaal"
            case .hoursA: "uren_a"
            case .hoursC: "uren_c"
            case .requiredHours: "vereiste_uren"
            case .shortfallJobs: "quotumtekort_banen"
            case .levy: "quotumheffing"
            case .premiumBase: "premiegrondslag"
            case .surcharge: "opslag"
            case .lkv: "lkv"
            case .bonus: "bonus"
            case .transfersOut: "overdracht_uit"
            case .transfersIn: "overdracht_in"
            case .net: "netto"
            }
        }

        /// The column's description in the OpenAPI schema.
        public var summary: String {
            switch self {
            case .liable: "Quota-liable (Wfsv art. 34)"
            case .hoursTotal: "Hours"
            case .hoursA: "A"
            case .hoursC: "C"
            case .requiredHours: "Required hours"
            case .shortfallJobs: "Shortfall in jobs"
            case .levy: "Levy, law of 2015"
            case .premiumBase: "Premium base"
            case .surcharge: "Inclusiviteitsopslag"
            case .lkv: "LKV"
            case .bonus: "Bonus"
            case .transfersOut: "Transfers out"
            case .transfersIn: "Transfers in"
            case .net: "Net result"
            }
        }

        /// The cell in `f`, in fixed-point units of the column's kind (a flag is 0 or 1).
        public func units(in f: EmployerFigures) -> Int64 {
            switch self {
            case .liable: f.liable ? 1 : 0
            case .hoursTotal: f.hoursTotal.rawValue
            case .hoursA: f.hoursA.rawValue
            case .hoursC: f.hoursC.rawValue
            case .requiredHours: f.requiredHours.rawValue
            case .shortfallJobs: f.shortfallTenths
            case .levy: f.levy.rawValue
            case .premiumBase: f.premiumBase.rawValue
            case .surcharge: f.surcharge.rawValue
            case .lkv: f.lkv.rawValue
            case .bonus: f.bonus.rawValue
            case .transfersOut: f.transfersOut.rawValue
            case .transfersIn: f.transfersIn.rawValue
            case .net: f.net.rawValue
            }
        }

        /// The cell in `f` as `employers.csv` writes it: `true`/`false`, or a plain decimal (`1234.56`, `0.5`).
        public func text(in f: EmployerFigures) -> String {
            let u = units(in: f)
            switch kind {
            case .flag: return u == 1 ? "true" : "false"
            case .jobTenths: return FixedPoint.format(u, scale: 1)
            case .hours, .money: return FixedPoint.format(u, scale: 2)
            }
        }
    }

    /// The row's figure cells in contract order, as `employers.csv` writes them.
    public var contractCells: [(column: Column, text: String)] { Column.allCases.map { ($0, $0.text(in: self)) } }
}

extension EmployerFigures {
    /// The figures as JSON keyed by their `employers.csv` column: `liable` a boolean, every other cell its contract
    /// text (`"1234.56"`), as the API and `explain --format json` write them.
    public var contractJSON: [(String, JSONValue)] {
        Column.allCases.map { c in (c.rawValue, c.kind == .flag ? .bool(liable) : .string(c.text(in: self))) }
    }
}
