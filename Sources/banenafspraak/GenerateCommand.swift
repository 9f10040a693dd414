import ArgumentParser
import BanenafspraakGenerate
import Foundation

extension GeneratorScale: ExpressibleByArgument {}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deterministic synthetic data in the input formats (input contract: docs/contracts-internal.md), with manifest.json."
    )

    @Option(help: "tiny, small, medium (≈ 1/10 national) or national (≈ 450,000 employers, 110 million payroll lines).")
    var scale: GeneratorScale

    @Option(help: "The year t of the payroll lines.")
    var year: Int?

    @Option(help: ArgumentHelp("A panel A-B (e.g. 2016-2024): one folder OUT/YEAR per year with the same employers and persons.", valueName: "A-B"))
    var years: String?

    @Option(name: .customLong("propensity-per-mille"), help: ArgumentHelp("Calibration only: register propensity multipliers MARKT,OVERHEID in per mille instead of the calibrated ones.", valueName: "M,O"))
    var propensityPerMille: String?

    @Flag(help: "Add a received column to payroll.csv and register.csv (spec section 13): lines received in the month after their period, corrections (a second row for a key, some after 1 May of t+1), late lines and late registrations.")
    var corrections = false

    @Option(help: "Seed of the generator; the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(name: .customLong("out"), help: "Output folder (created if needed).")
    var output: String

    func validate() throws {
        guard (year == nil) != (years == nil) else { throw ValidationError("give either --year T or --years A-B") }
        if let years, Self.panel(years) == nil { throw ValidationError("--years must be A-B with A <= B, e.g. 2016-2024") }
        if let p = propensityPerMille, Self.multipliers(p) == nil { throw ValidationError("--propensity-per-mille must be MARKT,OVERHEID, e.g. 1000,1000") }
    }

    static func panel(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a <= b else { return nil }
        return a...b
    }

    static func multipliers(_ text: String) -> (markt: Int, overheid: Int)? {
        let parts = text.split(separator: ",").map { Int($0) }
        guard parts.count == 2, let m = parts[0], let o = parts[1], m >= 0, o >= 0 else { return nil }
        return (m, o)
    }

    func run() throws {
        let panelYears = years.flatMap(Self.panel)
        for y in panelYears ?? year!...year! {
            let dir = panelYears == nil ? output : URL(fileURLWithPath: output).appendingPathComponent(String(y)).path
            let progress = ProgressReporter(label: "generate \(scale.rawValue) \(y)")
            var options = GeneratorOptions(scale: scale, year: y, seed: seed, outputDirectory: dir, panelBaseYear: panelYears?.lowerBound)
            options.propensityPerMille = propensityPerMille.flatMap(Self.multipliers)
            options.corrections = corrections
            let summary = try SyntheticDataGenerator.generate(
                options, progress: { done, total in progress.update(done: Int64(done), total: Int64(total), lines: done) })
            progress.finish()
            printError("employers \(summary.employers), persons \(summary.persons), register rows \(summary.registerRows), payroll lines \(summary.payrollLines), collaborations \(summary.collaborations)")
            print("manifest: \(summary.manifestPath)")
        }
    }
}
