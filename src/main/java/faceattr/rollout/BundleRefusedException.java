package faceattr.rollout;

/** A candidate bundle failed a check; the running model stays. */
public final class BundleRefusedException extends Exception {
    private final RefusalReason reason;

    public BundleRefusedException(RefusalReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public BundleRefusedException(RefusalReason reason, String message) {
        this(reason, message, null);
    }

    public RefusalReason reason() {
        return reason;
    }
}
