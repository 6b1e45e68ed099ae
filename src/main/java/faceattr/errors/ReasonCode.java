package faceattr.errors;

/**
 * Why an input was refused. The code travels in the {@code faceattr.error.reason} header of every dead letter,
 * so downstream tooling can route and replay by reason; never rename a constant.
 */
public enum ReasonCode {
    /** The record's key or value could not be deserialized (not Avro, unknown schema id, registry down). */
    DESERIALIZATION,
    /** The event is structurally invalid: both or neither of uri/data, empty id, bad content type. */
    INVALID_EVENT,
    /** The bytes are not an image format we decode. */
    UNSUPPORTED_FORMAT,
    /** The bytes claim a supported format but cannot be decoded. */
    CORRUPT_IMAGE,
    /** Byte size, pixel count or dimensions exceed the configured limits. */
    TOO_LARGE,
    /** Too small to hold a face (below the configured minimum side). */
    TOO_SMALL,
    /** Decoding did not finish within the configured time limit. */
    DECODE_TIMEOUT,
    /** The URI's scheme, root or host is not on the allow-list. */
    URI_NOT_ALLOWED,
    /** The URI was allowed but reading it failed (missing file, HTTP error, timeout). */
    FETCH_FAILED,
    /** The model failed on this record, also after retrying it alone. */
    INFERENCE_FAILED
}
