/// Every rate limit of the server, one limiter per limited action, built once from the configuration and shared by
/// REST and Socket.IO, so a user's messages count the same whichever way they arrive. Each limit is per minute.
struct RateLimits: Sendable {
    /// Login attempts per client address (`LOGIN_RATE_PER_IP`).
    let loginAttempts: RateLimiter
    /// Failed logins per account (`LOGIN_FAILURES_PER_ACCOUNT`).
    let loginFailures: RateLimiter
    /// Sign-ups per client address (`SIGNUP_RATE_PER_IP`).
    let signups: RateLimiter
    /// Messages sent per user, over REST and `message:send` together (`MESSAGE_RATE_PER_USER`).
    let messages: RateLimiter
    /// `message:typing` and `message:stop_typing` events per user (`TYPING_RATE_PER_USER`).
    let typing: RateLimiter

    /// The limiters `configuration` asks for; a limit of 0 is off.
    init(_ configuration: AppConfiguration) {
        loginAttempts = RateLimiter(limit: configuration.loginRatePerIP)
        loginFailures = RateLimiter(limit: configuration.loginFailuresPerAccount)
        signups = RateLimiter(limit: configuration.signupRatePerIP)
        messages = RateLimiter(limit: configuration.messageRatePerUser)
        typing = RateLimiter(limit: configuration.typingRatePerUser)
    }
}
