/// The view models of the server pages' shared templates (`head`, `foot`, `field`, `errors`, `notfound`,
/// `monitor-melding`). Each page's own view model sits in `page`; its template reads it in `{{#page}}…{{/page}}`.
public struct PageLayout<Page> {
    /// One entry of the main menu; `current` marks the page shown.
    public struct NavItem: Sendable {
        var href: String
        var label: String
        var current: Bool

        public init(href: String, label: String, current: Bool) {
            self.href = href
            self.label = label
            self.current = current
        }
    }

    var title: String
    var engineVersion: String
    var nav: [NavItem]
    var page: Page

    public init(title: String, engineVersion: String, nav: [NavItem], page: Page) {
        self.title = title
        self.engineVersion = engineVersion
        self.nav = nav
        self.page = page
    }
}

/// A page with one sentence (`monitor-melding`), or none (`notfound`).
public struct MessagePage: Sendable {
    var message: String

    public init(message: String = "") {
        self.message = message
    }
}

/// One form field as the `field` partial shows it. A `nil` here is looked up in the enclosing view, as Mustache
/// does: a page view must not carry a `hint`, `error` or `describedBy` of its own.
public struct FieldView: Sendable {
    public struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool

        public init(value: String, label: String, selected: Bool) {
            self.value = value
            self.label = label
            self.selected = selected
        }
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

    /// A text field; ``select(_:)`` and ``checkbox(checked:)`` make it another kind.
    public init(id: String, label: String, value: String, required: Bool, inputType: String, autocomplete: String?, hint: String?,
                error: String?, describedBy: String?, inputMode: String?) {
        self.id = id
        self.label = label
        self.value = value
        self.required = required
        self.inputType = inputType
        self.autocomplete = autocomplete
        self.hint = hint
        self.error = error
        self.describedBy = describedBy
        self.inputMode = inputMode
    }

    /// The field as a selection from `options`.
    public func select(_ options: [Option]) -> FieldView {
        var v = self
        v.isSelect = true
        v.options = options
        return v
    }

    /// The field as a checkbox.
    public func checkbox(checked: Bool) -> FieldView {
        var v = self
        v.isCheckbox = true
        v.checked = checked
        return v
    }
}

/// One error as the `errors` partial lists it: a link to the field, its label and the message. A page view carries
/// the list as `errors` beside `hasErrors`.
public struct FormErrorView: Sendable {
    var id: String
    var label: String
    var message: String

    public init(id: String, label: String, message: String) {
        self.id = id
        self.label = label
        self.message = message
    }
}
