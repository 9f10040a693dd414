/// The 35 arbeidsmarktregio's (`AMR01`–`AMR35`) in which UWV and the municipalities organise the
/// werkgeversdienstverlening, and by which the regional figures of the banenafspraak are published. Employers carry
/// the region's number (1–35); this is the one place that writes and reads its code.
public enum Arbeidsmarktregio {
    /// How many regions there are.
    public static let count = 35

    /// `AMR01` … `AMR35` for 1…35.
    public static func code<N: BinaryInteger>(_ number: N) -> String { number < 10 ? "AMR0\(number)" : "AMR\(number)" }

    /// The region number of `AMR01` … `AMR35`, nil for anything else.
    public static func number(_ code: String) -> Int? {
        guard code.count == 5, code.hasPrefix("AMR"), let n = Int(code.dropFirst(3)), (1...count).contains(n) else { return nil }
        return n
    }
}
