import BanenafspraakCore

/// The rekentool at `/` (spec 10).
enum Rekentool {
    static func routes(env: ServerEnvironment, renderer: PageRenderer) -> [Route] {
        [
            Route("GET", "/", operationId: "page_rekentool", summary: "De rekentool voor werkgevers.", tag: "pages",
                  responses: [.page(200, "The form.")]) { _, _ in
                renderer.render("notfound", title: "Rekentool", path: "/", [:])
            },
        ]
    }
}
