package faceattr.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads typed values from a Kafka-style config map (strings, or values already typed): the one parser behind
 * {@link ServiceConfig}'s getters and the {@code fromConfig} factories of the components it configures.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** The value of a key that must be set, trimmed. */
    public static String require(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing configuration key " + key);
        }
        return v.toString().trim();
    }

    public static long getLong(Map<String, ?> config, String key) {
        return parseLong(key, config.get(key) instanceof Number n ? n : require(config, key));
    }

    public static long getLong(Map<String, ?> config, String key, long defaultValue) {
        Object v = config.get(key);
        return v == null ? defaultValue : parseLong(key, v);
    }

    public static int getInt(Map<String, ?> config, String key) {
        return toInt(key, getLong(config, key));
    }

    public static int getInt(Map<String, ?> config, String key, int defaultValue) {
        return toInt(key, getLong(config, key, defaultValue));
    }

    public static boolean getBoolean(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = require(config, key).toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("configuration key " + key + " must be true or false, got '" + s + "'");
        }
        return Boolean.parseBoolean(s);
    }

    /** A comma-separated list (or a {@link List}); blank entries dropped; empty when absent. */
    public static List<String> getList(Map<String, ?> config, String key) {
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

    private static long parseLong(String key, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + key + " must be a whole number, got '" + v
                    + "'", e);
        }
    }

    private static int toInt(String key, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("configuration key " + key + " is out of range: " + v);
        }
        return (int) v;
    }
}
