import BanenafspraakCore
import Mustache

/// An explanation tree as the `explanation` partial shows it: rule and source, inputs, parameters with their status,
/// steps with their rounding, and the figures it was built from, in Dutch notation as the CLI text writes it
/// (``DutchExplanationText``: `€ 1.331.000,00`, not the contract's `1331000.00`). The same view serves the server's
/// pages and the employer letter.
public struct ExplanationView: Sendable {
    public struct Input: Sendable {
        var name: String
        var value: String
    }

    public struct Parameter: Sendable {
        var description: String
        var id: String
        var value: String
        var validFrom: String
        var validUntil: String?
        var source: String
        var status: String
    }

    public struct Step: Sendable {
        var description: String
        var value: String
        var rounding: String?
    }

    var label: String
    var value: String
    var rule: String
    var source: String
    var formula: String
    var hasInputs: Bool
    var inputs: [Input]
    var hasParameters: Bool
    var parameters: [Parameter]
    var hasSteps: Bool
    var steps: [Step]
    var hasChildren: Bool
    var children: [ExplanationView]
    /// "Per persoon: zie de tabellen …" when the per-person children are shown as tables instead.
    var personNote: String?

    /// - Parameter personsAsTables: leave out the per-person children (``DutchExplanationText/personFigures``) and say
    ///   that the tables show them, as the employer letter does.
    public init(_ e: Explanation, personsAsTables: Bool = false) {
        let dutch = DutchExplanationText.self
        label = e.label
        value = dutch.value(e.value, e.unit)
        rule = e.rule
        source = dutch.text(e.source)
        formula = dutch.text(e.formula)
        inputs = e.inputs.map { Input(name: $0.name, value: dutch.value($0.value, $0.unit)) }
        hasInputs = !inputs.isEmpty
        parameters = e.parameters.map { p in
            Parameter(description: p.description, id: p.id, value: dutch.text(p.formatted), validFrom: dutch.date(p.value.validFrom),
                      validUntil: p.value.validUntil.map(dutch.date), source: dutch.text(p.value.source), status: p.value.status.dutchLabel)
        }
        hasParameters = !parameters.isEmpty
        steps = e.steps.map { Step(description: dutch.text($0.description), value: dutch.value($0.value, $0.unit),
                                   rounding: $0.rounding == "geen" ? nil : dutch.roundingText($0.rounding)) }
        hasSteps = !steps.isEmpty
        let shown = personsAsTables ? e.children.filter { !dutch.personFigures.contains($0.figure) } : e.children
        let hidden = e.children.count - shown.count
        personNote = hidden > 0 ? "Per persoon: zie de tabellen onderaan (\(hidden) \(hidden == 1 ? "persoon" : "personen"))." : nil
        children = shown.map { ExplanationView($0, personsAsTables: personsAsTables) }
        hasChildren = !children.isEmpty
    }
}

// Mustache reads a plain struct through `Mirror`, which lists every field again on each name it looks up: most of
// `decide --all`'s time (docs/performance.md, issue 21). These views name their fields themselves; a nil optional
// is nil here as there, so the lookup climbs the context stack in the same way.
extension ExplanationView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        case "rule": rule
        case "source": source
        case "formula": formula
        case "hasInputs": hasInputs
        case "inputs": inputs
        case "hasParameters": hasParameters
        case "parameters": parameters
        case "hasSteps": hasSteps
        case "steps": steps
        case "hasChildren": hasChildren
        case "children": children
        case "personNote": personNote
        default: nil
        }
    }
}

extension ExplanationView.Input: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}

extension ExplanationView.Parameter: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "description": description
        case "id": id
        case "value": value
        case "validFrom": validFrom
        case "validUntil": validUntil
        case "source": source
        case "status": status
        default: nil
        }
    }
}

extension ExplanationView.Step: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "description": description
        case "value": value
        case "rounding": rounding
        default: nil
        }
    }
}
