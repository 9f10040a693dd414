import BanenafspraakCore
import PropertyBased
import Testing

/// Invariants of the rules over generated inputs (spec 2, 5.3, 5.4).
@Suite("Rule invariants (property-based)")
struct RuleProperties {
    @Test("floor and round agree with their definitions")
    func division() async {
        await propertyCheck(input: Gen.int(in: -1_000_000_000...1_000_000_000), Gen.int(in: 1...1_000_000)) { n, d in
            let f = FixedPoint.floorDivide(Int128(n), Int128(d))
            #expect(f * Int128(d) <= Int128(n) && Int128(n) < (f + 1) * Int128(d))
            let r = FixedPoint.roundDivide(Int128(n), Int128(d))
            // |n/d - r| <= 1/2, ties away from zero.
            let twiceError = (Int128(n) - r * Int128(d)) * 2
            #expect(twiceError.magnitude <= Int128(d).magnitude)
            if twiceError.magnitude == Int128(d).magnitude {
                #expect(n > 0 ? r * Int128(d) > Int128(n) : r * Int128(d) < Int128(n))
            }
        }
    }

    @Test("formatting and parsing round-trip every amount")
    func roundTrip() async {
        await propertyCheck(input: Gen.int(in: -99_999_999_999...99_999_999_999)) { v in
            let text = FixedPoint.format(Int64(v), scale: 2)
            #expect(FixedPoint.parse(text, scale: 2) == Int64(v))
        }
    }

    @Test("the tekort never goes negative and never grows with more target-group hours")
    func tekortMonotone() async {
        await propertyCheck(input: Gen.int(in: 0...500_000_000), Gen.int(in: 0...500_000_000), Gen.int(in: 0...10_000_000)) { required, c, extra in
            let perJob = CentiHours(hours: 1331)
            let t1 = Quotumtekort.compute(requiredHours: CentiHours(Int64(required)), hoursC: CentiHours(Int64(c)), hoursPerJob: perJob)
            let t2 = Quotumtekort.compute(requiredHours: CentiHours(Int64(required)), hoursC: CentiHours(Int64(c + extra)), hoursPerJob: perJob)
            #expect(t1 >= 0 && t2 >= 0 && t2 <= t1)
            // Never more than the unrounded shortfall.
            #expect(Int128(t1) * 133_100 <= max(0, Int128(required - c)) * 10)
        }
    }

    @Test("the LKV stays within its cap and grows with hours; a transfer never exceeds the bonus")
    func capsAndTransfers() async {
        await propertyCheck(input: Gen.int(in: 0...900_000), Gen.int(in: 0...100_000), Gen.int(in: 1...10_000)) { hours, more, percent in
            let cap = Cents(euros: 2000)
            let a = HourlyAmount.compute(hours: CentiHours(Int64(hours)), perHour: Cents(101), annualMaximum: cap)
            let b = HourlyAmount.compute(hours: CentiHours(Int64(hours + more)), perHour: Cents(101), annualMaximum: cap)
            #expect(a <= cap && b <= cap && a <= b)
            let bonus = HourlyAmount.compute(hours: CentiHours(Int64(hours)), perHour: Cents(377), annualMaximum: nil)
            let transfer = BonusTransfer.compute(bonus: bonus, percent: BasisPoints(Int64(percent)))
            #expect(transfer >= .zero && transfer <= bonus)
        }
    }

    @Test("required hours never exceed A and grow with the percentage")
    func requiredHours() async {
        await propertyCheck(input: Gen.int(in: 0...5_000_000_000), Gen.int(in: 0...10_000), Gen.int(in: 0...100)) { a, q, dq in
            let r1 = RequiredHours.compute(hoursA: CentiHours(Int64(a)), percent: BasisPoints(Int64(q)))
            let r2 = RequiredHours.compute(hoursA: CentiHours(Int64(a)), percent: BasisPoints(Int64(q + dq)))
            #expect(r1 <= r2 && r2.rawValue <= Int64(a) * Int64(q + dq) / 10_000 + 1 && r1.rawValue <= Int64(a))
        }
    }
}
