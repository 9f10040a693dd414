import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakStore
import Foundation

extension SimulationBaseline {
    /// A baseline from a stored run (`simulate --store URL --run RUN`, policy simulation: docs/contracts-internal.md): its aggregates, its effective
    /// parameters and its own flags, which apply to baseline and reform alike; no payroll is read. With `rescan`
    /// (the payroll pipeline over the run's input files, given the run's year, flags and as-of date), a reform that
    /// changes a per-line rule rereads them; without it, such a reform is refused.
    ///
    /// Parameters the repository has and the stored set lacks (a run stored by an older version) are added with
    /// their repository values, so that a reform can set them.
    public static func fromStore(_ store: any ResultsStore, run: RunID,
                                 rescan: ((StoredRunInputs) -> Rescan)? = nil) throws -> SimulationBaseline {
        let summary = try store.run(run)
        let national = try store.national(run: run)
        var (set, _) = try store.parameters(run: run)
        for (id, p) in try ParameterFiles.loadDefault().parameters where set.parameters[id] == nil { set.insert(p) }
        let aggregates = try store.aggregates(run: run)
        // A run seen at a date (spec section 13) rereads the inputs as known on that date.
        let reread = rescan.map { $0(StoredRunInputs(
            year: national.year, quotaPercentOverrides: national.quotaPercentOverrides, surchargeOverride: national.surchargeOverride,
            calendar: RunCalendar(asOf: summary.asOf.flatMap { LocalDate($0) }, stage: summary.stage.flatMap(CalendarStage.init(rawValue:))))) }
        let r = summary.receipt
        let inputs = JSONValue.object([
            ("source", .string("store")), ("store", .string(store.location)), ("run", .integer(run)),
            ("created_at", .string(summary.createdAt)),
            ("receipt", .object([
                ("input_files", .array(r.inputFiles.map { .object([("name", .string($0.name)), ("sha256", .string($0.sha256)), ("bytes", .integer($0.bytes))]) })),
                ("parameters_sha256", .string(r.parametersSHA256)),
                ("flags", .array(r.flags.map { .string($0) })),
                ("engine_version", .string(r.engineVersion)),
            ])),
        ])
        return SimulationBaseline(aggregates: aggregates, parameters: set, quotaPercentOverrides: national.quotaPercentOverrides,
                                  surchargeOverride: national.surchargeOverride, rescan: reread, inputs: inputs)
    }
}

extension SimulationService {
    /// The summary of a reform against a stored run (`POST /api/v1/runs/{run}/simulations`): the run's aggregates,
    /// parameters and flags, no payroll. Throws ``ReformLoadError`` for a bad reform and ``SimulationError`` for one
    /// that changes a per-line rule; store errors pass through.
    public static func summary(store: any ResultsStore, run: RunID, reformJSON: Data, command: String) throws -> JSONValue {
        let baseline = try SimulationBaseline.fromStore(store, run: run)
        let reform = try ReformLoader.parse(data: reformJSON, file: "reform", base: baseline.parameters)
        let simulator = try Simulator(baseline)
        let outcome = try simulator.run(reform)
        return SimulationOutputs.summaryJSON(outcome, simulator: simulator,
                                             receipt: SimulationOutputs.receipt(outcome, simulator: simulator, command: command))
    }
}
