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

    /// One entry of the main menu.
    struct NavItem: Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    /// The layout around a typed view model: the head and foot read `title`, `nav` and `engineVersion`, the page's
    /// own template reads `page` (`{{#page}}…{{/page}}`).
    struct Layout<Page> {
        var title: String
        var engineVersion: String
        var nav: [NavItem]
        var page: Page
    }

    /// Renders a page from its view model: the page's template reads it inside `{{#page}}…{{/page}}`.
    func render<Page>(_ template: String, title: String, path: String, page: Page, status: Int = 200) -> APIResponse {
        let layout = Layout(title: title, engineVersion: ServerEnvironment.engineVersion,
                            nav: Self.menu.map { NavItem(href: $0.0, label: $0.1, current: $0.0 == path) }, page: page)
        let html = library.render(layout, withTemplate: template) ?? "<!doctype html><title>Fout</title><p>Sjabloon \(template) ontbreekt.</p>"
        return .html(html, status: status)
    }
}

/// A page with one sentence (`monitor-melding`), or none (`notfound`).
struct MessagePage {
    var message: String = ""
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
        var v = FieldView(id: id, label: label, value: inputType == "password" ? "" : value, required: required, inputType: inputType,
                          autocomplete: autocomplete, hint: hint, error: error,
                          describedBy: described.isEmpty ? nil : described.joined(separator: " "), inputMode: inputMode)
        switch kind {
        case .text: break
        case .select(let options):
            v.isSelect = true
            v.options = options.map { FieldView.Option(value: $0.0, label: $0.1, selected: $0.0 == value) }
        case .checkbox:
            v.isCheckbox = true
            v.checked = form.map { $0[id] == "ja" } ?? (defaultValue == "ja")
        }
        return v
    }
}

/// The view model of the `field` partial. A `nil` here is looked up in the enclosing view, as Mustache does.
struct FieldView {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    var id: String
    var label: String
    var value: String
    var required: Bool
    var inputType: String
    var autocomplete: String?
    var hint: String?
    var error: String?
    var describedBy: String?
    var inputMode: String?
    var isSelect = false
    var options: [Option] = []
    var isCheckbox = false
    var checked = false
}

/// The errors found in a form, by field id, in the order of the fields.
struct FormErrors {
    /// One error as the `errors` partial lists it: a link to the field, its label and the message.
    struct Item {
        var id: String
        var label: String
        var message: String
    }

    var list: [(id: String, message: String)] = []
    mutating func add(_ id: String, _ message: String) { if !list.contains(where: { $0.id == id }) { list.append((id, message)) } }
    var isEmpty: Bool { list.isEmpty }
    func message(for id: String) -> String? { list.first { $0.id == id }?.message }

    /// The `errors` partial's list; a page view carries it as `errors` beside `hasErrors`.
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
