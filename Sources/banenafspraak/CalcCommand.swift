#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import Foundation

/// `banenafspraak calc [<calculator>] --case FILE|- [--format json|text] [--params FILE]` (calculator cases: docs/contracts-internal.md; output contract: docs/contracts-internal.md).
struct Calc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Persoonsgebonden calculators: register, lkv, lkv_best, liv, lks, noriskpolis, vrijlating, begeleidingsbonus, jobcoach, beschut.",
        discussion: """
        Reads a case {"calculator", "date", "input"} and writes {"calculator", "result", "explanation"}.
        A scenario file from Tests/BanenafspraakCalculatorTests/Scenarios ({"description", "citation", "why", "case",
        "expected"}) is accepted as it is: its "case" is run.
        On a date when the instrument did not exist the result says "in_force": false, with the reason and the dates.
        An invalid case prints {"error": {"field", "message"}} and exits with status 2.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case text
    }

    @Argument(help: "The calculator; optional when the case names it.")
    var calculator: String?

    @Option(name: .customLong("case"), help: "The case file, or - for standard input.")
    var casePath: String

    @Option(help: "Output format: json or text (plain Dutch for a caseworker).")
    var format: Format = .json

    @Option(help: "A parameter file that overrides the repository's parameters.")
    var params: String?

    func run() throws {
        let text: String
        do { text = try Self.readCase(casePath) } catch { try fail(error) }
        let parameters: ParameterSet
        do { parameters = try ParameterFiles.load(overridePath: params) } catch {
            FileHandle.standardError.write(Data("banenafspraak calc: \(error)\n".utf8))
            throw ExitCode(1)
        }
        do {
            let value = try CaseValue.parse(text)
            switch format {
            case .json:
                print(try Calculators.run(case: value, calculator: calculator, parameters: parameters).rendered(), terminator: "")
            case .text:
                let (name, outcome) = try Calculators.outcome(case: value, calculator: calculator, parameters: parameters)
                print(CalcText.render(name: name, date: Calculators.unwrapScenario(value)["date"], outcome: outcome), terminator: "")
            }
        } catch {
            try fail(error)
        }
    }


    /// The case text from `path` (or standard input for `-`), at most ``CaseValue/maximumBytes`` bytes.
    static func readCase(_ path: String) throws(CaseError) -> String {
        let shown = path == "-" ? "standard input" : path
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CaseError(field: "case", message: "cannot open \(shown): \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw CaseError(field: "case", message: "cannot read \(shown): it is a folder")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw CaseError(field: "case", message: "cannot read \(shown): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes += chunk[0..<n]
            if bytes.count > CaseValue.maximumBytes {
                throw CaseError(field: "case", message: "the case is larger than \(CaseValue.maximumBytes) bytes")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fail(_ error: CaseError) throws -> Never {
        print(error.jsonValue.rendered(), terminator: "")
        throw ExitCode(2)
    }
}
