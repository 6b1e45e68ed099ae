package faceattr.avro;

/**
 * A schema-registry call failed. Carries the HTTP status and the Confluent {@code error_code} so that the in-process
 * registry, the HTTP server in front of it and the HTTP client all speak the same errors; the nested subclasses are
 * the cases callers branch on. Messages never contain credentials.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the failed call, or -1 where no HTTP response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The Confluent error code (e.g. 40401), or the HTTP status where the registry gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** Confluent error codes used by this project. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    /** Builds the typed exception for a Confluent error response. */
    public static SchemaRegistryException of(int httpStatus, int errorCode, String message) {
        return switch (errorCode) {
            case SUBJECT_NOT_FOUND -> new SubjectNotFound(message);
            case VERSION_NOT_FOUND -> new VersionNotFound(message);
            case SCHEMA_NOT_FOUND -> new SchemaNotFound(message);
            case INCOMPATIBLE_SCHEMA -> new Incompatible(message);
            case INVALID_SCHEMA -> new InvalidSchema(message);
            default -> httpStatus == 401 || httpStatus == 403
                    ? new Unauthorized(httpStatus, message)
                    : new SchemaRegistryException(httpStatus, errorCode, message);
        };
    }

    /** 404 / 40401: no such subject. */
    public static final class SubjectNotFound extends SchemaRegistryException {
        public SubjectNotFound(String message) {
            super(404, SUBJECT_NOT_FOUND, message);
        }
    }

    /** 404 / 40402: the subject exists but not that version. */
    public static final class VersionNotFound extends SchemaRegistryException {
        public VersionNotFound(String message) {
            super(404, VERSION_NOT_FOUND, message);
        }
    }

    /** 404 / 40403: no schema with that id, or the schema is not registered under the subject. */
    public static final class SchemaNotFound extends SchemaRegistryException {
        public SchemaNotFound(String message) {
            super(404, SCHEMA_NOT_FOUND, message);
        }
    }

    /** 409: the schema breaks the subject's compatibility level. */
    public static final class Incompatible extends SchemaRegistryException {
        public Incompatible(String message) {
            super(409, INCOMPATIBLE_SCHEMA, message);
        }
    }

    /** 422 / 42201: the schema does not parse, or is not an Avro schema. */
    public static final class InvalidSchema extends SchemaRegistryException {
        public InvalidSchema(String message) {
            super(422, INVALID_SCHEMA, message);
        }
    }

    /** 401 / 403: credentials missing or refused. */
    public static final class Unauthorized extends SchemaRegistryException {
        public Unauthorized(int httpStatus, String message) {
            super(httpStatus, httpStatus, message);
        }
    }

    /** No HTTP answer at all: connection refused, TLS handshake failure, timeout. */
    public static final class Unreachable extends SchemaRegistryException {
        public Unreachable(String message, Throwable cause) {
            super(-1, -1, message, cause);
        }
    }
}
