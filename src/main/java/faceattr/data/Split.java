package faceattr.data;

/** The three evaluation partitions of {@code list_eval_partition.txt}: 0 = train, 1 = val, 2 = test. */
public enum Split {
    TRAIN(0), VAL(1), TEST(2);

    private final int code;

    Split(int code) {
        this.code = code;
    }

    /** The value written in {@code list_eval_partition.txt}. */
    public int code() {
        return code;
    }

    /** The split for a partition value, or null when the value is not 0, 1 or 2. */
    public static Split ofCode(int code) {
        for (Split s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
