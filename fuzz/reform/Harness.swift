// libFuzzer harness: reform files (issue 24), from the loader through the rules.
//
// Any input is a reform file: it must load or fail with a ReformLoadError naming JSON paths; a loaded reform
// must either be refused by the parameters (ParameterError) or assessed, on one ordinary employer and on one of
// a whole country's size, or fail with a QuotaRunError that names a parameter. A crash (a trap on overflow, a
// precondition) is a finding.
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakParameters
import Foundation

nonisolated(unsafe) let base: ParameterSet = try! ParameterFiles.loadDefault()

/// One employer as `POST /api/v1/estimate` would give it, and one with the hours of the whole country.
let employers: [QuotaAssessment.EmployerTotals] = [
    .init(sector: .markt, hoursTotal: CentiHours(5_000_000), hoursA: CentiHours(4_800_000), hoursC: CentiHours(60_000),
          premiumBase: Cents(250_000_000), targetGroupHours: [CentiHours(132_600), CentiHours(40_000)]),
    .init(sector: .overheid, hoursTotal: CentiHours(1_000_000_000_000), hoursA: CentiHours(1_000_000_000_000),
          hoursC: CentiHours(10_000_000_000), premiumBase: Cents(9_000_000_000_000), targetGroupHours: [CentiHours(1_000_000_000_000)]),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let reform: Reform
    do { reform = try ReformLoader.parse(data: Data(bytes: data, count: size), file: "fuzz.json", base: base) } catch let e as ReformLoadError {
        if e.issues.isEmpty { fatalError("a reform error names no problem") }
        return 0
    } catch {
        fatalError("not a ReformLoadError: \(error)")
    }
    for year in [2016, 2024] {
        let parameters: QuotaParameters
        do { parameters = try QuotaParameters(year: year, from: base.overriding(with: reform.parameters)) } catch { continue }
        for totals in employers {
            do {
                let r = try EmployerAssessment.estimate(totals, year: year, parameters: parameters,
                                                        quotaPercent: BasisPoints(276), surchargePercent: MilliPercent(412))
                _ = r.figures.net
            } catch let e as QuotaRunError {
                if !e.message.contains(".") { fatalError("an overflow error names no parameter: \(e)") }
            } catch {}
        }
    }
    return 0
}
