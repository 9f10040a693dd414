/// Fixed tables of the generator: the shapes it draws from. See ``SyntheticDataGenerator`` for the rationale.
enum Vocabulary {
    /// Employer size tiers: persons on the payroll (inclusive bounds) and the share of employers in parts per
    /// million. Within a tier the size follows a truncated Pareto law with exponent 1 (density ∝ 1/x²), so the
    /// whole distribution is heavy-tailed: 58% of employers have 1–4 persons, 0.035% have 5,000 or more. With
    /// about 1,340 verloonde uren per person-year, roughly 8% of employers reach the 40,575-hour threshold.
    static let tiers: [(lo: Int, hi: Int, ppm: Int)] = [
        (1, 4, 580_000), (5, 9, 190_000), (10, 24, 125_000), (25, 49, 55_000),
        (50, 199, 38_000), (200, 999, 11_000), (1_000, 4_999, 2_200), (5_000, 20_000, 350),
    ]
    /// Probability (ppm) that an employer of a tier is in sector overheid: about 10% overall, more among large
    /// employers (municipalities, provinces, water boards, ministries are rarely tiny).
    static let overheidPPM: [Int] = [70_000, 90_000, 120_000, 150_000, 250_000, 350_000, 450_000, 450_000]
    /// Relative weights of the overheid subsectors (in the order of `OverheidSubsector.allCases`: rijk, gemeenten,
    /// provincies, waterschappen, defensie, politie, primair, voortgezet, middelbaar beroeps-, hoger beroeps- en
    /// wetenschappelijk onderwijs, umc): rough head counts in thousands of the public sector's employees, an
    /// estimate of this project, not a published table. Wsw employers are always `gemeenten`.
    static let subsectorWeights: [Int] = [125, 175, 12, 11, 60, 63, 180, 100, 50, 45, 64, 75]
    /// The start of an overheid employer's name per subsector (same order as `subsectorWeights`).
    static let subsectorBodies = [
        "Rijksdienst", "Gemeente", "Provincie", "Waterschap", "Defensie", "Politie", "Stichting Primair Onderwijs",
        "Scholengemeenschap", "ROC", "Hogeschool", "Universiteit", "UMC",
    ]
    /// Probability (ppm) that an employer of a tier is a staffing agency (uitzendbureau).
    static let staffingPPM: [Int] = [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 60_000]

    /// Relative weights of the 35 arbeidsmarktregio's (the large urban regions carry more employers).
    static let regionWeights: [Int] = [
        3, 2, 2, 3, 2, 4, 3, 2, 5, 3, 6, 4, 3, 9, 5, 8, 4, 3, 6, 5, 12, 4, 10, 3, 5, 4, 3, 6, 4, 5, 3, 4, 6, 3, 4,
    ]

    /// Register routes with their weights (ppm) for registered persons outside Wsw employers. The routes
    /// `wia_wml`, `wajong_no_capacity` and `ww_comparable` exist only under the widened (proposal) regime.
    static let routes: [(name: String, ppm: Int, widening: Bool)] = [
        ("pwet_wml", 300_000, false), ("wajong", 250_000, false), ("vso_pro", 120_000, false),
        ("praktijkroute", 80_000, false), ("wsw", 30_000, false), ("besluit_other", 30_000, false),
        ("pwet_own_request", 30_000, false), ("former_wsw_wajong", 30_000, false),
        ("iva_experiment", 10_000, false), ("art38b2", 20_000, false), ("wiw_id", 20_000, false),
        ("wia_wml", 30_000, true), ("wajong_no_capacity", 30_000, true), ("ww_comparable", 20_000, true),
    ]
    static let routeWeights: [Int] = routes.map(\.ppm)
    static let routeBytes: [[UInt8]] = routes.map { Array($0.name.utf8) }
    static let wswRoute = 4
    static let pwetWmlRoute = 0

    static let surnames = [
        "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos",
        "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits",
        "De Graaf", "Van der Meer", "Kok", "Jacobs", "Vermeulen", "Van den Berg", "Willems", "Van Dijk", "Hoekstra",
    ]
    static let activities = [
        "Bouw", "Techniek", "Logistiek", "Installaties", "Zorg", "Advies", "Horeca", "Transport", "Schoonmaak",
        "Metaal", "Groenvoorziening", "Automatisering", "Retail", "Bakkerij", "Drukkerij", "Catering",
        "Facilitair", "Kinderopvang", "Accountants", "Handel",
    ]
    static let legalForms = ["B.V.", "B.V.", "B.V.", "Holding B.V.", "V.O.F.", "& Zn B.V.", "N.V.", "Stichting"]
    static let places = [
        "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
        "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Enschede", "Amersfoort", "Zaanstad", "Den Bosch",
        "Zwolle", "Leiden", "Maastricht", "Dordrecht", "Zoetermeer", "Emmen", "Ede", "Westland", "Delft",
        "Venlo", "Deventer", "Leeuwarden", "Alkmaar", "Heerlen", "Hengelo", "Sittard-Geleen", "Assen", "Middelburg",
    ]
    static let publicBodies = [
        "Gemeente", "Gemeente", "Gemeente", "Waterschap", "Omgevingsdienst", "Veiligheidsregio",
        "GGD", "Belastingsamenwerking", "Openbaar Onderwijs",
    ]

    /// Wettelijk minimumloon per hour in eurocents for year `t` (January value): WML per hour from 2024, the
    /// monthly WML divided by 173.33 before (docs/sources.md), extrapolated by 2% a year outside 2019–2026.
    static func minimumHourlyCents(year: Int) -> Int {
        let known: [Int: Int] = [
            2019: 932, 2020: 954, 2021: 972, 2022: 995, 2023: 1116, 2024: 1327, 2025: 1406, 2026: 1471,
        ]
        if let v = known[year] { return v }
        if year < 2019 {
            var v = 932
            for _ in year..<2019 { v = v * 98 / 100 }
            return max(v, 100)
        }
        var v = 1471
        for _ in 2026..<min(year, 2200) { v = v * 102 / 100 }
        return v
    }
}
