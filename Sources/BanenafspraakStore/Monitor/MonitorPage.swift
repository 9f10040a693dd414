import BanenafspraakCore
import BanenafspraakPresentation

/// The monitor as a document (`monitor.html`, template `monitor`): per view a table with every column, a chart
/// with its numbers and the CSV file beside it. Numbers in Dutch notation; the CSV keeps the contract notation.
public struct MonitorPage {
    public struct Section {
        public var id: String
        public var heading: String
        public var note: String
        public var table: TableView
        public var figure: FigureView
        /// The file written beside `monitor.html`.
        public var csvFile: String
    }

    public var title: String
    public var intro: String
    public var readingNote: String
    public var notes: [String]
    public var sections: [Section]

    public init(_ m: Monitor) {
        let monthName = m.quarter.map { "kwartaal \($0) (\(m.month))" } ?? "december \(m.year)"
        title = "Monitor banenafspraak \(m.year)" + (m.region.map { ", arbeidsmarktregio \($0)" } ?? "")
        intro = "Run \(m.run), \(monthName): personen en banen uit de doelgroep (een baan is \(DutchNumber.hours(m.hoursPerJobMonth)) per maand, 25,5 uur per week), per sector, per overheidssubsector en per arbeidsmarktregio."
        readingNote = m.readingNote
        notes = [
            "Officieel is alleen de jaarmeting per sector (december, definitieve run of run zonder peildatum). Regio's, subsectoren en kwartalen zijn indicatief.",
            "Een regel telt bij de werkgever, en bij inleen bij de inlener, zoals de meting telt (Regeling Wfsv art. 3.30); de regio en subsector zijn die van de werkgever waar de regel telt. Inleen staat apart en is een deel van de uren en banen.",
            "Personen met uren in de maand; wie op twee plaatsen werkt telt in elke rij één keer, dus de rijen tellen niet op tot het totaal.",
            "Banen = uren / \(DutchNumber.format(m.hoursPerJobMonth.description)), naar beneden afgerond op twee decimalen.",
        ]
        if m.region != nil { notes.append("Deze monitor bevat alleen de regio \(m.region!); landelijke cijfers staan er niet in.") }
        var sections: [Section] = []
        if m.region == nil {
            sections.append(Self.section(id: "sectoren", heading: "Per sector: realisatie tegen het groeipad", rows: m.sectors, csvFile: "sectors.csv", rowName: "Sector",
                                         note: "Extra banen = (uren − nulmeting december 2012) / uren per baan; het doel is het groeipad van het jaar (parameters measurement.growth_path.*)."))
            sections.append(Self.section(id: "subsectoren", heading: "Per overheidssubsector", rows: m.subsectors, csvFile: "subsectors.csv", rowName: "Subsector",
                                         note: Monitor.noTargetNote))
        }
        sections.append(Self.section(id: "regios", heading: "Per arbeidsmarktregio", rows: m.regions, csvFile: "regions.csv",
                                     rowName: "Arbeidsmarktregio", note: Monitor.noTargetNote))
        self.sections = sections
    }

    public var html: String { Templates.render(self, template: "monitor") }

    static let shownHeader = ["Lezing", "Werkgevers", "Personen", "Uren", "Banen", "Inleen: personen", "Inleen: uren", "Inleen: banen",
                              "Doel (banen)", "Extra banen", "Realisatie"]

    static func shown(_ r: Monitor.Row) -> [String] {
        [r.name, r.reading.rawValue, DutchNumber.count(r.employers), DutchNumber.count(r.persons), DutchNumber.format(r.hours.description),
         DutchNumber.format(units: r.jobsHundredths, scale: 2), DutchNumber.count(r.inleenPersons), DutchNumber.format(r.inleenHours.description),
         DutchNumber.format(units: r.inleenJobsHundredths, scale: 2),
         r.target.map { DutchNumber.count($0.jobs) } ?? "geen streefcijfer",
         r.target.map { DutchNumber.format(units: $0.extraJobsHundredths, scale: 2) } ?? "–",
         r.target.map { DutchNumber.format(units: $0.realisedBasisPoints, scale: 2) + "%" } ?? "–"]
    }

    static func section(id: String, heading: String, rows: [Monitor.Row], csvFile: String, rowName: String, note: String) -> Section {
        let table = TableView(caption: heading, [[rowName] + shownHeader] + rows.map(shown))
        let chartTitle = "\(heading): banen uit de doelgroep"
        let svg = SVGChart.horizontalBars("chart-\(id)", chartTitle, rows.map {
            (label: $0.name, value: $0.jobsHundredths, text: DutchNumber.format(units: $0.jobsHundredths, scale: 2), colour: "#1f5fa8")
        }).replacingOccurrences(of: "<svg role=", with: "<svg class=\"chart\" role=")
        let figure = FigureView(heading: chartTitle, svg: svg,
                                shown: [[rowName, "Banen"]] + rows.map { [$0.name, DutchNumber.format(units: $0.jobsHundredths, scale: 2)] },
                                data: [["key", "jobs"]] + rows.map { [$0.key, FixedPoint.format($0.jobsHundredths, scale: 2)] },
                                csvName: "\(id)-banen.csv")
        return Section(id: id, heading: heading, note: note, table: table, figure: figure, csvFile: csvFile)
    }
}
