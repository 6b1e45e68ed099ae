package faceattr.synth;

/** How far the hair falls: cropped to the skull, to the chin, or to the shoulders. */
enum HairLength {
    SHORT, MEDIUM, LONG
}
