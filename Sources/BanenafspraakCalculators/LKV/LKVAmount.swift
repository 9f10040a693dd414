import BanenafspraakCore

/// Het LKV over een kalenderjaar (Wtl art. 2.13): bedrag per verloond uur, met een maximum per jaar.
///
/// `min(round(eligible hours × amount per hour), annual maximum)`, rounded half away from zero to the
/// cent, as the batch does (``HourlyAmount``, Kamerbrief vereenvoudiging banenafspraak (2019)). 1326.00 h × EUR 1.01 = EUR 1339.26.
public enum LKVAmount {
    public static func compute(eligibleHours: CentiHours, hourly: Cents, annualMaximum: Cents?) -> Cents {
        HourlyAmount.compute(hours: eligibleHours, perHour: hourly, annualMaximum: annualMaximum)
    }
}
