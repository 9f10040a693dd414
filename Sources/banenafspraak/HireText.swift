import BanenafspraakServer

/// `hire --format text`: the summary the page `/aanname` shows, as plain Dutch text.
enum HireText {
    static func render(_ outcome: Hire.Outcome) -> String { HireSummary(outcome).text }
}
