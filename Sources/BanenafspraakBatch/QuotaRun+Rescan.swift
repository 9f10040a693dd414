import BanenafspraakAssessment
import BanenafspraakCore

extension QuotaRun {
    /// The reread a simulation needs for a reform that changes a per-line rule: this run's inputs and flags under
    /// another register regime and parameter set, with no output, progress or trace.
    public static func rescan(_ options: QuotaOptions) -> @Sendable (RegisterRegime, ParameterSet) throws -> QuotaAggregates {
        var frozen = options
        frozen.outputDirectory = nil
        frozen.progress = nil
        frozen.traceEmployer = nil
        let base = frozen
        return { regime, parameters in
            var o = base
            o.regime = regime
            o.parameters = parameters
            guard let a = try QuotaRun.run(o).aggregates else { throw QuotaRunError("the quota run kept no aggregates") }
            return a
        }
    }
}
