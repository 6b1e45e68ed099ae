package faceattr.cli;

import faceattr.data.Split;

import java.util.Locale;

/** The {@code --split} values the commands accept: train, val (or validation), test. */
final class Splits {
    private Splits() {
    }

    static Split parse(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        return Split.valueOf(u.equals("VALIDATION") ? "VAL" : u);
    }
}
