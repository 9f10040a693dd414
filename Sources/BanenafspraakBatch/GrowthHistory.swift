import BanenafspraakAssessment
import BanenafspraakCore
import Foundation

/// The growth path over several years for the report: the measurement of this run plus that of earlier runs
/// found beside it.
///
/// Mechanism (simple on purpose): run each year into sibling output folders, e.g. `out/2016`, `out/2017`, … from
/// the yearly input folders `generate --years 2016-2024` writes (`data/2016`, `data/2017`, …). When a report is
/// written to `out/Y`, every sibling folder of `out/Y` holding a `national.json` whose input folder is a sibling of
/// this run's input folder (same parent) and whose register regime is the same contributes its year. A later run
/// of an earlier year replaces nothing: one point per year, this run's own year always from this run.
public enum GrowthHistory {
    public struct Point: Sendable, Equatable {
        public var year: Int
        /// Hundredths of a job, per quotum.
        public var realised: [Quotum: Int64]
        public var target: [Quotum: Int64]
    }

    public static func point(_ r: QuotaResult) -> Point {
        var realised: [Quotum: Int64] = [:], target: [Quotum: Int64] = [:]
        for (k, m) in r.measurement { realised[k] = m.extraJobsHundredths; target[k] = m.target }
        return Point(year: r.year, realised: realised, target: target)
    }

    /// The part of a sibling's `national.json` the growth path reads.
    struct SiblingNational: Decodable {
        struct Run: Decodable {
            var input: String?
        }

        struct Measurement: Decodable {
            var extraJobs: String?
            var target: Int?

            enum CodingKeys: String, CodingKey {
                case extraJobs = "extra_jobs", target
            }
        }

        var year: Int?
        var regimeRegister: String?
        var run: Run?
        var measurement: [String: Measurement]?

        enum CodingKeys: String, CodingKey {
            case year, regimeRegister = "regime_register", run, measurement
        }
    }

    /// This run's point and those of sibling runs, sorted by year.
    public static func collect(_ r: QuotaResult, outputDirectory: String) -> [Point] {
        var points: [Int: Point] = [r.year: point(r)]
        let out = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        let parent = out.deletingLastPathComponent()
        let inputParent = URL(fileURLWithPath: r.run.inputDirectory).standardizedFileURL.deletingLastPathComponent().path
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.sorted() ?? []
        for name in siblings where name != out.lastPathComponent {
            let file = parent.appendingPathComponent(name).appendingPathComponent("national.json")
            guard let data = FileManager.default.contents(atPath: file.path),
                  let json = try? JSONDecoder().decode(SiblingNational.self, from: data),
                  let year = json.year, points[year] == nil, json.regimeRegister == r.regime.rawValue,
                  let input = json.run?.input,
                  URL(fileURLWithPath: input).standardizedFileURL.deletingLastPathComponent().path == inputParent,
                  let measurement = json.measurement else { continue }
            var p = Point(year: year, realised: [:], target: [:])
            for key in Quotum.allCases {
                guard let m = measurement[key.rawValue], let extra = m.extraJobs, let units = FixedPoint.parse(extra, scale: 2), let t = m.target else { continue }
                p.realised[key] = units
                p.target[key] = Int64(t)
            }
            if p.realised.count == 3 { points[year] = p }
        }
        return points.keys.sorted().map { points[$0]! }
    }
}
