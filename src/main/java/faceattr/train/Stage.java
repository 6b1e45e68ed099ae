package faceattr.train;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Training stages in the order they run. {@code finetune} on the command line means both fine-tuning stages: LNet
 * (attribute tags on whole images) must finish before ANet pre-training, because ANet only ever sees the face region
 * that LNet finds, never a ground-truth box; the box regressor (trained on LNet's own boxes) sits between them, since
 * it moves those boxes.
 */
public enum Stage {
    LNET_PRETRAIN("lnet-pretrain"),
    LNET_FINETUNE("lnet-finetune"),
    BOX_REGRESSOR("box-regressor"),
    ANET_PRETRAIN("anet-pretrain"),
    ANET_FINETUNE("anet-finetune"),
    CLASSIFIERS("classifiers");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a comma-separated list; {@code finetune} expands to both fine-tuning stages, {@code all} to every stage. */
    public static Set<Stage> parse(String list) {
        Set<Stage> out = EnumSet.noneOf(Stage.class);
        for (String raw : list.split(",")) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            switch (s) {
                case "all" -> out.addAll(EnumSet.allOf(Stage.class));
                case "finetune" -> {
                    out.add(LNET_FINETUNE);
                    out.add(ANET_FINETUNE);
                }
                default -> {
                    Stage match = null;
                    for (Stage st : values()) {
                        if (st.id.equals(s)) {
                            match = st;
                        }
                    }
                    if (match == null) {
                        throw new IllegalArgumentException("unknown stage '" + raw.trim() + "' (known: lnet-pretrain, "
                                + "lnet-finetune, box-regressor, anet-pretrain, anet-finetune, finetune, classifiers, all)");
                    }
                    out.add(match);
                }
            }
        }
        return out;
    }
}
