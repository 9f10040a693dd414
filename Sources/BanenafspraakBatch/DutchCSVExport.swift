import BanenafspraakAssessment
import BanenafspraakCore
import Foundation

/// `employers-nl.csv`: the figures of `employers.csv` in the dialect Dutch Excel opens without an import wizard
/// (`quota --csv-dialect nl`): a UTF-8 byte order mark, semicolons, a decimal comma, `ja`/`nee`, Dutch column
/// names, CRLF line ends, and the employer's name. It is written beside the contract file `employers.csv`, which
/// stays exactly as the contract says (output contract: docs/contracts-internal.md).
public enum DutchCSVExport {
    public static let fileName = "employers-nl.csv"

    public static let header = ["werkgever", "naam", "sector"] + EmployerFigures.Column.allCases.map(\.dutchName)

    /// `1234.56` → `1234,56` (no thousands separator, which Excel would otherwise have to guess).
    static func decimal(_ contract: String) -> String { contract.replacingOccurrences(of: ".", with: ",") }

    /// A text field: kept from being read as a formula (a leading `'` before `=`, `+`, `-`, `@`, TAB or CR), and
    /// quoted when it holds a semicolon, a quote or a line break (RFC 4180 with `;`).
    static func field(_ s: String) -> String { SpreadsheetCell.csvField(s, separator: ";") }

    /// The file's text, rows in the order of `employers.csv` (employer id by byte value).
    public static func text(_ r: QuotaResult) -> String {
        var out = "\u{FEFF}" + header.joined(separator: ";") + "\r\n"
        for e in QuotaOutputs.sortedEmployerIndexes(r) {
            let f = r.figures[e]
            let figures = EmployerFigures.Column.allCases.map { c in c.kind == .flag ? (f.liable ? "ja" : "nee") : decimal(c.text(in: f)) }
            let cells = [field(r.employers.ids.string(Int32(e))), field(r.employers.names[e]), r.employers.sector[e].rawValue] + figures
            out += cells.joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// Writes `DIR/employers-nl.csv` (atomically: a reader never sees half a file).
    public static func write(_ r: QuotaResult, to directory: String) throws -> String {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        try text(r).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
