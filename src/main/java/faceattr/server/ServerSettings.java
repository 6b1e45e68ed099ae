package faceattr.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP endpoint's keys (read from the service configuration; never handed to Kafka). */
public record ServerSettings(String bind, int port) {
    public static final String PREFIX = "server.";
    public static final String BIND = "server.bind";
    public static final String PORT = "server.port";

    /** The keys with their defaults, for the configuration reference and for deploy-file checks. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(BIND, "0.0.0.0");
        d.put(PORT, "8080");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public ServerSettings {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException(BIND + " must be set");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT + " must be 0..65535 (0 picks a free port), got " + port);
        }
    }

    /** From a configuration map (for example {@code ServiceConfig.asMap()}); missing keys take their defaults. */
    public static ServerSettings from(Map<String, String> config) {
        String bind = config.getOrDefault(BIND, DEFAULTS.get(BIND)).trim();
        String port = config.getOrDefault(PORT, DEFAULTS.get(PORT)).trim();
        try {
            return new ServerSettings(bind, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a number, got '" + port + "'");
        }
    }
}
