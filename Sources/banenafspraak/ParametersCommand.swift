import ArgumentParser
import BanenafspraakCore
import BanenafspraakParameters

/// `banenafspraak parameters --date D` lists the values in force; `--check` audits the files.
struct Parameters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the parameters in force on a date, with value, validity, source and status; or audit them with --check.",
        discussion: """
        --check lists every gap inside a parameter's legal life (2015-2026, or its declared start/end), every overlap \
        and every value whose source was not checked (status unverified), then the counts. It then reads the law: \
        every value whose source cites a wetten.overheid.nl article that is bundled (law/README.md) must have its \
        amount, written the Dutch way, in that article of the version in force on its valid_from; it lists the \
        values verified that way, those verified by other means and the estimates, with their counts. It exits with \
        1 when there is a gap, an overlap or an amount not found in the law. The statuses are explained in \
        docs/sources.md, the law check in docs/law.md.
        """
    )

    @Option(help: "The date (YYYY-MM-DD) whose values to list.")
    var date: String?

    @Flag(help: "Audit the parameter files: gaps, overlaps and unverified values, with their counts.")
    var check = false

    @Option(name: .customLong("params"), help: "An override parameter file, applied on top of the repository's parameters.")
    var params: String?

    @Option(name: .customLong("law"), help: "A folder of law texts to check against (default: the bundled law/ folder).")
    var law: String?

    func validate() throws {
        if date == nil && !check { throw ValidationError("give --date YYYY-MM-DD or --check") }
    }

    func run() throws {
        if check { try runCheck(); return }
        guard let text = date, let day = LocalDate(text) else {
            printError("error: --date \(date ?? "") is not a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        let set: ParameterSet
        do { set = try ParameterFiles.load(overridePath: params) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        for id in set.parameters.keys.sorted() {
            guard let r = try? set.resolve(id, on: day) else { print("\(id): (geen waarde op \(day))"); continue }
            let until = r.value.validUntil.map { " t/m \($0)" } ?? ""
            let checked = r.value.verified.map { "; gecontroleerd: \($0)" } ?? ""
            print("\(id) = \(r.formatted) [\(r.unit.rawValue)] geldig \(r.value.validFrom)\(until); \(r.value.source) (\(r.value.status.dutchLabel)\(checked))")
        }
    }

    private func runCheck() throws {
        var set: ParameterSet
        do {
            set = try ParameterFiles.loadDefault(validating: false)
            if let params { set = set.overriding(with: try ParameterFiles.load(path: params)) }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let findings = set.coverageFindings()
        for f in findings { print(f.description) }
        let count = { (k: ParameterFinding.Kind) in findings.filter { $0.kind == k }.count }
        let values = set.parameters.values.reduce(0) { $0 + $1.values.count }
        func status(_ st: ParameterStatus) -> Int { set.parameters.values.reduce(0) { $0 + $1.values.filter { $0.status == st }.count } }
        print("parameters: \(set.parameters.count), values: \(values); verified: \(status(.verified)), proposal: \(status(.proposal)), reading: \(status(.reading)), estimate: \(status(.estimate))")
        print("gaps: \(count(.gap)), overlaps: \(count(.overlap)), unverified: \(count(.unverified))")
        let notFound = try printLawCheck(set)
        if count(.gap) + count(.overlap) + notFound > 0 { throw ExitCode(1) }
    }

    /// The law check (docs/law.md): the list by outcome, then the counts; returns how many amounts were not found.
    private func printLawCheck(_ set: ParameterSet) throws -> Int {
        let texts: LawTexts
        do { texts = try law.map { LawTexts(root: $0) } ?? LawTexts.bundled() } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let rows = LawCheck.rows(set, law: texts)
        var inLaw = 0, otherwise = 0, estimates = 0, missing = 0
        for r in rows {
            let head = "\(r.parameter) \(r.period) = \(r.formatted)"
            switch r.outcome {
            case .foundInLaw(let file, let written):
                inLaw += 1
                print("law-text \(head): \"\(written)\" in law/\(file)")
            case .notFoundInLaw(let file, let looked):
                missing += 1
                print("not-in-law \(head): \(looked.map { "\"\($0)\"" }.joined(separator: " / ")) not in \(file.map { "law/" + $0 } ?? "any bundled version on \(r.value.validFrom)")")
            case .verifiedOtherwise:
                otherwise += 1
                print("verified-otherwise \(head): \(r.value.verified ?? r.value.source)")
            case .estimate:
                estimates += 1
                print("estimate \(head): \(r.value.source)")
            case .notChecked: continue
            }
        }
        print("law check: verified in the law text: \(inLaw), verified by other means: \(otherwise), estimates: \(estimates), amounts not found in the law: \(missing)")
        return missing
    }
}
