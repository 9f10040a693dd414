/// What kind of quantity a value in an explanation is, so that a renderer can write it for readers
/// (`€ 1.234,56`, `1.326,00 uur`) while the data keeps the contract notation (`1234.56`).
public enum ValueKind: String, Sendable, Equatable {
    /// Eurocents written as euros with 2 decimals.
    case euro
    /// Centi-hours written as hours with 2 decimals.
    case hours
    /// Jobs (banen) with 1 or 2 decimals.
    case jobs
    /// A percentage with 2 decimals.
    case percent
    /// A percentage with 3 decimals (the opslag).
    case milliPercent = "milli_percent"
    /// A whole number.
    case count
}

/// How a figure was made (explanations: docs/contracts-internal.md): the rule and its source, the parameter values used,
/// the input totals, each step with its rounding, and the explanations it was built from.
public struct Explanation: Sendable, Equatable {
    /// A named input total, e.g. `A (uren zonder uitleen en wsw)` = `1331000.00`.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var value: String
        /// The kind of `value`, when it is a number.
        public var unit: ValueKind?
        public init(_ name: String, _ value: String, unit: ValueKind? = nil) { self.name = name; self.value = value; self.unit = unit }
    }

    /// One arithmetic step: what was computed, the result, and how it was rounded.
    public struct Step: Sendable, Equatable {
        public var description: String
        public var value: String
        /// `floor`, `round` or `none`, with the decimals, e.g. `floor, 1 decimaal`.
        public var rounding: String
        /// The kind of `value`, when it is a number.
        public var unit: ValueKind?
        public init(_ description: String, _ value: String, rounding: String = "geen", unit: ValueKind? = nil) {
            self.description = description
            self.value = value
            self.rounding = rounding
            self.unit = unit
        }
    }

    /// Stable machine name of the figure, e.g. `levy`.
    public var figure: String
    /// Dutch label, e.g. `Quotumheffing`.
    public var label: String
    /// The figure's value as written in the outputs.
    public var value: String
    /// Name of the rule.
    public var rule: String
    /// The law by article, or a letter by its official reference (docs/sources.md), e.g. `Wfsv art. 38h lid 4`.
    public var source: String
    /// The formula in words/symbols.
    public var formula: String
    public var parameters: [ResolvedParameter]
    public var inputs: [Input]
    public var steps: [Step]
    public var children: [Explanation]
    /// The kind of `value`, when it is a number.
    public var unit: ValueKind?

    public init(
        figure: String, label: String, value: String, unit: ValueKind? = nil, rule: String, source: String, formula: String,
        parameters: [ResolvedParameter] = [], inputs: [Input] = [], steps: [Step] = [], children: [Explanation] = []
    ) {
        self.unit = unit
        self.figure = figure
        self.label = label
        self.value = value
        self.rule = rule
        self.source = source
        self.formula = formula
        self.parameters = parameters
        self.inputs = inputs
        self.steps = steps
        self.children = children
    }
}
