import BanenafspraakCore
import Testing

@Suite("Dutch notation for readers")
struct DutchNumberTests {
    @Test("amounts, hours and percentages in Dutch notation")
    func formats() {
        #expect(DutchNumber.format("1234567.89") == "1.234.567,89")
        #expect(DutchNumber.format("-62235.70") == "-62.235,70")
        #expect(DutchNumber.format("999.5") == "999,5")
        #expect(DutchNumber.format("1000") == "1.000")
        #expect(DutchNumber.format("0.00") == "0,00")
        #expect(DutchNumber.format("E0000042") == "E0000042")
        #expect(DutchNumber.euro(Cents(500_000)) == "€ 5.000,00")
        #expect(DutchNumber.euro(Cents(-78_144)) == "-€ 781,44")
        #expect(DutchNumber.hours(CentiHours(132_600)) == "1.326,00 uur")
        #expect(DutchNumber.percent(BasisPoints(210)) == "2,10%")
        #expect(DutchNumber.surcharge(MilliPercent(38_262)) == "38,262%")
    }

    @Test("numbers in free text are rewritten; ids, dates, article numbers and file names are not")
    func rewrite() {
        #expect(DutchNumber.rewriteNumbers(in: "1331000.00 x 2.10% = 27951.00") == "1.331.000,00 x 2,10% = 27.951,00")
        #expect(DutchNumber.rewriteNumbers(in: "2024-12 regular (eigen regel, payroll.csv regel 12345)") == "2024-12 regular (eigen regel, payroll.csv regel 12345)")
        #expect(DutchNumber.rewriteNumbers(in: "Wtl art. 2.13; Regeling Wfsv art. 3.28 (2015)") == "Wtl art. 2.13; Regeling Wfsv art. 3.28 (2015)")
        #expect(DutchNumber.rewriteNumbers(in: "naar E0000042: 100.00 x 5.5%") == "naar E0000042: 100,00 x 5,5%")
        #expect(DutchNumber.rewriteNumbers(in: "quota.hours_per_job 1331.00") == "quota.hours_per_job 1.331,00")
        #expect(DutchNumber.rewriteNumbers(in: "-61874.11 extra banen") == "-61.874,11 extra banen")
    }

    @Test("text for readers: EUR becomes €, the letters are cited by reference, no internal section numbers")
    func citations() {
        #expect(DutchExplanationText.text("EUR 1.01 per uur") == "€ 1,01 per uur")
        #expect(DutchExplanationText.text("Wtl art. 2.13; seed 004; spec 8.17") == "Wtl art. 2.13; Kamerbrief vereenvoudiging banenafspraak (2019)")
        #expect(DutchExplanationText.text("WML art. 8 (spec sectie 3; niet gecontroleerd)") == "WML art. 8 (niet gecontroleerd)")
        #expect(DutchExplanationText.text("bron (spec 5.3, 8.13)") == "bron")
    }

    @Test("each of the five legacy letter labels of earlier stored runs reads as that letter's reference; other numbers stay")
    func legacyLetterLabels() {
        let labels = (0...4).map { "seed 00\($0)" }
        #expect(labels.map(DutchExplanationText.citations) == [
            "Kamerstuk 35 644, nr. 8", "Kamerstukken II 2022/23, 34 352, nr. 281", "Kamerstukken II 2018/19, 34 352, nr. 163",
            "Kamerstukken I 2016/17, 33 981, N", "Kamerbrief vereenvoudiging banenafspraak (2019)",
        ])
        #expect(DutchExplanationText.citations("bron: seed 002, blz. 3; seed 005; seed 0x1") == "bron: Kamerstukken II 2018/19, 34 352, nr. 163, blz. 3; seed 005; seed 0x1")
    }

    @Test("a value is written by its kind")
    func values() {
        #expect(DutchExplanationText.value("5000.00", .euro) == "€ 5.000,00")
        #expect(DutchExplanationText.value("1326.00", .hours) == "1.326,00 uur")
        #expect(DutchExplanationText.value("1.5", .jobs) == "1,5 banen")
        #expect(DutchExplanationText.value("0.893", .milliPercent) == "0,893%")
        #expect(DutchExplanationText.value("ja", nil) == "ja")
    }
}

@Suite("The premium base of an evenly paid year (reading R16)")
struct PremiumBaseEvenYearTests {
    @Test("twelve monthly lines, each floored to the cent and capped per month")
    func evenYear() {
        // 25.51 h × 52 = 1,326.52 h at € 14,06: a month is floor(1406 × 132652 / 1200) = 155,423 cents
        // (€ 1.554,23); twelve months € 18.650,76 (the year at once would be € 18.650,87).
        let small = PremiumBase.evenYear(hourlyWage: Cents(1_406), yearHours: CentiHours(132_652), maximumPremieloon: Cents(euros: 66_956))
        #expect(small.monthlyWage == Cents(155_423))
        #expect(small.base == Cents(1_865_076))
        // Above the cap: floor(66,956.00 / 12) = 5,579.66 a month, € 66.955,92 a year.
        let capped = PremiumBase.evenYear(hourlyWage: Cents(6_000), yearHours: CentiHours(208_000), maximumPremieloon: Cents(euros: 66_956))
        #expect(capped.monthlyWage == Cents(1_040_000))
        #expect(capped.base == Cents(6_695_592))
    }
}
