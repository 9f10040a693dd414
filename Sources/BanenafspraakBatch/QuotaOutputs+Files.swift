import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

/// Writes the contract outputs of a quota run (output contract: docs/contracts-internal.md).
extension QuotaOutputs {
    /// Writes `employers.csv`, `national.json` and `report.html` into `directory` (`rejected.csv` is
    /// streamed during the run).
    public static func write(_ result: QuotaResult, to directory: String) throws {
        let dir = URL(fileURLWithPath: directory)
        try writeEmployersCSV(result, path: dir.appendingPathComponent("employers.csv").path)
        try FileIO.writeFile(path: dir.appendingPathComponent("national.json").path, bytes: Array(nationalJSON(result).rendered().utf8))
        try QuotumPercentageBerekening.write(result, to: directory)
        try FileIO.writeFile(path: dir.appendingPathComponent("report.html").path,
                             bytes: Array(ReportHTML.render(result, history: GrowthHistory.collect(result, outputDirectory: directory)).utf8))
    }

    /// Writes `measurement.json` (`measure`, reading Regeling Wfsv art. 3.29-3.30 in docs/readings.md): the measurement, retention and regional figures.
    public static func writeMeasurement(_ result: QuotaResult, to directory: String) throws {
        let national = nationalJSON(result)
        var pairs: [(String, JSONValue)] = [
            ("year", .integer(Int64(result.year))),
            ("regime_register", .string(result.regime.rawValue)),
        ]
        if result.calendar != nil { pairs += [("as_of", national["as_of"]!), ("stage", national["stage"]!)] }
        pairs.append(("measurement", national["measurement"]!))
        pairs.append(("retention_and_regional", result.retention?.jsonValue ?? .null))
        // Only when employers.csv has a subsector column: without it the file stays as it was.
        if let subsectors = result.subsectorDecember { pairs.append(("overheid_subsectors", subsectors.jsonValue)) }
        pairs.append(("rows", national["rows"]!))
        let json = JSONValue.object(pairs)
        try FileIO.writeFile(path: URL(fileURLWithPath: directory).appendingPathComponent("measurement.json").path, bytes: Array(json.rendered().utf8))
    }

    static func writeEmployersCSV(_ result: QuotaResult, path: String) throws {
        let w = try BufferedWriter(path: path)
        w.write(employersHeader + "\n")
        for e in sortedEmployerIndexes(result) {
            let f = result.figures[e]
            w.write(bytes: result.employers.ids.bytes(Int32(e)))
            w.write(","); w.write(result.employers.sector[e].rawValue)
            for column in EmployerFigures.Column.allCases { w.write(","); w.write(column.text(in: f)) }
            w.write("\n")
        }
        try w.flush()
    }
}
