import BanenafspraakCore
import Foundation
import BanenafspraakPresentation
import Mustache

/// The Mustache templates bundled with the server (no file from outside the process is ever served).
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public init() throws {
        guard let dir = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw APIError(status: 500, message: "the bundled templates are missing")
        }
        var library = MustacheLibrary()
        try Templates.register(into: &library)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
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

    /// Renders a page from a typed view model (new pages: no dictionary of values).
    func render<Page>(_ template: String, title: String, path: String, page: Page, status: Int = 200) -> APIResponse {
        let layout = Layout(title: title, engineVersion: ServerEnvironment.engineVersion,
                            nav: Self.menu.map { NavItem(href: $0.0, label: $0.1, current: $0.0 == path) }, page: page)
        let html = library.render(layout, withTemplate: template) ?? "<!doctype html><title>Fout</title><p>Sjabloon \(template) ontbreekt.</p>"
        return .html(html, status: status)
    }

    public func render(_ template: String, title: String, path: String, _ context: [String: Any]) -> APIResponse {
        var ctx = context
        ctx["title"] = title
        ctx["engineVersion"] = ServerEnvironment.engineVersion
        ctx["nav"] = Self.menu.map { ["href": $0.0, "label": $0.1, "current": $0.0 == path] as [String: Any] }
        let html = library.render(ctx, withTemplate: template) ?? "<!doctype html><title>Fout</title><p>Sjabloon \(template) ontbreekt.</p>"
        return .html(html)
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

    func context(form: [String: String]?, error: String?) -> [String: Any] {
        let value = form.map { $0[id] ?? "" } ?? defaultValue
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil { described.append("\(id)-error") }
        var c: [String: Any] = ["id": id, "label": label, "value": inputType == "password" ? "" : value, "required": required, "inputType": inputType]
        if let autocomplete { c["autocomplete"] = autocomplete }
        if let hint { c["hint"] = hint }
        if let error { c["error"] = error }
        if !described.isEmpty { c["describedBy"] = described.joined(separator: " ") }
        if let inputMode { c["inputMode"] = inputMode }
        switch kind {
        case .text: break
        case .select(let options):
            c["isSelect"] = true
            c["options"] = options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == value] as [String: Any] }
        case .checkbox:
            c["isCheckbox"] = true
            c["checked"] = form.map { $0[id] == "ja" } ?? (defaultValue == "ja")
        }
        return c
    }
}

/// The errors found in a form, by field id, in the order of the fields.
struct FormErrors {
    var list: [(id: String, message: String)] = []
    mutating func add(_ id: String, _ message: String) { if !list.contains(where: { $0.id == id }) { list.append((id, message)) } }
    var isEmpty: Bool { list.isEmpty }
    func message(for id: String) -> String? { list.first { $0.id == id }?.message }

    func context(fields: [FormField]) -> [String: Any] {
        let items = list.map { e in ["id": e.id, "label": fields.first { $0.id == e.id }?.label ?? e.id, "message": e.message] as [String: Any] }
        return ["hasErrors": !list.isEmpty, "errors": items]
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
