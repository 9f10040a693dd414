// libFuzzer harness: the calculator case parser and every calculator behind it (issue 7).
//
// Any input is a case text: it must parse or fail with a CaseError, and a parsed case must compute or
// fail with a CaseError naming a field. A crash (trap on overflow, stack exhaustion, precondition) is a finding.
import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters

nonisolated(unsafe) let parameters: ParameterSet = try! ParameterFiles.loadDefault()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let value = try? CaseValue.parse(text) else { return 0 }
    do {
        let out = try Calculators.run(case: value, calculator: nil, parameters: parameters)
        _ = out.rendered()
    } catch {
        if error.field.isEmpty { fatalError("a case error names no field: \(error)") }
    }
    return 0
}
