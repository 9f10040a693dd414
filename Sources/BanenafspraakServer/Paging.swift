/// The paged lists of the API (`GET /api/v1/decisions`, `GET /api/v1/objections`): `limit` items at most (default
/// ``defaultLimit``, at most ``maxLimit``) after the cursor `after`, the last item of the page before. A page with more
/// after it carries `Link: <…?after=…&limit=…>; rel="next"` (RFC 8288); the last page has none. New items only ever come
/// after the last one, so a cursor stays valid: following the links lists every item once, in order.
enum Paging {
    static let defaultLimit = 50
    static let maxLimit = 500

    static var limitParameter: RouteParameter {
        RouteParameter("limit", in: .query, required: false, description: "At most this many items (1–\(maxLimit), default \(defaultLimit)).",
                       schema: Schema.integer(minimum: 1, maximum: Int64(maxLimit)))
    }

    static let nextHeader = ("Link", "`<URL>; rel=\"next\"`: the next page (the same list after this page's last item); absent on the last page.")

    /// `limit` from the query: absent is the default; anything but a whole number 1–``maxLimit`` is an error (400).
    static func limit(_ request: APIRequest) -> Result<Int, APIError> {
        guard let text = request.query("limit") else { return .success(defaultLimit) }
        guard let n = Int(text), (1...maxLimit).contains(n) else {
            return .failure(APIError(status: 400, message: "limit must be a whole number from 1 to \(maxLimit)", field: "limit"))
        }
        return .success(n)
    }

    /// A page: its JSON array `body`, with the link to the next page when more items come after it. The store is
    /// asked for one item more than `limit`, so the last page has no link.
    static func response(_ body: [UInt8], more: Bool, path: String, limit: Int, lastCursor: String?) -> APIResponse {
        var r = APIResponse(status: 200, contentType: "application/json", body: body)
        if more, let lastCursor {
            r.headers.append(("Link", "<\(path)?after=\(lastCursor)&limit=\(limit)>; rel=\"next\""))
        }
        return r
    }
}
