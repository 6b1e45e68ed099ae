package faceattr.http;

/** The answer of {@code /readyz}: ready, or not with a reason a person can act on. */
public record Readiness(boolean ready, String reason) {
    public static Readiness ok() {
        return new Readiness(true, "ready");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
