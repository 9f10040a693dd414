import BanenafspraakCore
import BanenafspraakPresentation
import Mustache

/// Renders the server's pages from the Presentation module's templates (no file from outside the process is ever served).
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public init() throws {
        var library = MustacheLibrary()
        try Templates.register(into: &library)
        self.library = library
    }

    /// The main menu; `current` marks the page shown.
    static let menu: [(String, String)] = [
        ("/", "Rekentool"), ("/aanname", "Aanname"), ("/lkv", "LKV"), ("/loonkostensubsidie", "Loonkostensubsidie"),
        ("/no-riskpolis", "No-riskpolis"), ("/vrijlating", "Vrijlating"), ("/inloggen", "Inloggen werkgever"),
    ]

    /// Renders a page from its view model: the page's template reads it inside `{{#page}}…{{/page}}`.
    func render<Page>(_ template: String, title: String, path: String, page: Page, status: Int = 200) -> APIResponse {
        let layout = PageLayout(title: title, engineVersion: ServerEnvironment.engineVersion,
                                nav: Self.menu.map { .init(href: $0.0, label: $0.1, current: $0.0 == path) }, page: page)
        let html = library.render(layout, withTemplate: template) ?? "<!doctype html><title>Fout</title><p>Sjabloon \(template) ontbreekt.</p>"
        return .html(html, status: status)
    }
}

/// One form field as the templates show it.
struct FormField {
    enum Kind { case text, select([(String, String)]), checkbox }
    var id: String
    var label: String
    var hint: String?
    var kind: Kind = .text
    var defaultValue: String = ""
    var inputMode: String? = "decimal"
    var required: Bool = true
    var inputType: String = "text"
    var autocomplete: String? = nil

    /// The field as the `field` partial shows it, with the value typed (`form`) or the default, and its error.
    func view(form: [String: String]?, error: String?) -> FieldView {
        let value = form.map { $0[id] ?? "" } ?? defaultValue
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil { described.append("\(id)-error") }
        let v = FieldView(id: id, label: label, value: inputType == "password" ? "" : value, required: required, inputType: inputType,
                          autocomplete: autocomplete, hint: hint, error: error,
                          describedBy: described.isEmpty ? nil : described.joined(separator: " "), inputMode: inputMode)
        switch kind {
        case .text: return v
        case .select(let options): return v.select(options.map { FieldView.Option(value: $0.0, label: $0.1, selected: $0.0 == value) })
        case .checkbox: return v.checkbox(checked: form.map { $0[id] == "ja" } ?? (defaultValue == "ja"))
        }
    }
}

/// The errors found in a form, by field id, in the order of the fields.
struct FormErrors {
    typealias Item = FormErrorView

    var list: [(id: String, message: String)] = []
    mutating func add(_ id: String, _ message: String) { if !list.contains(where: { $0.id == id }) { list.append((id, message)) } }
    var isEmpty: Bool { list.isEmpty }
    func message(for id: String) -> String? { list.first { $0.id == id }?.message }

    /// The `errors` partial's list.
    func items(fields: [FormField]) -> [Item] {
        list.map { e in Item(id: e.id, label: fields.first { $0.id == e.id }?.label ?? e.id, message: e.message) }
    }
}

/// Reads a posted form; the last value of a repeated name wins.
func formValues(_ request: APIRequest) -> [String: String] {
    var out: [String: String] = [:]
    for (k, v) in PercentDecoding.form(request.bodyText) { out[k] = v }
    return out
}

extension String {
    /// The text with only its first letter in lower case (`Uren … (C)` → `uren … (C)`).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
