package faceattr.search;

/** A query the API refuses (HTTP 400): a reason code, the parameter at fault and a message for people. */
public final class BadQueryException extends Exception {
    private final String code;
    private final String parameter;

    public BadQueryException(String code, String parameter, String message) {
        super(message);
        this.code = code;
        this.parameter = parameter;
    }

    public String code() {
        return code;
    }

    public String parameter() {
        return parameter;
    }
}
