import BanenafspraakCore

/// Why an employer's figures differ between two runs of the same inputs at two cut-offs (spec section 13,
/// `diff --causes`): the rows received between the two cut-offs that touch it (as employer or as hirer), each with
/// its file, line, date, key, kind and the hours before and after (Wfsv art. 38e lid 3: the loonaangiften "alsmede
/// de correcties daarop" received by the cut-off).
/// The pass over the inputs that finds them is Batch's (`DiffCauses.find`).
public enum DiffCauses {
    public struct Cause: Sendable, Equatable {
        public var file: String
        public var line: Int
        /// `YYYY-MM-DD`.
        public var received: String
        /// `correction` (of an earlier row of the key), `late` (the key's first row) or `register` (a registration).
        public var kind: String
        public var employerId: String
        public var personId: String
        /// `YYYY-MM`; `nil` for a register row.
        public var period: String?
        /// The hours of the row it replaced; `nil` for a late line. For a register row, the person's hours at the
        /// employer in year t in the months covered by its registrations received on or before the earlier
        /// cut-off: its target-group hours there before this registration counted (0.00 when it had none).
        public var hoursBefore: CentiHours?
        /// The row's hours; for a register row, the person's hours at the employer in year t in the months covered
        /// by its registrations received on or before the later cut-off, this one included (the hours it can
        /// count as target-group hours once the registration counts).
        public var hoursAfter: CentiHours?
        public init(file: String, line: Int, received: String, kind: String, employerId: String, personId: String,
                    period: String?, hoursBefore: CentiHours?, hoursAfter: CentiHours?) {
            self.file = file
            self.line = line
            self.received = received
            self.kind = kind
            self.employerId = employerId
            self.personId = personId
            self.period = period
            self.hoursBefore = hoursBefore
            self.hoursAfter = hoursAfter
        }
    }
}
