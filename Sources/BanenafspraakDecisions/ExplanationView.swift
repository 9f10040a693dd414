import BanenafspraakCore

/// An explanation tree as the decision page shows it (the template `explanation-node` renders it recursively),
/// numbers in Dutch notation.
public struct ExplanationView: Sendable {
    public struct Parameter: Sendable {
        public var description: String
        public var value: String
        public var validFrom: String
        public var validUntil: String?
        public var source: String
    }
    public struct Step: Sendable {
        public var description: String
        public var value: String
        public var rounding: String?
    }
    public struct Input: Sendable {
        public var name: String
        public var value: String
    }

    public var label: String
    public var value: String
    public var rule: String
    public var source: String
    public var formula: String
    public var inputs: [Input]
    public var parameters: [Parameter]
    public var steps: [Step]
    public var children: [ExplanationView]
    // Stored, not computed: the templates read properties by reflection, which sees stored ones only.
    public var hasInputs: Bool
    public var hasParameters: Bool
    public var hasSteps: Bool
    public var hasChildren: Bool

    public init(_ e: Explanation) {
        let dutch = DutchNumber.rewriteNumbers(in:)
        label = e.label
        value = dutch(e.value)
        rule = e.rule
        source = e.source
        formula = dutch(e.formula)
        inputs = e.inputs.map { Input(name: $0.name, value: dutch($0.value)) }
        parameters = e.parameters.map {
            Parameter(description: $0.description, value: dutch($0.formatted), validFrom: $0.value.validFrom.description,
                      validUntil: $0.value.validUntil?.description, source: $0.value.source)
        }
        steps = e.steps.map { Step(description: dutch($0.description), value: dutch($0.value), rounding: $0.rounding == "geen" ? nil : $0.rounding) }
        children = e.children.map(ExplanationView.init)
        hasInputs = !inputs.isEmpty
        hasParameters = !parameters.isEmpty
        hasSteps = !steps.isEmpty
        hasChildren = !children.isEmpty
    }
}
