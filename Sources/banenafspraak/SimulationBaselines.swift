import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakSimulation
import BanenafspraakStore

/// The simulation's baselines over the payroll: the CLI joins the payroll pipeline (Batch) to the simulation, which
/// does not link it.
extension SimulationBaseline {
    /// One quota pass for the aggregates (no output), then the receipt's hashes; reforms that change a per-line rule
    /// reread the files with the same flags.
    static func fromCSV(_ options: QuotaOptions) throws -> (baseline: SimulationBaseline, result: QuotaResult) {
        var quiet = options
        quiet.outputDirectory = nil
        let result = try QuotaRun.run(quiet)
        let baseline = try fromCSV(result, inputDirectory: options.inputDirectory, parameters: options.parameters,
                                   quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: options.surchargeOverride,
                                   rescan: QuotaRun.rescan(quiet))
        return (baseline, result)
    }

    /// A stored run; with `inputDirectory` (its input files) a per-line reform rereads them with the run's own flags.
    static func fromStore(_ store: any ResultsStore, run: RunID, inputDirectory: String?) throws -> SimulationBaseline {
        try fromStore(store, run: run, rescan: inputDirectory.map { dir in { stored in
            var o = QuotaOptions(year: stored.year, inputDirectory: dir, outputDirectory: nil, parameters: ParameterSet())
            o.quotaPercentOverrides = stored.quotaPercentOverrides
            o.surchargeOverride = stored.surchargeOverride
            o.calendar = stored.calendar
            return QuotaRun.rescan(o)
        } })
    }
}
