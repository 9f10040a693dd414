import BanenafspraakCore

/// Builds the OpenAPI 3.1 document from the route table: every route the router dispatches is described,
/// with its parameters, body, responses and errors, from the same ``Route`` values.
public enum OpenAPIDocument {
    public static func build(routes: [Route], version: String) -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for route in routes {
            let op = operation(route)
            if let i = paths.firstIndex(where: { $0.0 == route.path }) {
                paths[i].1.append((route.method.lowercased(), op))
            } else {
                paths.append((route.path, [(route.method.lowercased(), op)]))
            }
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("Banenafspraak API")),
                ("version", .string(version)),
                ("description", .string("Quotumheffing (Wfsv art. 38f–38h), vereenvoudigde quotumregeling en de persoonsgebonden calculators. Bedragen en uren zijn tekst met twee decimalen en een punt.")),
            ])),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object([
                    ("Error", Schema.object([
                        ("error", Schema.object([
                            ("message", Schema.string(description: "What is wrong, in plain words.")),
                            ("field", Schema.nullable(Schema.string(description: "The offending input as a JSON Pointer (RFC 6901), or null."))),
                        ], required: ["message", "field"])),
                    ], required: ["error"])),
                ])),
                ("securitySchemes", .object([
                    ("bearer", .object([
                        ("type", .string("http")), ("scheme", .string("bearer")),
                        ("description", .string("A token from `banenafspraak token issue`: an employer token reads only its own employer; an analyst token reads everything.")),
                    ])),
                ])),
            ])),
        ])
    }

    static let commonHeaders: JSONValue = .object([
        ("X-Engine-Version", .object([("description", .string("The engine version that computed the response.")), ("schema", Schema.string())])),
        ("X-Parameter-Set-Hash", .object([("description", .string("SHA-256 of the parameter set in force (hex).")), ("schema", Schema.string(pattern: "^[0-9a-f]{64}$"))])),
    ])

    static func operation(_ route: Route) -> JSONValue {
        var op: [(String, JSONValue)] = [
            ("operationId", .string(route.operationId)),
            ("summary", .string(route.summary)),
            ("tags", .array([.string(route.tag)])),
        ]
        if !route.parameters.isEmpty {
            op.append(("parameters", .array(route.parameters.map { p in
                .object([
                    ("name", .string(p.name)), ("in", .string(p.location.rawValue)),
                    ("required", .bool(p.required)), ("description", .string(p.description)), ("schema", p.schema),
                ])
            })))
        }
        if let body = route.body {
            op.append(("requestBody", .object([
                ("required", .bool(body.required)),
                ("content", .object([(body.contentType, .object([("schema", body.schema)]))])),
            ])))
        }
        var responses: [(String, JSONValue)] = []
        for r in route.responses {
            let mediaType = r.contentType.split(separator: ";").first.map(String.init) ?? r.contentType
            var headers = commonHeaders
            if case .object(let common) = commonHeaders, !r.headers.isEmpty {
                headers = .object(common + r.headers.map { ($0.0, .object([("description", .string($0.1)), ("schema", Schema.string())])) })
            }
            var entry: [(String, JSONValue)] = [("description", .string(r.description)), ("headers", headers)]
            entry.append(("content", .object([(mediaType, .object([("schema", r.schema)]))])))
            responses.append((String(r.status), .object(entry)))
        }
        op.append(("responses", .object(responses)))
        if route.access == .bearer {
            op.append(("security", .array([.object([("bearer", .array([]))])])))
        }
        return .object(op)
    }
}
