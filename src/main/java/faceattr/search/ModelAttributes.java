package faceattr.search;

import faceattr.model.Cascade;
import faceattr.model.FaceTagger;

import java.util.List;

/** The one place search asks the running model which attributes it has (names, in the model's order). */
public final class ModelAttributes {
    private ModelAttributes() {
    }

    /** The model's attribute names; empty for a tagger that is not a cascade (then the records name them). */
    public static List<String> of(FaceTagger tagger) {
        if (tagger instanceof Cascade cascade) {
            return cascade.classifiers().attributes().stream().map(a -> a.name()).toList();
        }
        return List.of();
    }
}
