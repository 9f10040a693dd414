@testable import BanenafspraakServer
import Foundation
import Testing

@Suite("Web pages (spec 10)")
struct PageTests {
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
    }

    @Test("every page is Dutch HTML with a viewport, no external resource and a form that posts")
    func pagesSelfContained() async throws {
        let s = try TestServer()
        for path in ["/", "/lkv", "/loonkostensubsidie", "/no-riskpolis", "/vrijlating"] {
            let r = await s.send("GET", path)
            #expect(r.status == 200, "\(path)")
            let html = r.bodyText
            #expect(html.contains("<html lang=\"nl\">"), "\(path)")
            #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "\(path)")
            #expect(html.contains("<form method=\"post\""), "\(path)")
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("http://") && !html.contains("https://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""), "\(path) loads nothing from outside")
            #expect(!html.contains("src=\""), "\(path)")
        }
    }

    @Test("the rekentool accepts Dutch numbers and shows the figures in euros, the what-if and the curve")
    func rekentool() async throws {
        let s = try TestServer()
        let body = Self.form([
            ("year", "2024"), ("sector", "overheid"), ("hours_total", "100.000"), ("hours_a", "100000"), ("hours_c", "1.326,00"),
            ("premium_base", "€ 3.250.000"), ("target_group_hours", "1.326"), ("surcharge_percent", "0,5"),
            ("extra_hours_per_week", "25,5"), ("extra_hourly_wage", "14,06"), ("vary", "hours_total"),
        ])
        let r = await s.send("POST", "/", body: body)
        #expect(r.status == 200)
        let html = r.bodyText
        // Required hours 2.76% × 100,000 h = 2,760 h; shortfall floor((2760 − 1326) / 1331, 1) = 1.0 job; levy € 5.000,00.
        #expect(html.contains("data-key=\"required_hours\">2.760,00 uur<"))
        #expect(html.contains("data-key=\"shortfall_jobs\">1,0<"))
        #expect(html.contains("data-key=\"levy\">€ 5.000,00<"))
        // Surcharge 0.500% of € 3.250.000,00.
        #expect(html.contains("data-key=\"surcharge\">€ 16.250,00<"))
        // One more worker of 25.5 h/week = 1,326 h: C = 2,652 h, shortfall floor(108/1331, 1) = 0.0 → levy 0... 0.1 job: € 500,00.
        #expect(html.contains("Wat als u één werknemer extra aanneemt"))
        #expect(html.contains("€ 500,00"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("grens quotumplicht"))
        #expect(html.contains("Bij 40.575,00 uur: de quotumplicht verandert"))
    }

    @Test("the what-if caps the extra worker's premieloon per month, as the run caps a payroll line, and cites the liability rule")
    func whatIfPremiumBasePerMonth() async throws {
        let s = try TestServer()
        let body = Self.form([
            ("year", "2023"), ("sector", "overheid"), ("hours_total", "100.000"), ("hours_a", "100000"), ("hours_c", "1.326,00"),
            ("premium_base", "€ 3.250.000"), ("target_group_hours", "1.326"), ("quota_percent", "2,5"), ("surcharge_percent", "0,5"),
            ("extra_hours_per_week", "40"), ("extra_hourly_wage", "60"),
        ])
        let html = await s.send("POST", "/", body: body).bodyText
        // 40 h × 52 = 2,080 h at € 60: € 10.400,00 a month, above the monthly cap floor(66,956.00 / 12) = 5,579.66
        // (Wfsv art. 17, reading R16): twelve capped months are € 66.955,92, not the year's maximum € 66.956,00.
        #expect(html.contains("premieloon € 66.955,92"), "\(html.components(separatedBy: "Met één extra").dropFirst().first?.prefix(300) ?? "")")
        // Liability: the page cites the article the rule cites (Wfsv art. 34), not art. 38f.
        #expect(html.contains("u bent quotumplichtig (Wfsv art. 34; Besluit Wfsv art. 2.20-2.21"))
        #expect(!html.contains("grens van 40.575,00 uur (Wfsv art. 38f)"))
    }

    @Test("a wrong value in the rekentool returns the form with a message at the field (422)")
    func rekentoolErrors() async throws {
        let s = try TestServer()
        let r = await s.send("POST", "/", body: Self.form([("year", "2024"), ("sector", "markt"), ("hours_total", "12,345"), ("hours_a", "1"), ("hours_c", "1"), ("premium_base", "1")]))
        #expect(r.status == 422)
        #expect(r.bodyText.contains("role=\"alert\""))
        #expect(r.bodyText.contains("id=\"hours_total-error\""))
        #expect(r.bodyText.contains("aria-invalid=\"true\""))
    }

    @Test("each calculator page computes with the same calculator as calc")
    func calculatorPages() async throws {
        let s = try TestServer()
        let lkv = await s.send("POST", "/lkv", body: Self.form([("date", "31-12-2024"), ("type", "banenafspraak"), ("employment_start", "2024-01-01"), ("hours", "86,5"), ("first_month", "1"), ("last_month", "12")]))
        #expect(lkv.status == 200)
        // 12 × 86.50 h × € 1,01 = € 1.048,38 (under the € 2.000 cap).
        #expect(lkv.bodyText.contains("data-key=\"amount\">€ 1.048,38<"))
        let lks = await s.send("POST", "/loonkostensubsidie", body: Self.form([("date", "2024-07-01"), ("loonwaarde_percent", "50"), ("contract_hours_per_week", "36"), ("fulltime_hours_per_week", "36"), ("months_since_start", "3")]))
        #expect(lks.status == 200)
        #expect(lks.bodyText.contains("data-key=\"monthly_amount\">€ "))
        let nrp = await s.send("POST", "/no-riskpolis", body: Self.form([("date", "2024-03-01"), ("group", "banenafspraak"), ("employment_start", "2023-01-01"), ("first_sick_day", "2024-03-01"), ("dagloon", "100,00"), ("days", "1")]))
        #expect(nrp.status == 200)
        // The scenario file: 70% of € 100,00.
        #expect(nrp.bodyText.contains("data-key=\"daily_amount\">€ 70,00<"))
        let vrij = await s.send("POST", "/vrijlating", body: Self.form([("date", "2026-01-01"), ("category", "n"), ("age", "30"), ("monthly_income", "800"), ("months_used", "0")]))
        #expect(vrij.status == 200)
        #expect(vrij.bodyText.contains("data-key=\"exempt_amount\">€ "))
        let bad = await s.send("POST", "/vrijlating", body: Self.form([("date", "gisteren")]))
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("id=\"date-error\""))
    }
}
