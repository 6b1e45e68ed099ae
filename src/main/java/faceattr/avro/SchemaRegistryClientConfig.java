package faceattr.avro;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the schema-registry client, under the key names of Confluent's clients so that existing configs work
 * unchanged. Credentials are {@link Password}s: they print as {@code [hidden]}.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent's alternative spelling of {@link #BASIC_AUTH_USER_INFO}; either may be used. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

    public static final String SOURCE_URL = "URL";
    public static final String SOURCE_USER_INFO = "USER_INFO";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, "", Importance.HIGH,
                    "Comma-separated schema-registry URLs (http or https, tried in order when one is unreachable),"
                            + " or mock://SCOPE for the in-process registry of that scope.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, SOURCE_URL,
                    ConfigDef.ValidString.in(SOURCE_URL, SOURCE_USER_INFO), Importance.MEDIUM,
                    "Where HTTP basic-auth credentials come from: URL (user:password@ in the registry URL) or"
                            + " USER_INFO (" + BASIC_AUTH_USER_INFO + ").")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for basic auth when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO.")
            .define(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.LOW,
                    "Alternative name of " + BASIC_AUTH_USER_INFO + ".")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Truststore with the certificates that https registry URLs are verified against; the JVM's"
                            + " default trust when unset.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Truststore password.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Truststore type (JKS, PKCS12).")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW,
                    "Keystore with a client certificate, for registries that require mutual TLS.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Keystore password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Keystore type (JKS, PKCS12).")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                    "Password of the key in the keystore; the keystore password when unset.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout for connecting to the registry, in milliseconds.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout for a whole registry request, in milliseconds.");

    public SchemaRegistryClientConfig(Map<String, ?> originals) {
        this(CONFIG, originals);
    }

    protected SchemaRegistryClientConfig(ConfigDef definition, Map<String, ?> originals) {
        super(definition, originals, false);
    }

    /** The ConfigDef of these settings, e.g. to print a reference table. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** The configured URLs; a ConfigException when there are none (the key is required to reach a registry). */
    public List<String> urls() {
        List<String> urls = getList(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
        }
        return urls;
    }

    /** The scope of a {@code mock://scope} URL, or null when the URLs are real ones. */
    public String mockScope() {
        List<String> urls = urls();
        String first = urls.get(0).trim();
        if (!first.toLowerCase(Locale.ROOT).startsWith(MockSchemaRegistry.URL_PREFIX)) {
            return null;
        }
        if (urls.size() > 1) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + ": a mock:// URL must be the only one");
        }
        return first.substring(MockSchemaRegistry.URL_PREFIX.length());
    }

    /** The registry base URIs without user info or trailing slash, safe to show in messages. */
    public List<URI> baseUris() {
        List<URI> uris = new ArrayList<>();
        int position = 1;
        for (String url : urls()) {
            URI uri = parse(url, position++);
            try {
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                uris.add(new URI(uri.getScheme() + "://" + hostPort(uri) + path));
            } catch (URISyntaxException e) {
                throw new ConfigException(SCHEMA_REGISTRY_URL + " entry #" + (position - 1) + " is not a valid URL");
            }
        }
        return uris;
    }

    /** user:password for basic auth, from the source that {@link #BASIC_AUTH_CREDENTIALS_SOURCE} names. */
    public Optional<String> basicAuthUserInfo() {
        if (SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
            if (userInfo == null) {
                userInfo = getPassword(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
            }
            if (userInfo == null || userInfo.value().isEmpty()) {
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs " + BASIC_AUTH_USER_INFO);
            }
            return Optional.of(userInfo.value());
        }
        int position = 1;
        for (String url : urls()) {
            URI uri = parse(url, position++);
            if (uri.getUserInfo() != null) {
                return Optional.of(uri.getUserInfo());
            }
        }
        return Optional.empty();
    }

    private static URI parse(String url, int position) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            // The value itself is not echoed: it may carry credentials.
            throw new ConfigException(SCHEMA_REGISTRY_URL + " entry #" + position
                    + " is not an http(s) URL with a host (or a single mock:// URL)");
        }
    }

    private static String hostPort(URI uri) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }
}
