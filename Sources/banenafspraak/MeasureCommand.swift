import ArgumentParser
import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import Foundation

struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The measurement of extra jobs with retention and regional figures (Kamerstukken I 2016/17, 33 981, N).",
        discussion: "Writes OUT/measurement.json and OUT/rejected.csv. Quotum percentages are not needed (those of IN/manifest.json are taken when present)."
    )

    @Option(help: "The year t to measure.")
    var year: Int

    @Option(name: .customLong("in"), help: "Input folder (input contract: docs/contracts-internal.md).")
    var input: String

    @Option(name: .customLong("out"), help: "Output folder (created if needed). Replaced as a whole on success, left as it was on failure.")
    var output: String

    @Option(name: .customLong("regime-register"), help: "current or widened (Kamerstukken II 2022/23, 34 352, nr. 281).")
    var regimeRegister: RegisterRegimeArgument = .current

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The inputs as known on this date (YYYY-MM-DD), spec section 13.", valueName: "DATE"))
    var asOf: String?

    @Option(name: .customLong("stage"), help: "voorlopig or definitief (the cut-offs of spec section 13).")
    var stage: CalendarStage?

    func run() throws {
        let args = ["--year", String(year), "--in", input, "--regime-register", regimeRegister.rawValue]
            + (asOf.map { ["--as-of", $0] } ?? []) + (stage.map { ["--stage", $0.rawValue] } ?? [])
        let common = try RunOptions.parse(args)
        var options = try common.quotaOptions(output: nil)  // takes manifest.json's percentages when present
        // The measurement does not depend on the quotum percentages; placeholders for the sectors the manifest
        // does not give avoid the 2015-2016 error and the plausibility warnings.
        for key in Quotum.allCases where options.quotaPercentOverrides[key] == nil {
            options.quotaPercentOverrides[key] = BasisPoints(0)
        }
        let folder = try RunSafety.openOutput(output)
        try RunSafety.fill(folder) { staging in
            options.outputDirectory = staging
            let result = try runQuota(options, label: "payroll.csv")
            try QuotaOutputs.writeMeasurement(result, to: staging)
        }
        print("measurement: \(URL(fileURLWithPath: folder.target).appendingPathComponent("measurement.json").path)")
    }
}

enum RegisterRegimeArgument: String, ExpressibleByArgument { case current, widened }
