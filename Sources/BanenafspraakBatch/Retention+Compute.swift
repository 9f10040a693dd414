import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

extension RetentionFigures {
    static func compute(aggregator: PayrollAggregator, register: RegisterIndex) -> RetentionFigures {
        func row(_ route: String, _ include: (Int) -> Bool) -> Row {
            var r = Row(route: route, workingP1: 0, workingP2: 0, everyQuarter: 0, noLongerWorking: 0)
            for p in 0..<register.registeredCount {
                let w = aggregator.workedLines
                let q = (w[p * 4] > 0 ? 1 : 0) | (w[p * 4 + 1] > 0 ? 2 : 0) | (w[p * 4 + 2] > 0 ? 4 : 0) | (w[p * 4 + 3] > 0 ? 8 : 0)
                guard q & 1 != 0 && include(p) else { continue }
                r.workingP1 += 1
                if q & 8 != 0 { r.workingP2 += 1 } else { r.noLongerWorking += 1 }
                if q == 0b1111 { r.everyQuarter += 1 }
            }
            return r
        }
        let overall = row("all") { _ in true }
        let byRoute = RegisterRoute.allCases.map { route in row(route.rawValue) { register.routes[$0].contains(route) } }
            .filter { $0.workingP1 > 0 }
        // Regional: persons per (region, quarter), and the change against the previous quarter.
        var sets: [Int: Set<Int32>] = [:] // key region * 4 + quarter
        for (k, lines) in aggregator.personRegionQuarter where lines > 0 {
            let person = Int32(truncatingIfNeeded: k >> 16), region = Int((k >> 8) & 0xFF), quarter = Int(k & 0xFF)
            sets[region * 4 + quarter, default: []].insert(person)
        }
        var regional: [Regional] = []
        for region in 1...35 {
            for quarter in 0..<4 {
                let now = sets[region * 4 + quarter] ?? []
                let before = quarter > 0 ? (sets[region * 4 + quarter - 1] ?? []) : []
                if now.isEmpty && before.isEmpty { continue }
                regional.append(Regional(region: region, quarter: quarter + 1, working: now.count,
                                         kept: quarter > 0 ? now.intersection(before).count : 0,
                                         gained: quarter > 0 ? now.subtracting(before).count : 0,
                                         lost: quarter > 0 ? before.subtracting(now).count : 0))
            }
        }
        return RetentionFigures(
            overall: overall, byRoute: byRoute,
            permanentHoursP1: (CentiHours(aggregator.quarterPermanentHours[0]), CentiHours(aggregator.quarterHours[0])),
            permanentHoursP2: (CentiHours(aggregator.quarterPermanentHours[3]), CentiHours(aggregator.quarterHours[3])),
            regional: regional)
    }
}
