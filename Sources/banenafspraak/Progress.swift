#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakCore
import Foundation

/// A progress line on stderr (lines per second and percent done), silent when stderr is not a terminal.
final class ProgressReporter: @unchecked Sendable {
    private let enabled = isatty(2) == 1
    private let lock = NSLock()
    private var last = DispatchTime.now()
    private let start = DispatchTime.now()
    private let label: String

    init(label: String) { self.label = label }

    func update(done: Int64, total: Int64, lines: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now()
        guard now.uptimeNanoseconds - last.uptimeNanoseconds > 250_000_000 || done >= total else { return }
        last = now
        let elapsed = max(now.uptimeNanoseconds - start.uptimeNanoseconds, 1)
        let percent = total > 0 ? Int(done * 100 / total) : 0
        let rate = UInt64(lines) * 1_000_000_000 / elapsed
        FileHandle.standardError.write("\r\(label): \(percent)% · \(lines) regels · \(rate) regels/s   ".data(using: .utf8)!)
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write("\n".data(using: .utf8)!)
    }
}

/// Writes a line to stderr. With ``ErrorFormat/json`` set (`--format json`), the first error line is also
/// written to stdout as `{"error": {"message": …}}`, so a program reading the JSON output gets JSON.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
    if ErrorFormat.json && !ErrorFormat.printed && s.hasPrefix("error: ") {
        ErrorFormat.printed = true
        let json = JSONValue.object([("error", .object([("message", .string(String(s.dropFirst("error: ".count))))]))])
        print(json.rendered(), terminator: "")
    }
}

/// Whether errors are also reported as JSON on stdout.
enum ErrorFormat {
    nonisolated(unsafe) static var json = false
    nonisolated(unsafe) static var printed = false
}

/// A user-given value for a message: control characters (a stray line break, say) shown escaped, long values cut.
func displayed(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars.prefix(80) {
        if u.value < 0x20 || u.value == 0x7F { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
    }
    return s.unicodeScalars.count > 80 ? out + "…" : out
}
