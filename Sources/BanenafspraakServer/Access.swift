import BanenafspraakCore

/// Who a bearer token speaks for (server: docs/contracts-internal.md, "Access").
public enum Principal: Sendable, Equatable {
    /// Reads only this employer's figures and explanation, in every run.
    case employer(String)
    /// Reads everything, national figures and simulations included.
    case analyst
}

/// Looks a presented token up: nil for an unknown or revoked token.
public typealias TokenResolver = @Sendable (_ token: String) async -> Principal?

enum BearerAuth {
    /// The token of an `Authorization: Bearer …` header, or of the sign-in cookie for the pages.
    static func token(_ request: APIRequest) -> String? {
        if let h = request.header("authorization") {
            let parts = h.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingSpaces }
            return nil
        }
        return cookie(request, SignIn.cookieName)
    }

    static func cookie(_ request: APIRequest, _ name: String) -> String? {
        guard let header = request.header("cookie") else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: " ") == name { return String(kv[1]).trimmingSpaces }
        }
        return nil
    }

    /// The principal, or the 401 response: no token, an unknown token and a revoked token look the same.
    static func require(_ request: APIRequest, _ resolve: TokenResolver?) async -> Result<Principal, APIErrorResponse> {
        guard let token = token(request), !token.isEmpty else {
            return .failure(APIErrorResponse(response: unauthorized("a bearer token is required (Authorization: Bearer …)")))
        }
        guard token.utf8.count <= 256, let resolve, let principal = await resolve(token) else {
            return .failure(APIErrorResponse(response: unauthorized("the token is not valid or has been revoked")))
        }
        return .success(principal)
    }

    static func unauthorized(_ message: String) -> APIResponse {
        var r = APIResponse.error(401, message)
        r.headers.append(("WWW-Authenticate", "Bearer realm=\"banenafspraak\""))
        return r
    }
}

/// A response carried as an error value.
struct APIErrorResponse: Error { var response: APIResponse }

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
