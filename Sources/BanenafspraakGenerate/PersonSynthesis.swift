/// Per-worker running totals per employer, for the suggested quota percentages (see `QuotaSuggestion`).
/// Each worker slot owns one; they are summed (integers, so in any order) at the end.
final class Accumulators: @unchecked Sendable {
    let count: Int
    /// Hours of all valid own lines in year t (`hours_total`), centi-hours.
    let total: UnsafeMutablePointer<Int>
    /// A: own hours excluding lent-out lines and non-lent-out `wsw` lines.
    let a: UnsafeMutablePointer<Int>
    /// C: target-group hours (current regime), lent-out lines credited to the hirer.
    let c: UnsafeMutablePointer<Int>

    init(count: Int) {
        self.count = count
        total = .allocate(capacity: max(count, 1))
        a = .allocate(capacity: max(count, 1))
        c = .allocate(capacity: max(count, 1))
        total.initialize(repeating: 0, count: max(count, 1))
        a.initialize(repeating: 0, count: max(count, 1))
        c.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        total.deallocate()
        a.deallocate()
        c.deallocate()
    }

    func add(_ other: Accumulators) {
        for i in 0..<count {
            total[i] += other.total[i]
            a[i] += other.a[i]
            c[i] += other.c[i]
        }
    }
}

/// Row counts of one chunk (or of the whole run, when summed).
struct RowCounts {
    var payrollRows = 0
    var registerRows = 0
    var registeredPersons = 0
    var injectedDuplicate = 0
    var injectedUnknownEmployer = 0
    var injectedOutOfRange = 0
    var injectedOutsideYear = 0
    var injectedFromAfterUntil = 0
    /// `generate --corrections` (spec section 13): corrections (a second row for a key, received later) by when
    /// they arrive, late lines, withdrawals (a correction to 0 hours and 0 wage) and late registrations.
    var correctionsBeforeVoorlopig = 0
    var correctionsBetweenCutoffs = 0
    var correctionsAfterDefinitief = 0
    var withdrawals = 0
    var lateLines = 0
    var lateRegistrations = 0

    static func + (x: RowCounts, y: RowCounts) -> RowCounts {
        RowCounts(
            payrollRows: x.payrollRows + y.payrollRows,
            registerRows: x.registerRows + y.registerRows,
            registeredPersons: x.registeredPersons + y.registeredPersons,
            injectedDuplicate: x.injectedDuplicate + y.injectedDuplicate,
            injectedUnknownEmployer: x.injectedUnknownEmployer + y.injectedUnknownEmployer,
            injectedOutOfRange: x.injectedOutOfRange + y.injectedOutOfRange,
            injectedOutsideYear: x.injectedOutsideYear + y.injectedOutsideYear,
            injectedFromAfterUntil: x.injectedFromAfterUntil + y.injectedFromAfterUntil,
            correctionsBeforeVoorlopig: x.correctionsBeforeVoorlopig + y.correctionsBeforeVoorlopig,
            correctionsBetweenCutoffs: x.correctionsBetweenCutoffs + y.correctionsBetweenCutoffs,
            correctionsAfterDefinitief: x.correctionsAfterDefinitief + y.correctionsAfterDefinitief,
            withdrawals: x.withdrawals + y.withdrawals,
            lateLines: x.lateLines + y.lateLines,
            lateRegistrations: x.lateRegistrations + y.lateRegistrations
        )
    }
}

/// The output buffers of one chunk.
final class ChunkOutput: @unchecked Sendable {
    var payroll: ByteWriter
    var register: ByteWriter
    var counts = RowCounts()
    var persons = 0

    init(capacity: Int) {
        payroll = ByteWriter(capacity: capacity)
        register = ByteWriter(capacity: max(4096, capacity / 32))
    }

    deinit {
        payroll.release()
        register.release()
    }
}

/// Generates the payroll lines and register rows of the persons of a range of employers.
struct PersonSynthesizer: Sendable {
    let plan: EmployerPlan
    let year: Int
    let wml: Int
    /// `YYYY-MM,` for months 1...12 of year t, index 0 is `(t-1)-12,`.
    let periods: [[UInt8]]
    /// Rates (per million persons) of the injected bad payroll lines. A person has about 11.3 lines, so 113 ppm
    /// of persons is about 1 per 100,000 lines; outside-year lines half that.
    static let duplicatePPM = 113
    static let unknownEmployerPPM = 113
    static let outOfRangePPM = 113
    static let outsideYearPPM = 57

    static let schemes: [[UInt8]] = [Array("regular".utf8), Array("wsw".utf8), Array("beschut".utf8)]
    static let contracts: [[UInt8]] = [Array("permanent".utf8), Array("temporary".utf8)]

    /// `generate --corrections`: every row gets a `received` date (spec section 13), drawn from streams of their
    /// own, so the rows without the column stay what they are without the flag.
    let corrections: Bool

    init(plan: EmployerPlan, corrections: Bool = false) {
        self.plan = plan
        self.corrections = corrections
        year = plan.year
        wml = Vocabulary.minimumHourlyCents(year: plan.year)
        var p = [[UInt8]]()
        p.append(Array(String(format4(plan.year - 1) + "-12,").utf8))
        for m in 1...12 { p.append(Array((format4(plan.year) + "-" + (m < 10 ? "0" : "") + String(m) + ",").utf8)) }
        periods = p
    }

    func personSeed(_ g: Int) -> UInt64 { SplitMix64.mix(plan.root ^ 0x9E50, UInt64(g)) }

    /// Writes `P00000001` for person index `g` (0-based).
    @inline(__always)
    static func putPersonId(_ w: inout ByteWriter, _ g: Int) {
        w.put(80)  // P
        w.putDigits(g + 1, width: 8)
    }

    /// Writes `E0000001` for employer index `e` (0-based).
    @inline(__always)
    static func putEmployerId(_ w: inout ByteWriter, _ e: Int) {
        w.put(69)  // E
        w.putDigits(e + 1, width: 7)
    }

    /// Draws a person's registration intervals, writes the register rows and returns the months (bit m−1 for
    /// month m of year t) in which the person counts as arbeidsbeperkt under the current regime.
    ///
    /// Interval shapes: 76% registered before year t and still registered (blank `registered_until`); 10% start
    /// in year t; 5% end in year t; 4% end and start again in year t (two intervals); 3% ended in year t−1 (do
    /// not count); 2% registered until a date after year t (the old t+2 end date). In-year dates are mid-month.
    func registration(route: Int, person g: Int, _ r: inout SplitMix64, into w: inout ByteWriter,
                      counts: inout RowCounts) -> UInt16 {
        let t = year
        let pastLo = min(t - 1, max(2015, t - 9))
        func row(_ w: inout ByteWriter, from: (Int, Int, Int), until: (Int, Int, Int)?) {
            w.reserve(64)
            PersonSynthesizer.putPersonId(&w, g)
            w.put(44)
            w.put(Vocabulary.routeBytes[route])
            w.put(44)
            w.putDate(from.0, from.1, from.2)
            w.put(44)
            if let u = until { w.putDate(u.0, u.1, u.2) }
            if corrections {
                // Received a few days after registered_from; 1.5% late (February-April of t+1, between the two
                // cut-offs), 0.5% after 1 May of t+1.
                var c = SplitMix64(seed: SplitMix64.mix(personSeed(g) ^ 0x5EC0, UInt64(from.0 * 10_000 + from.1 * 100 + from.2)))
                w.put(44)
                let u = c.below(1000)
                if u < 15 {
                    w.putDate(t + 1, c.int(2, 4), c.int(1, 28))
                    counts.lateRegistrations += 1
                } else if u < 20 {
                    w.putDate(t + 1, c.int(6, 12), c.int(1, 28))
                    counts.lateRegistrations += 1
                } else {
                    w.putDate(from.0, from.1, min(28, from.2 + c.int(0, 10)))
                }
            }
            w.put(10)
            counts.registerRows += 1
        }
        let u = r.below(1000)
        var mask: UInt16 = 0
        if u < 760 {
            row(&w, from: (r.int(pastLo, t - 1), r.int(1, 12), r.int(1, 28)), until: nil)
            mask = 0xFFF
        } else if u < 860 {
            let m = r.int(2, 12)
            row(&w, from: (t, m, r.int(5, 25)), until: nil)
            mask = UInt16(0xFFF) & ~((1 << (m - 1)) - 1)
        } else if u < 910 {
            let m = r.int(1, 11)
            row(&w, from: (r.int(pastLo, t - 1), r.int(1, 12), r.int(1, 28)), until: (t, m, r.int(5, 25)))
            mask = (1 << m) - 1
        } else if u < 950 {
            let m1 = r.int(1, 9)
            let m2 = r.int(m1 + 2, 12)
            row(&w, from: (r.int(pastLo, t - 1), r.int(1, 12), r.int(1, 28)), until: (t, m1, r.int(5, 25)))
            row(&w, from: (t, m2, r.int(5, 25)), until: nil)
            mask = ((1 << m1) - 1) | (UInt16(0xFFF) & ~((1 << (m2 - 1)) - 1))
        } else if u < 980 {
            row(&w, from: (r.int(pastLo, t - 1), r.int(1, 6), r.int(1, 28)), until: (t - 1, r.int(7, 12), r.int(1, 28)))
            mask = 0
        } else {
            row(&w, from: (r.int(pastLo, t - 1), r.int(1, 12), r.int(1, 28)), until: (t + r.int(1, 2), r.int(1, 12), r.int(1, 28)))
            mask = 0xFFF
        }
        return Vocabulary.routes[route].widening ? 0 : mask
    }

    /// One employment segment of a person: an employer, a month range and the line attributes.
    private struct Segment {
        var employer: Int
        var hirer: Int  // -1: not lent out
        var first: Int
        var last: Int
        var contract: Int  // 0 permanent, 1 temporary
        var scheme: Int  // 0 regular, 1 wsw, 2 beschut
    }

    /// Generates all persons of the employers `chunk` into `out` and adds their hours to `acc`.
    func run(chunk: Range<Int>, out: ChunkOutput, acc: Accumulators) {
        var payroll = out.payroll
        var register = out.register
        payroll.reset()
        register.reset()
        var counts = RowCounts()
        var prefix = ByteWriter(capacity: 64)
        var suffix = ByteWriter(capacity: 64)
        var unknownPrefix = ByteWriter(capacity: 64)
        defer {
            prefix.release()
            suffix.release()
            unknownPrefix.release()
        }
        let wml = self.wml
        let plan = self.plan

        for e in chunk {
            let kind = EmployerPlan.Kind(rawValue: plan.kind[e])!
            let propensity = Int(plan.propensityPPM[e])
            for g in plan.personStart[e]..<plan.personStart[e + 1] {
                var r = SplitMix64(seed: personSeed(g))

                // Role at the first employer.
                var scheme = 0
                var registered = false
                var route = -1
                var lent = false
                switch kind {
                case .wsw:
                    let u = r.below(100)
                    if u < 80 {
                        scheme = 1
                        registered = true
                        route = Vocabulary.wswRoute
                        lent = r.chance(ppm: 300_000)  // detachering
                    } else if u < 85 {
                        scheme = 2
                        registered = r.chance(ppm: 400_000)
                        route = Vocabulary.pwetWmlRoute
                    } else {
                        registered = r.chance(ppm: 20_000)
                    }
                case .staffing:
                    lent = r.chance(ppm: 850_000)
                    registered = r.chance(ppm: propensity)
                case .regular:
                    registered = r.chance(ppm: propensity)
                }
                var hirer = -1
                if lent {
                    hirer = plan.hirerFor(e, &r)
                    lent = hirer >= 0
                }

                // Employment pattern: full year, job change in the year, or part of the year.
                let (fullPermille, moverPermille): (Int, Int) = switch kind {
                case .regular: (830, 60)
                case .staffing: (700, 80)
                case .wsw: (930, 20)
                }
                var first = 1, last = 12, moveAfter = 0, second = -1
                let pattern = r.below(1000)
                if pattern < fullPermille {
                    // whole year
                } else if pattern < fullPermille + moverPermille {
                    let k = r.int(1, 11)
                    second = plan.moverTarget(from: e, &r)
                    if second >= 0 { moveAfter = k }
                } else {
                    let len = r.int(1, 11)
                    first = r.int(1, 13 - len)
                    last = first + len - 1
                }
                let permanentPPM = switch kind {
                case .regular: 700_000
                case .staffing: 100_000
                case .wsw: 900_000
                }
                let contract = r.chance(ppm: permanentPPM) ? 0 : 1

                // Hours: a weekly contract (full-time 36–40 h, part-time 20–32 h, small 5–19 h) as monthly
                // hours (× 52/12, so often with 2 decimals), fixed every month or varying (flex work).
                let weekly: Int
                if scheme == 1 {
                    weekly = r.int(28, 36)
                } else {
                    let cat = r.below(100)
                    let fullShare = registered ? 15 : 35
                    if cat < fullShare { weekly = r.int(36, 40) }
                    else if cat < fullShare + 40 { weekly = r.int(20, 32) }
                    else { weekly = r.int(5, 19) }
                }
                let baseHours = (weekly * 5200 + 6) / 12
                let variable = r.chance(ppm: kind == .staffing ? 600_000 : 250_000)

                // Hourly wage: around the minimum wage for the target group and Wsw, otherwise 1.0–4.5× WML
                // (about €13–€60 in 2024); 60% get their holiday allowance (8% of the year's pay) in May.
                var hourly: Int
                if registered || scheme != 0 {
                    hourly = wml * r.int(100, 125) / 100
                } else {
                    let q = r.below(1000)
                    let ratio = q < 150 ? r.int(1000, 1100) : q < 600 ? r.int(1100, 1800)
                        : q < 900 ? r.int(1800, 2800) : r.int(2800, 4500)
                    hourly = wml * ratio / 1000
                }
                let mayAllowance = r.chance(ppm: 600_000) ? baseHours * hourly / 100 * 96 / 100 : 0

                // Register rows and the months the person counts (current regime).
                var mask: UInt16 = 0
                if registered {
                    if route < 0 { route = r.pick(weights: Vocabulary.routeWeights) }
                    counts.registeredPersons += 1
                    mask = registration(route: route, person: g, &r, into: &register, counts: &counts)
                }

                // Injected bad lines (see the manifest's "injected"); person 0 gets one of each.
                let injectDuplicate = g == 0 || r.chance(ppm: PersonSynthesizer.duplicatePPM)
                let injectUnknown = g == 0 || r.chance(ppm: PersonSynthesizer.unknownEmployerPPM)
                let injectOutOfRange = g == 0 || r.chance(ppm: PersonSynthesizer.outOfRangePPM)
                let injectOutsideYear = g == 0 || r.chance(ppm: PersonSynthesizer.outsideYearPPM)

                let segments = (
                    Segment(employer: e, hirer: lent ? hirer : -1, first: first,
                            last: moveAfter > 0 ? moveAfter : last, contract: contract, scheme: scheme),
                    Segment(employer: second, hirer: -1, first: moveAfter + 1, last: 12,
                            contract: r.chance(ppm: 400_000) ? 0 : 1, scheme: 0)
                )
                let segmentCount = moveAfter > 0 ? 2 : 1
                for s in 0..<segmentCount {
                    let seg = s == 0 ? segments.0 : segments.1
                    if s == 1 { hourly = hourly * r.int(100, 110) / 100 }
                    prefix.reset()
                    PersonSynthesizer.putEmployerId(&prefix, seg.employer)
                    prefix.put(44)
                    PersonSynthesizer.putPersonId(&prefix, g)
                    prefix.put(44)
                    suffix.reset()
                    suffix.put(44)
                    suffix.put(PersonSynthesizer.contracts[seg.contract])
                    suffix.put(44)
                    suffix.put(PersonSynthesizer.schemes[seg.scheme])
                    suffix.put(44)
                    if seg.hirer >= 0 { PersonSynthesizer.putEmployerId(&suffix, seg.hirer) }
                    if !corrections { suffix.put(10) }
                    // generate --corrections: the received date ends each line (its own stream per segment).
                    var c = SplitMix64(seed: SplitMix64.mix(personSeed(g) ^ 0xC0EE, UInt64(s)))
                    let trait = corrections ? Int(SplitMix64.mix(plan.root ^ 0x7A17, UInt64(seg.employer)) % 1000) : 1000
                    let lateMonth = trait >= 30 && trait < 40 ? c.int(seg.first, seg.last) : 0
                    let t = year
                    func end(_ w: inout ByteWriter, _ date: (Int, Int, Int)) {
                        guard corrections else { return }
                        w.put(44)
                        w.putDate(date.0, date.1, date.2)
                        w.put(10)
                    }
                    func usual(_ m: Int, _ c: inout SplitMix64) -> (Int, Int, Int) { m < 12 ? (t, m + 1, c.int(1, 28)) : (t + 1, 1, c.int(1, 28)) }

                    if s == 0 && injectOutsideYear {
                        // (d) a valid line in December of t−1: outside the year.
                        payroll.reserve(200)
                        payroll.put(prefix)
                        payroll.put(periods[0])
                        payroll.putDecimal2(baseHours)
                        payroll.put(44)
                        payroll.putDecimal2((baseHours * hourly + 50) / 100)
                        payroll.put(suffix)
                        end(&payroll, (t, 1, c.int(1, 28)))
                        counts.payrollRows += 1
                        counts.injectedOutsideYear += 1
                    }

                    var sumAll = 0, sumTarget = 0
                    var firstHours = 0, firstWage = 0
                    var firstReceived = (0, 0, 0)
                    for m in seg.first...seg.last {
                        var h = baseHours
                        if variable {
                            if r.below(100) == 0 { h = 0 }
                            else { h = baseHours * r.int(60, 130) / 100 / 25 * 25 }
                        }
                        var wage = (h * hourly + 50) / 100
                        if m == 5 && h > 0 { wage += mayAllowance }
                        payroll.reserve(200)
                        payroll.put(prefix)
                        payroll.put(periods[m])
                        payroll.putDecimal2(h)
                        payroll.put(44)
                        payroll.putDecimal2(wage)
                        payroll.put(suffix)
                        var received = (0, 0, 0)
                        if corrections {
                            received = m == lateMonth ? (t + 1, c.int(2, 4), c.int(1, 28)) : usual(m, &c)
                            end(&payroll, received)
                            if m == lateMonth { counts.lateLines += 1 }
                            // A correction right after the line: a second row for the key, received later.
                            let springCorrector = trait < 30
                            // Never the line an injected duplicate re-keys: it stays a duplicate, not a correction.
                            let u = s == 0 && injectDuplicate && m == seg.first ? 0 : c.below(1_000_000)
                            var when: (Int, Int, Int)?
                            if m != lateMonth && springCorrector && u > 0 && u < 150_000 / max(1, seg.last - seg.first + 1) * 2 {
                                when = c.below(10) == 0 ? (t + 1, 5, 1) : (t + 1, c.int(2, 4), c.int(1, 28))
                                counts.correctionsBetweenCutoffs += 1
                            } else if m != lateMonth && u >= 990_000 {
                                let idx = m + 1 + c.int(1, 2)
                                when = idx <= 12 ? (t, idx, c.int(1, 28)) : (t + 1, 1, c.int(29, 31))
                                counts.correctionsBeforeVoorlopig += 1
                            } else if m != lateMonth && u >= 986_000 {
                                when = (t + 1, c.int(6, 12), c.int(1, 28))
                                counts.correctionsAfterDefinitief += 1
                            }
                            if let when {
                                let withdrawn = c.below(10) == 0
                                let ch = withdrawn ? 0 : min(74_400, h * c.int(80, 120) / 100 / 25 * 25)
                                if withdrawn { counts.withdrawals += 1 }
                                payroll.reserve(200)
                                payroll.put(prefix)
                                payroll.put(periods[m])
                                payroll.putDecimal2(ch)
                                payroll.put(44)
                                payroll.putDecimal2(withdrawn ? 0 : (ch * hourly + 50) / 100 + (m == 5 && ch > 0 ? mayAllowance : 0))
                                payroll.put(suffix)
                                end(&payroll, when)
                                counts.payrollRows += 1
                            }
                        }
                        sumAll += h
                        if mask & (1 << (m - 1)) != 0 { sumTarget += h }
                        if m == seg.first {
                            firstReceived = received
                            firstHours = h
                            firstWage = wage
                            if s == 0 && injectOutOfRange {
                                // (c) the same key again with hours 800.00 (out of range; the first line stays).
                                payroll.put(prefix)
                                payroll.put(periods[m])
                                payroll.putDecimal2(80_000)
                                payroll.put(44)
                                payroll.putDecimal2(wage)
                                payroll.put(suffix)
                                end(&payroll, received)
                                counts.payrollRows += 1
                                counts.injectedOutOfRange += 1
                            }
                        }
                    }
                    counts.payrollRows += seg.last - seg.first + 1

                    if s == 0 && injectDuplicate {
                        // (a) an exact re-key of the segment's first line with different hours (first wins).
                        let h = firstHours <= 74_300 ? firstHours + 100 : firstHours - 100
                        payroll.reserve(200)
                        payroll.put(prefix)
                        payroll.put(periods[seg.first])
                        payroll.putDecimal2(h)
                        payroll.put(44)
                        payroll.putDecimal2(firstWage)
                        payroll.put(suffix)
                        end(&payroll, firstReceived)
                        counts.payrollRows += 1
                        counts.injectedDuplicate += 1
                    }
                    if s == 0 && injectUnknown {
                        // (b) a line naming an employer id that is not in employers.csv.
                        unknownPrefix.reset()
                        unknownPrefix.put(69)
                        unknownPrefix.put(88)  // "EX"
                        unknownPrefix.putDigits(e + 1, width: 7)
                        unknownPrefix.put(44)
                        PersonSynthesizer.putPersonId(&unknownPrefix, g)
                        unknownPrefix.put(44)
                        payroll.reserve(200)
                        payroll.put(unknownPrefix)
                        payroll.put(periods[seg.first])
                        payroll.putDecimal2(firstHours)
                        payroll.put(44)
                        payroll.putDecimal2(firstWage)
                        payroll.put(suffix)
                        end(&payroll, firstReceived)
                        counts.payrollRows += 1
                        counts.injectedUnknownEmployer += 1
                    }

                    // Running totals for the suggested quota percentages (Wfsv art. 38f-38h A and C, current regime).
                    let emp = seg.employer
                    acc.total[emp] += sumAll
                    if seg.hirer < 0 && seg.scheme != 1 { acc.a[emp] += sumAll }
                    if seg.scheme != 2 {
                        if seg.hirer >= 0 { acc.c[seg.hirer] += sumTarget }
                        else if seg.scheme != 1 { acc.c[emp] += sumTarget }
                    }
                }
            }
        }
        out.payroll = payroll
        out.register = register
        out.counts = counts
        out.persons = plan.personStart[chunk.upperBound] - plan.personStart[chunk.lowerBound]
    }
}

func format4(_ v: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
