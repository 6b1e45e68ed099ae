package faceattr.search;

/** The cluster cannot answer for all of the index right now (HTTP 503): restoring, rebalancing, an instance down. */
public final class SearchUnavailableException extends Exception {
    private final String code;

    public SearchUnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
