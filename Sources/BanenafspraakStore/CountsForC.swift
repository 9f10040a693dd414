import BanenafspraakCore

/// "Telt mee?" (spec section 14): whether one worker counted for an employer's C (the verloonde uren of
/// arbeidsbeperkten, Wfsv art. 38h lid 2 onder d) in a run, and with how many hours. The worker is looked up by the
/// store's pseudonym of the person id on the employer's payroll; nothing else about the person is read.
/// A line counts for the hirer when lent out (Besluit Wfsv art. 2.28), else for the formal employer.
extension ResultsStore {
    public func hoursForC(run: RunID, employer e: StoredEmployer, personId: String) throws -> CentiHours {
        let pseudonym = try pseudonymizer().pseudonym(personId)
        return try targetGroupLines(run: run, employer: e.index)
            .filter { $0.person == pseudonym && ($0.hirer == e.index || ($0.hirer < 0 && $0.employer == e.index)) }
            .reduce(CentiHours.zero) { $0 + $1.hours }
    }
}
