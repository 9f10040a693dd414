import BanenafspraakCore
import Foundation

/// The consolidated law texts bundled in `law/` (copied verbatim from MinBZK/regelrecht-corpus, which mirrors
/// wetten.overheid.nl; `law/README.md` says what is there): one folder per law, one per consolidated version
/// (`valid_from`), one YAML file per article (`art-31.yaml`).
public struct LawTexts: Sendable {
    /// The folder that holds one subfolder per law.
    public var root: String

    /// The BWB id of each law folder (`law/README.md`, "Laws and BWB ids").
    public static let folderByBWB: [String: String] = [
        "BWBR0015703": "participatiewet",
        "BWBR0037522": "wet_tegemoetkomingen_loondomein",
        "BWBR0001888": "ziektewet",
        "BWBR0017745": "wet_financiering_sociale_verzekeringen",
        "BWBR0051018": "wet_banenafspraak",
        "BWBR0002638": "wet_minimumloon_en_minimumvakantiebijslag",
    ]

    public init(root: String) { self.root = root }

    /// The texts bundled with this module.
    public static func bundled() throws -> LawTexts {
        guard let dir = Bundle.module.url(forResource: "law", withExtension: nil) else {
            throw ParameterFileError(file: "law/", message: "the bundled law folder is missing")
        }
        return LawTexts(root: dir.path)
    }

    /// The versions collected for `law`, oldest first (folder names are `YYYY-MM-DD`).
    public func versions(of law: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(law)")) ?? []
        return names.filter { LocalDate($0) != nil }.sorted()
    }

    /// The relative path of the article file of the version in force on `date`: the latest collected version on
    /// or before `date` that has the article (law/README.md: a version applies until the next one).
    public func articleFile(law: String, article: String, inForceOn date: LocalDate) -> String? {
        let candidates = versions(of: law).filter { LocalDate($0)! <= date }
            .filter { FileManager.default.fileExists(atPath: "\(root)/\(law)/\($0)/art-\(article).yaml") }
        return candidates.last.map { "\(law)/\($0)/art-\(article).yaml" }
    }

    /// The whole text of an article file (every entry's `text`, in order), or `nil` when it cannot be read.
    public func text(ofFile relativePath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(root)/\(relativePath)"),
              let yaml = String(data: data, encoding: .utf8) else { return nil }
        return LawYAML.entries(yaml).map(\.text).joined(separator: "\n")
    }
}

/// A reader for the one simple YAML shape of the law files: comment lines, `articles:`, and entries of
/// `- number: …`, `text: …` (a `|-`/`>-` block, a quoted or a plain scalar) and `url: …`. Not a YAML parser.
public enum LawYAML {
    public struct Entry: Sendable, Equatable {
        public var number: String
        public var text: String
        public var url: String

        public init(number: String, text: String, url: String) {
            self.number = number
            self.text = text
            self.url = url
        }
    }

    public static func entries(_ yaml: String) -> [Entry] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [Entry] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let v = value(of: "  - number: ", in: line) {
                out.append(Entry(number: unquoted(v), text: "", url: ""))
            } else if let v = value(of: "    text: ", in: line), !out.isEmpty {
                if ["|-", "|", ">-", ">"].contains(v) {
                    var body: [String] = []
                    while i + 1 < lines.count, lines[i + 1].hasPrefix("      ") || lines[i + 1].trimmingCharacters(in: .whitespaces).isEmpty {
                        i += 1
                        body.append(String(lines[i].dropFirst(min(6, lines[i].count))))
                    }
                    out[out.count - 1].text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                } else if v.hasPrefix("'") {
                    var t = String(v.dropFirst())
                    while !(t.hasSuffix("'") && !t.hasSuffix("''")), i + 1 < lines.count {
                        i += 1
                        t += " " + lines[i].trimmingCharacters(in: .whitespaces)
                    }
                    out[out.count - 1].text = String(t.dropLast()).replacingOccurrences(of: "''", with: "'")
                } else {
                    out[out.count - 1].text = v
                }
            } else if let v = value(of: "    url: ", in: line), !out.isEmpty {
                out[out.count - 1].url = v
            }
            i += 1
        }
        return out
    }

    private static func value(of prefix: String, in line: String) -> String? {
        line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
    }

    private static func unquoted(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("'") && s.hasSuffix("'") ? String(s.dropFirst().dropLast()) : s
    }
}
