import BanenafspraakAssessment
import Foundation

extension RunDescription {
    public init(options: QuotaOptions, now: Date = Date()) {
        self.init()
        producedAt = RunDescription.utc(now)
        inputDirectory = options.inputDirectory
        parametersFile = options.parametersFile
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }
}
