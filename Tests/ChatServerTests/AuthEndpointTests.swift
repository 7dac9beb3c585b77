import Foundation
import HTTPTypes
import Testing

@Suite("Auth endpoints")
struct AuthEndpointTests {
    @Test func signupReturnsOwnProfileWithoutPasswordHash() async throws {
        try await withServer { api in
            let response = try await api.send(
                .post, "/auth/signup", json: ["email": "Alice@Example.com", "password": "correct horse", "name": "Alice"])
            #expect(response.status == .created)
            #expect(response.object["email"] as? String == "alice@example.com")
            #expect(response.object["username"] as? String == "alice")
            #expect((response.object["createdAt"] as? String)?.hasSuffix("Z") == true)
            #expect(Set(response.object.keys) == ["id", "email", "username", "name", "createdAt"])
            #expect(!response.text.contains("password"))
            #expect(!response.text.contains("$2"))
        }
    }

    @Test func duplicateEmailOrUsernameIsAConflictWhateverTheCase() async throws {
        try await withServer { api in
            _ = try await api.account("alice")
            let sameEmail = try await api.send(
                .post, "/auth/signup", json: ["email": "ALICE@example.com", "password": "12345678", "name": "A"])
            #expect(sameEmail.status == .conflict)
            #expect(sameEmail.errorCode == "CONFLICT")
            let sameUsername = try await api.send(
                .post, "/auth/signup", json: ["email": "other@example.com", "password": "12345678", "name": "A", "username": "ALICE"])
            #expect(sameUsername.status == .conflict)
        }
    }

    @Test func loginByEmailOrUsernameAndWrongPasswordIsUnauthorized() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            #expect(!alice.token.isEmpty && alice.refreshToken != nil)
            let byUsername = try await api.send(
                .post, "/auth/login", json: ["username": "alice", "password": "correct horse alice", "deviceType": "MOBILE"])
            #expect(byUsername.status == .ok)
            #expect(byUsername.object["expiresIn"] as? Int == 900)
            let wrong = try await api.send(
                .post, "/auth/login", json: ["email": "alice@example.com", "password": "wrong password", "deviceType": "MOBILE"])
            #expect(wrong.status == .unauthorized)
            let unknown = try await api.send(
                .post, "/auth/login", json: ["email": "nobody@example.com", "password": "wrong password", "deviceType": "MOBILE"])
            #expect(unknown.status == .unauthorized)
            #expect(wrong.object["error"] as? NSDictionary == unknown.object["error"] as? NSDictionary)
        }
    }

    @Test func webLoginPutsTheRefreshTokenInAnHttpOnlyCookieAndRefreshRotatesIt() async throws {
        try await withServer { api in
            _ = try await api.account("alice")
            let web = try await api.login("alice", device: "WEB")
            #expect(web.refreshToken == nil)
            let cookie = try #require(web.cookie)
            #expect(cookie.contains("refresh_token="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let pair = String(cookie.split(separator: ";")[0])
            let refreshed = try await api.send(.post, "/auth/refresh", headers: [.cookie: pair])
            #expect(refreshed.status == .ok)
            #expect(refreshed.object["refreshToken"] == nil)
            let newCookie = try #require(refreshed.headers[.setCookie])
            #expect(String(newCookie.split(separator: ";")[0]) != pair)
        }
    }

    @Test func refreshRotatesAndAReusedRefreshTokenKillsTheSession() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let first = try #require(alice.refreshToken)
            let rotated = try await api.send(.post, "/auth/refresh", json: ["refreshToken": first])
            #expect(rotated.status == .ok)
            let second = try #require(rotated.object["refreshToken"] as? String)
            let newAccess = try #require(rotated.object["accessToken"] as? String)
            #expect(second != first)
            #expect(try await api.send(.get, "/users/me", token: newAccess).status == .ok)

            let reuse = try await api.send(.post, "/auth/refresh", json: ["refreshToken": first])
            #expect(reuse.status == .unauthorized)
            // The whole session is gone: the newest refresh token and every access token of it.
            #expect(try await api.send(.post, "/auth/refresh", json: ["refreshToken": second]).status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: newAccess).status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: alice.token).status == .unauthorized)
        }
    }

    @Test func refreshAcceptsABearerRefreshToken() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let refreshed = try await api.send(.post, "/auth/refresh", token: alice.refreshToken)
            #expect(refreshed.status == .ok)
            #expect(refreshed.object["refreshToken"] as? String != nil)
        }
    }

    @Test func logoutStopsTheAccessTokenAtOnce() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            #expect(try await api.send(.post, "/auth/logout", token: alice.token).status == .noContent)
            let after = try await api.send(.get, "/users/me", token: alice.token)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "UNAUTHORIZED")
            #expect(try await api.send(.post, "/auth/refresh", json: ["refreshToken": alice.refreshToken!]).status == .unauthorized)
        }
    }

    @Test func sessionsListMarksTheCurrentOneAndRevokingOnlyWorksOnOwnSessions() async throws {
        try await withServer { api in
            let phone = try await api.account("alice")
            let laptop = try await api.login("alice", device: "WEB")
            let bob = try await api.account("bob")
            let list = try await api.send(.get, "/auth/sessions", token: phone.token)
            #expect(list.array.count == 2)
            #expect(list.array.first { $0["id"] as? String == phone.sessionId }?["current"] as? Bool == true)
            #expect(list.array.first { $0["id"] as? String == laptop.sessionId }?["current"] as? Bool == false)
            #expect(!list.text.contains("refresh"))

            #expect(try await api.send(.delete, "/auth/sessions/\(laptop.sessionId)", token: bob.token).status == .notFound)
            #expect(try await api.send(.get, "/users/me", token: laptop.token).status == .ok)
            #expect(try await api.send(.delete, "/auth/sessions/\(laptop.sessionId)", token: phone.token).status == .noContent)
            #expect(try await api.send(.get, "/users/me", token: laptop.token).status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: phone.token).status == .ok)
        }
    }

    @Test func logoutAllEndsEverySessionOfTheUserOnly() async throws {
        try await withServer { api in
            let phone = try await api.account("alice")
            let laptop = try await api.login("alice")
            let bob = try await api.account("bob")
            #expect(try await api.send(.post, "/auth/logout-all", token: phone.token).status == .noContent)
            #expect(try await api.send(.get, "/users/me", token: phone.token).status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: laptop.token).status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: bob.token).status == .ok)
        }
    }

    @Test func tamperedOrAlgNoneTokensAreRefused() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let parts = alice.token.split(separator: ".").map(String.init)
            let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "")
            #expect(try await api.send(.get, "/users/me", token: "\(none).\(parts[1]).").status == .unauthorized)
            #expect(try await api.send(.get, "/users/me", token: "\(parts[0]).\(parts[1]).AAAA").status == .unauthorized)
            #expect(try await api.send(.get, "/users/me").status == .unauthorized)
        }
    }

    @Test func failedLoginsPerAccountAreLimitedWithRetryAfter() async throws {
        try await withServer(configure: { $0.loginFailuresPerAccount = 3 }) { api in
            _ = try await api.account("alice")
            for _ in 0..<3 {
                let wrong = try await api.send(
                    .post, "/auth/login", json: ["email": "alice@example.com", "password": "wrong password", "deviceType": "MOBILE"])
                #expect(wrong.status == .unauthorized)
            }
            let limited = try await api.send(
                .post, "/auth/login", json: ["email": "alice@example.com", "password": "correct horse alice", "deviceType": "MOBILE"])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "RATE_LIMITED")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }
}
