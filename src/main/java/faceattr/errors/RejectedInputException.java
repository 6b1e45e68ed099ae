package faceattr.errors;

/** An input that is refused for a known reason; the message says what was wrong, never includes secrets. */
public class RejectedInputException extends Exception {
    private final ReasonCode reason;

    public RejectedInputException(ReasonCode reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedInputException(ReasonCode reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
