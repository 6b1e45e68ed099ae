package faceattr.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service's one configuration: built-in defaults, then a properties file, then {@code FACEATTR_*} environment
 * variables ({@code FACEATTR_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}), then explicit overrides (CLI flags).
 * Our own keys are listed in {@link #DEFAULTS}; every other key is a Kafka Streams / client key and passes through
 * to {@link org.apache.kafka.streams.StreamsConfig} unchanged (use {@code producer.}/{@code consumer.} prefixes as
 * usual). Note that {@code batch.size} is ours (images per forward pass); the producer's is {@code producer.batch.size}.
 */
public final class ServiceConfig {
    public static final String ENV_PREFIX = "FACEATTR_";

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String INPUT_TOPIC = "input.topic";
    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String DLQ_TOPIC = "dlq.topic";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String BATCH_SIZE = "batch.size";
    public static final String BATCH_MAX_WAIT_MS = "batch.max.wait.ms";
    public static final String MAX_FACES = "max.faces";
    public static final String MODEL_PATH = "model.path";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    /** Search ({@code faceattr.search}): index the output topic and serve /search, /images and the gallery. */
    public static final String SEARCH_ENABLED = "search.enabled";
    public static final String SEARCH_THUMBNAILS = "search.thumbnails";
    public static final String SEARCH_TOKEN = "search.token";
    /** Kafka's static membership key; derived by {@link #defaultGroupInstanceId} when unset, blank = dynamic. */
    public static final String GROUP_INSTANCE_ID = "group.instance.id";
    /** How often the service looks at {@code model.path} for a new bundle; 0 = only on request. */
    public static final String MODEL_WATCH_INTERVAL_MS = "model.watch.interval.ms";
    /** Whether a new bundle may drop attributes the running one publishes. */
    public static final String MODEL_ALLOW_ATTRIBUTE_REMOVAL = "model.allow.attribute.removal";
    /** Bearer token of the {@code /admin/} endpoints; empty = those endpoints are off. */
    public static final String ADMIN_TOKEN = "admin.token";

    /** Keys only faceattr reads; they are never handed to Kafka clients. */
    static final Set<String> OWN_KEYS = Set.of(INPUT_TOPIC, OUTPUT_TOPIC, DLQ_TOPIC, SCHEMA_REGISTRY_URL,
            AUTO_REGISTER_SCHEMAS, BATCH_SIZE, BATCH_MAX_WAIT_MS, MAX_FACES, MODEL_PATH, SHUTDOWN_TIMEOUT_MS, HTTP_HOST, HTTP_PORT,
            MODEL_WATCH_INTERVAL_MS, MODEL_ALLOW_ATTRIBUTE_REMOVAL, ADMIN_TOKEN);

    /**
     * Prefixes of keys read by other faceattr packages, with their defaults there: {@code image.*}
     * ({@link faceattr.image.ImageLimits}), {@code uri.*} ({@link faceattr.image.UriPolicy}) and the registry
     * client's {@code schema.registry.*} / {@code basic.auth.*} ({@link faceattr.avro.AvroSerdeConfig}).
     */
    static final List<String> OWN_PREFIXES = List.of("image.", "uri.", "search.", "schema.registry.", "basic.auth.",
            "value.subject.", "key.subject.", "use.latest.version");

    /** Environment variables that belong to the launcher or logging, not to the service configuration. */
    private static final Set<String> NON_CONFIG_ENV = Set.of("FACEATTR_LOG_LEVEL", "FACEATTR_JAVA_OPTS");

    /** Our keys with their defaults, plus the Streams keys whose defaults we change. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(APPLICATION_ID, "faceattr");
        d.put(BOOTSTRAP_SERVERS, "localhost:9092");
        d.put(INPUT_TOPIC, "images");
        d.put(OUTPUT_TOPIC, "face-attributes");
        d.put(DLQ_TOPIC, "images.dlq");
        d.put(SCHEMA_REGISTRY_URL, "http://localhost:8081");
        d.put(AUTO_REGISTER_SCHEMAS, "true");
        d.put(BATCH_SIZE, "16");
        d.put(BATCH_MAX_WAIT_MS, "200");
        d.put(MAX_FACES, "10");
        d.put(MODEL_PATH, "");
        d.put(PROCESSING_GUARANTEE, "exactly_once_v2");
        // A poll's records can mean several forward passes; a CPU cascade takes seconds per batch. Ten minutes
        // keeps the member in its group through the slowest batches we expect, max.poll.records bounds the work.
        d.put(MAX_POLL_INTERVAL_MS, "600000");
        d.put(MAX_POLL_RECORDS, "64");
        d.put(NUM_STREAM_THREADS, "1");
        // Future-proof default recommended by Kafka Streams 4.x (it warns otherwise); we have no global stores.
        d.put("processing.exception.handler.global.enabled", "true");
        d.put(SHUTDOWN_TIMEOUT_MS, "30000");
        d.put(HTTP_HOST, "0.0.0.0");
        d.put(HTTP_PORT, "8080");
        d.put(SEARCH_ENABLED, "false");
        d.put(SEARCH_THUMBNAILS, "false");
        d.put(SEARCH_TOKEN, "");
        d.put(MODEL_WATCH_INTERVAL_MS, "5000");
        d.put(MODEL_ALLOW_ATTRIBUTE_REMOVAL, "false");
        d.put(ADMIN_TOKEN, "");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private static final List<String> SECRET_SUFFIXES = List.of(".password", "sasl.jaas.config",
            "basic.auth.user.info", ".secret", "secret.key", ".token");

    private final Map<String, String> values;

    private ServiceConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, then the file (if any), then {@code FACEATTR_*} variables of the process environment. */
    public static ServiceConfig load(Path file) throws IOException {
        return builder().file(file).env(System.getenv()).build();
    }

    /** {@code FACEATTR_SCHEMA_REGISTRY_URL} becomes {@code schema.registry.url}; null for other variables. */
    static String keyOfEnv(String variable) {
        if (!variable.startsWith(ENV_PREFIX) || variable.length() == ENV_PREFIX.length()
                || NON_CONFIG_ENV.contains(variable)) {
            return null;
        }
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String get(String key) {
        return ConfigValues.require(values, key);
    }

    public String get(String key, String fallback) {
        String v = values.get(key);
        return v == null ? fallback : v.trim();
    }

    public int getInt(String key) {
        return ConfigValues.getInt(values, key);
    }

    public long getLong(String key) {
        return ConfigValues.getLong(values, key);
    }

    public boolean getBoolean(String key) {
        return ConfigValues.getBoolean(values, key);
    }

    /** A comma-separated list, blanks removed. */
    public List<String> getList(String key) {
        return ConfigValues.getList(values, key);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The configuration for {@link org.apache.kafka.streams.KafkaStreams}: every key that is not ours. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!isOwn(k) && !(k.equals(GROUP_INSTANCE_ID) && v.isBlank())) {
                p.setProperty(k, v.trim());
            }
        });
        return p;
    }

    /**
     * The static-membership id when {@code group.instance.id} is not configured: {@code APPLICATION-HOST-DIR}, where
     * HOST is {@code $HOSTNAME} (the pod name on Kubernetes) or the local host name, and DIR the first 8 hex digits
     * of the SHA-256 of the absolute {@code state.dir} (Kafka Streams' default when unset). Stable across restarts of
     * one instance (same host, same state directory), distinct between instances: two instances on one host need
     * their own state directories anyway. Null under {@code group.protocol=streams}, which has no static membership.
     */
    static String defaultGroupInstanceId(Map<String, String> values, String hostName) {
        if ("streams".equalsIgnoreCase(values.getOrDefault("group.protocol", "classic").trim())) {
            return null;
        }
        String stateDir = values.getOrDefault("state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()).trim();
        String dir;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    Path.of(stateDir).toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            dir = java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return values.get(APPLICATION_ID).trim() + "-" + hostName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + dir;
    }

    /** {@code $HOSTNAME}, else the local host name, else {@code localhost}. */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** Configuration for plain Kafka clients (produce/consume commands, the demo's readers). */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!isOwn(k) && isClientKey(k)) {
                p.put(k, v.trim());
            }
        });
        return p;
    }

    static boolean isOwn(String key) {
        return OWN_KEYS.contains(key) || OWN_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static boolean isClientKey(String key) {
        return key.equals(BOOTSTRAP_SERVERS) || key.startsWith("security.") || key.startsWith("sasl.")
                || key.startsWith("ssl.") || key.equals("client.dns.lookup");
    }

    /** Settings for the schema-registry serdes: the registry URL, auth, TLS and auto-registration keys. */
    public Map<String, Object> serdeProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.equals(AUTO_REGISTER_SCHEMAS)
                    || k.startsWith("value.subject.") || k.startsWith("key.subject.")
                    || k.equals("use.latest.version")) {
                p.put(k, v.trim());
            }
        });
        return p;
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_SUFFIXES.stream().anyMatch(k::endsWith);
    }

    /** One {@code key=value} line per setting, secrets masked: safe to log. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(isSecret(k) ? "********" : v).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

        public Builder file(Path file) throws IOException {
            if (file != null) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
            }
            return this;
        }

        public Builder env(Map<String, String> environment) {
            environment.forEach((name, value) -> {
                String key = keyOfEnv(name);
                if (key != null) {
                    values.put(key, value);
                }
            });
            return this;
        }

        public Builder set(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        public Builder setAll(Map<String, ?> more) {
            more.forEach(this::set);
            return this;
        }

        public ServiceConfig build() {
            if (!values.containsKey(GROUP_INSTANCE_ID)) {
                String derived = defaultGroupInstanceId(values, hostName());
                if (derived != null) {
                    values.put(GROUP_INSTANCE_ID, derived);
                }
            }
            ServiceConfig c = new ServiceConfig(values);
            c.validate();
            return c;
        }
    }

    private void validate() {
        if (getInt(BATCH_SIZE) < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + " must be at least 1");
        }
        if (getLong(BATCH_MAX_WAIT_MS) < 0) {
            throw new IllegalArgumentException(BATCH_MAX_WAIT_MS + " must not be negative");
        }
        if (getInt(MAX_FACES) < 1) {
            throw new IllegalArgumentException(MAX_FACES + " must be at least 1");
        }
        String guarantee = get(PROCESSING_GUARANTEE);
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw new IllegalArgumentException(PROCESSING_GUARANTEE + " must be exactly_once_v2 or at_least_once, got "
                    + guarantee);
        }
        getBoolean(AUTO_REGISTER_SCHEMAS);
        getBoolean(SEARCH_ENABLED);
        getBoolean(SEARCH_THUMBNAILS);
        getBoolean(MODEL_ALLOW_ATTRIBUTE_REMOVAL);
        if (getLong(MODEL_WATCH_INTERVAL_MS) < 0) {
            throw new IllegalArgumentException(MODEL_WATCH_INTERVAL_MS + " must not be negative (0 = off)");
        }
        if (get(INPUT_TOPIC).isEmpty() || get(OUTPUT_TOPIC).isEmpty() || get(DLQ_TOPIC).isEmpty()) {
            throw new IllegalArgumentException("input.topic, output.topic and dlq.topic must be set");
        }
    }
}
