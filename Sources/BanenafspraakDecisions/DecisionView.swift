import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation
import BanenafspraakStore
import Foundation
import Mustache

/// What the decision page shows (template `decision-body`), every number in Dutch notation (`DutchNumber`).
public struct DecisionView: Sendable {
    public struct Figure: Sendable {
        /// The letter of Wfsv art. 38h lid 2 the figure answers.
        public var letter: String
        public var label: String
        public var value: String
        /// The `id` of the explanation that shows how it was made.
        public var anchor: String
    }
    public struct Basis: Sendable {
        public var article: String
        public var content: String
    }
    public struct Change: Sendable {
        public var label: String
        public var before: String
        public var after: String
    }
    public struct Cause: Sendable {
        public var text: String
    }
    public struct Revision: Sendable {
        public var previousId: String
        public var before: String
        public var after: String
        public var difference: String
        public var direction: String
        public var changes: [Change]
        public var causes: [Cause]
        public var hasCauses: Bool
    }

    public var decisionId: String
    public var title: String
    public var simulation: Bool
    public var employerId: String
    public var employerName: String
    public var year: Int
    public var date: String
    public var due: String
    /// Without an activation regulation (from 2026): why the amount is not due, with the articles.
    public var activation: [String]
    public var figures: [Figure]
    public var calculation: ExplanationView
    public var run: Int64
    public var receipt: String
    public var cutoff: String
    public var deadline: String
    public var registerAnswer: String
    public var legalBasis: [Basis]
    public var revision: Revision?

    static let labels = ["hours_total": "Verloonde uren", "hours_c": "Uren van arbeidsbeperkten (C)", "levy": "Quotumheffing"]

    public init(_ d: Decision) {
        let f = d.employer.figures
        decisionId = d.id
        simulation = d.simulation
        title = d.simulation
            ? "Simulatie, geen beschikking: quotumheffing \(d.year)"
            : (d.revision == nil ? "Beschikking quotumheffing \(d.year)" : "Herzieningsbeschikking quotumheffing \(d.year)")
        employerId = d.employer.id
        employerName = d.employer.name
        year = d.year
        date = d.date.description
        due = d.simulation
            ? "Over \(d.year) wordt geen quotumheffing geheven (Wfsv art. 122na lid 1). Deze berekening laat zien wat de beschikking zou zijn; u hoeft niets te betalen."
            : (d.levyDue ? "U bent over \(d.year) quotumheffing verschuldigd (Wfsv art. 38h lid 2 onder a, art. 34 lid 3 en 4)."
               : d.levy > .zero ? "Over \(d.year) is de quotumheffing berekend, maar niet verschuldigd: de quotumregeling is niet geactiveerd (zie hieronder)."
               : "U bent over \(d.year) geen quotumheffing verschuldigd.")
        activation = d.activated ? [] : (d.activation?.sentences ?? [])
        figures = [
            Figure(letter: "b", label: "Kalenderjaar", value: String(d.year), anchor: "berekening"),
            Figure(letter: "c", label: "Totaal verloonde uren", value: DutchNumber.hours(f.hoursTotal), anchor: "berekening"),
            Figure(letter: "d", label: "Verloonde uren ingevuld door arbeidsbeperkten", value: DutchNumber.hours(f.hoursC), anchor: "berekening"),
            Figure(letter: "e", label: "Quotumtekort", value: DutchNumber.format(Quotumtekort.format(f.shortfallTenths)) + " arbeidsplaatsen", anchor: "berekening"),
            Figure(letter: "f", label: "Bedrag van de quotumheffing", value: DutchNumber.euro(f.levy), anchor: "berekening"),
        ]
        calculation = ExplanationView(d.explanation)
        run = d.run.id
        receipt = d.receipt
        switch (d.run.asOf, d.run.stage) {
        case let (asOf?, stage?): cutoff = "loonaangiften en correcties ontvangen tot en met \(asOf) (\(stage))"
        case let (asOf?, nil): cutoff = "loonaangiften en correcties ontvangen tot en met \(asOf)"
        default: cutoff = "alle loonaangiften en correcties in de gebruikte bestanden (geen peildatum opgegeven)"
        }
        deadline = d.objectionDeadline.description
        registerAnswer = ObjectionRules.registerAnswer
        legalBasis = d.legalBasis.map { Basis(article: $0.0, content: $0.1) }
        revision = d.revision.map { r in
            Revision(previousId: r.previous.id, before: DutchNumber.euro(r.previous.levy), after: DutchNumber.euro(r.levy),
                     difference: DutchNumber.euro(r.difference),
                     direction: r.difference > .zero ? "ten nadele van u (hoger)" : "ten gunste van u (lager)",
                     changes: r.changed.map { c in
                         let money = c.0 == "levy"
                         func show(_ v: String) -> String { money ? DutchNumber.euro(Cents(v) ?? .zero) : DutchNumber.format(v) + " uur" }
                         return Change(label: Self.labels[c.0] ?? c.0, before: show(c.1), after: show(c.2))
                     },
                     causes: r.causes.map { c in
                         let before = c.hoursBefore.map { DutchNumber.hours($0) + " → " } ?? ""
                         let after = c.hoursAfter.map { DutchNumber.hours($0) } ?? ""
                         let kind = ["correction": "correctie", "late": "late regel", "register": "registratie"][c.kind] ?? c.kind
                         return Cause(text: "\(c.file) regel \(c.line), ontvangen \(c.received): \(kind)\(c.period.map { ", periode \($0)" } ?? ""), \(before)\(after)")
                     },
                     hasCauses: !r.causes.isEmpty)
        }
    }
}

// The page reads its views by name, not through `Mirror` (see ``ExplanationView``'s conformance).
extension DecisionView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "decisionId": decisionId
        case "title": title
        case "simulation": simulation
        case "employerId": employerId
        case "employerName": employerName
        case "year": year
        case "date": date
        case "due": due
        case "activation": activation
        case "figures": figures
        case "calculation": calculation
        case "run": run
        case "receipt": receipt
        case "cutoff": cutoff
        case "deadline": deadline
        case "registerAnswer": registerAnswer
        case "legalBasis": legalBasis
        case "revision": revision
        default: nil
        }
    }
}

extension DecisionView.Figure: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "letter": letter
        case "label": label
        case "value": value
        case "anchor": anchor
        default: nil
        }
    }
}

extension DecisionView.Basis: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "article": article
        case "content": content
        default: nil
        }
    }
}

extension DecisionView.Change: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "before": before
        case "after": after
        default: nil
        }
    }
}

extension DecisionView.Cause: MustacheParent {
    public func child(named name: String) -> Any? { name == "text" ? text : nil }
}

extension DecisionView.Revision: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "previousId": previousId
        case "before": before
        case "after": after
        case "difference": difference
        case "direction": direction
        case "changes": changes
        case "causes": causes
        case "hasCauses": hasCauses
        default: nil
        }
    }
}

/// Renders decisions with the templates of BanenafspraakPresentation: the printable page (`decision`) and its body
/// alone (`decision-body`, which the server's employer page shows inside its own layout). The calculation is shown
/// with the `explanation` partial every page shares.
public struct DecisionRenderer: Sendable {
    public init() throws {}

    /// The whole printable page (`DIR/<employer_id>.html`).
    public func page(_ view: DecisionView) -> String { Templates.render(view, template: "decision") }

    /// The body only (without the heading, which is ``DecisionView/title``), for a page with its own layout.
    public func body(_ view: DecisionView) -> String { Templates.render(view, template: "decision-body") }
}
