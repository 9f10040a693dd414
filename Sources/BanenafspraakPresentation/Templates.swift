import BanenafspraakCore
import Foundation
import Mustache

/// Every HTML document of the project: the files written (the run report, the monitor, the simulation report and the
/// comparison of reforms, letters, decisions) and the server's pages. Mustache templates bundled in `templates/`, each
/// rendered from a view model (a struct, read by the template through its property names). The reports share one
/// style sheet (`report-style`) and the partials `table` and `figure`; the pages share `head`, `foot`, `field`,
/// `errors` and `explanation`.
public enum Templates {
    /// The bundled template texts by name (file name without `.mustache`), read once.
    static let texts: [String: String] = {
        guard let dir = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            preconditionFailure("the bundled templates of BanenafspraakPresentation are missing")
        }
        var texts: [String: String] = [:]
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []) where name.hasSuffix(".mustache") {
            if let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) {
                texts[String(name.dropLast(".mustache".count))] = text
            }
        }
        return texts
    }()

    /// The templates parsed once. One that does not parse is a programming error the tests catch, never a user's.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do { try register(into: &library) } catch { preconditionFailure("a bundled template does not parse: \(error)") }
        return library
    }()

    /// Adds these templates to another library (the server renders its pages through its own, with its layout).
    public static func register(into library: inout MustacheLibrary) throws {
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) { try library.register(text, named: name) }
    }

    /// The document `template` rendered from `view`.
    public static func render(_ view: Any, template: String) -> String {
        guard let html = library.render(view, withTemplate: template) else {
            preconditionFailure("no bundled template named \(template)")
        }
        return html
    }
}

/// A table as the `table` partial shows it: a caption, the column headings, and rows whose first cell heads the row.
public struct TableView: Sendable {
    public struct Cell: Sendable {
        public var text: String
        /// Shown in the warning colour (a value without a source).
        public var missing: Bool
        public init(_ text: String, missing: Bool = false) {
            self.text = text
            self.missing = missing
        }
    }

    public struct Row: Sendable {
        public var head: String
        public var cells: [Cell]
    }

    public var caption: String
    public var header: [String]
    public var rows: [Row]

    /// `rows[0]` is the header row; the first cell of every other row heads it.
    public init(caption: String, _ rows: [[String]]) {
        self.caption = caption
        header = rows.first ?? []
        self.rows = rows.dropFirst().map { Row(head: $0.first ?? "", cells: $0.dropFirst().map { Cell($0) }) }
    }
}

/// A CSV download as a `data:` link (percent-encoded, so no file from outside is needed): RFC 4180 (a cell with a
/// comma, quote or line break is quoted), and no cell a spreadsheet could read as a formula (``SpreadsheetCell``).
/// The CSV keeps the contract notation (`1234.56`); the table beside it is for reading.
public struct CSVDownload: Sendable {
    public var name: String
    public var href: String

    public init(name: String, rows: [[String]]) {
        self.name = name
        let text = rows.map { $0.map { SpreadsheetCell.csvField($0) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        var encoded = "data:text/csv;charset=utf-8,"
        for b in text.utf8 {
            if (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 46 || b == 95 {
                encoded.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        href = encoded
    }
}

/// A chart with its data: the SVG, the same numbers as a table (for reading and for screen readers), and the CSV.
public struct FigureView: Sendable {
    public var heading: String
    public var svg: String
    public var table: TableView
    public var csv: CSVDownload

    /// `shown` is the table in Dutch notation; `data` the same rows in contract notation for the CSV.
    public init(heading: String, svg: String, shown: [[String]], data: [[String]], csvName: String) {
        self.heading = heading
        self.svg = svg
        table = TableView(caption: "Gegevens: \(heading)", shown)
        csv = CSVDownload(name: csvName, rows: data)
    }
}
