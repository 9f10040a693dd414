import BanenafspraakAssessment
import BanenafspraakCore

/// The monitor of a stored run (spec section 16): per sector, per overheid subsector and per arbeidsmarktregio,
/// the target-group persons and jobs of one month, inleen (lent-out staff, counted at the hirer) apart, and the
/// realisation against the target where one is published.
///
/// A line counts where the measurement counts it (Regeling Wfsv art. 3.30): at the employer, and at the hirer
/// when lent out; its region and subsector are those of that employer. Jobs are the month's hours divided by the
/// hours of a job-month (`measurement.hours_per_job_month`, 25,5 hours a week), floored to hundredths, as the
/// measurement converts them. Persons are distinct target-group persons with hours above zero in the month; a
/// person who works in two places counts once in each, so persons of the rows do not add up to the total.
public struct Monitor: Sendable, Equatable {
    /// Whether a figure is the official one: only the yearly measurement per sector of a run that is definitive or
    /// has no cut-off, on December. Regions, subsectors and quarters are indicative.
    public enum Reading: String, Sendable, Equatable {
        case officieel, indicatief
    }

    /// The target a row is measured against (only sectors have one: the growth path of the banenafspraak).
    public struct Target: Sendable, Equatable {
        /// The growth path in jobs for the year (`measurement.growth_path.*`).
        public var jobs: Int64
        public var parameter: String
        public var source: String
        /// The December 2012 baseline hours the extra jobs are counted from (`measurement.baseline_hours.*`).
        public var baselineHours: CentiHours
        /// (hours − baseline) / hours per job-month, floored to hundredths.
        public var extraJobsHundredths: Int64
        /// Extra jobs as a share of the target, in hundredths of a percent, floored.
        public var realisedBasisPoints: Int64
    }

    public struct Row: Sendable, Equatable {
        /// `markt`, `overheid`, `total`; a subsector's raw value (`none` for overheid employers without one); `AMRnn`.
        public var key: String
        public var name: String
        public var reading: Reading
        public var employers: Int
        public var persons: Int
        public var hours: CentiHours
        public var jobsHundredths: Int64
        /// Of the above, the lines with a hirer (counted here because this is the hirer).
        public var inleenPersons: Int
        public var inleenHours: CentiHours
        public var inleenJobsHundredths: Int64
        /// nil: no published target for this row.
        public var target: Target?
    }

    public var run: RunID
    public var year: Int
    /// The month counted: December, or the last month of `quarter`.
    public var month: YearMonth
    public var quarter: Int?
    /// The run's stage (`voorlopig`, `definitief`) and as-of date, nil for a run without a cut-off.
    public var stage: String?
    public var asOf: String?
    public var hoursPerJobMonth: CentiHours
    /// Restricted to this region (`AMRnn`): then ``sectors`` and ``subsectors`` are empty.
    public var region: String?
    public var sectors: [Row]
    public var subsectors: [Row]
    public var regions: [Row]

    /// The reading of the sector rows, in words (why they are, or are not, official).
    public var readingNote: String {
        if let region {
            return "De cijfers van \(region) zijn indicatief: de officiële meting is de landelijke jaarmeting per sector, die hier niet staat."
        }
        if quarter != nil { return "Kwartaalcijfers zijn indicatief: de officiële meting telt alleen december." }
        if stage == "voorlopig" { return "De run is voorlopig (peildatum \(asOf ?? "onbekend")): alle cijfers zijn indicatief tot de definitieve meting." }
        if stage == "definitief" { return "De sectorcijfers zijn de officiële jaarmeting: de definitieve run (peildatum \(asOf ?? "onbekend"))." }
        return "De sectorcijfers zijn de officiële jaarmeting: de run telt elke aangeleverde regel (zonder peildatum)."
    }
}
