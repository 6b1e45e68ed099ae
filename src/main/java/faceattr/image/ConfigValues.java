package faceattr.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed values from a Kafka-style config map (strings or already-typed values). */
final class ConfigValues {
    private ConfigValues() {
    }

    static long getLong(Map<String, ?> config, String key, long defaultValue) {
        Object v = config.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'", e);
        }
    }

    static int getInt(Map<String, ?> config, String key, int defaultValue) {
        long v = getLong(config, key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A comma-separated list (or a {@link List}); blank entries dropped; empty when absent. */
    static List<String> getList(Map<String, ?> config, String key) {
        Object v = config.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Iterable<?> items = v instanceof Iterable<?> it ? it : List.of(v.toString().split(","));
        for (Object item : items) {
            String s = item.toString().trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
