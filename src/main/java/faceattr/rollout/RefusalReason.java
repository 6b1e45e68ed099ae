package faceattr.rollout;

/** Why a candidate model bundle was refused (the {@code reason} tag of the refusals counter, and the JSON answer). */
public enum RefusalReason {
    /** Not a readable bundle: not a zip, truncated, an entry missing, a network that does not restore. */
    UNREADABLE,
    /** Its version is the running one's: records could not tell the two models apart. */
    SAME_VERSION,
    /** Its profile differs from the running one's, or its manifest disagrees with its profile's input sizes. */
    WRONG_PROFILE,
    /** It drops attributes the running model publishes (allowed with {@code model.allow.attribute.removal=true}). */
    ATTRIBUTES_REMOVED,
    /** The smoke pass on the built-in image threw or gave a malformed answer. */
    SMOKE_PASS_FAILED
}
