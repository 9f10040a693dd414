import ArgumentParser
import BanenafspraakGenerate
import Foundation

extension GeneratorScale: ExpressibleByArgument {}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deterministic synthetic data in the input formats (spec section 4), with manifest.json."
    )

    @Option(help: "tiny, small, medium (≈ 1/10 national) or national (≈ 450,000 employers, 110 million payroll lines).")
    var scale: GeneratorScale

    @Option(help: "The year t of the payroll lines.")
    var year: Int

    @Option(help: "Seed of the generator; the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(name: .customLong("out"), help: "Output folder (created if needed).")
    var output: String

    func run() throws {
        let progress = ProgressReporter(label: "generate \(scale.rawValue)")
        let summary = try SyntheticDataGenerator.generate(
            GeneratorOptions(scale: scale, year: year, seed: seed, outputDirectory: output),
            progress: { done, total in progress.update(done: Int64(done), total: Int64(total), lines: done) })
        progress.finish()
        printError("employers \(summary.employers), persons \(summary.persons), register rows \(summary.registerRows), payroll lines \(summary.payrollLines), collaborations \(summary.collaborations)")
        print("manifest: \(summary.manifestPath)")
    }
}
