package faceattr.image;

import faceattr.config.ConfigValues;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which image URIs may be fetched, and the limits for fetching them. Nothing is allowed by default: with no roots
 * and no hosts every URI is refused.
 *
 * @param allowedRoots    directories whose files {@code file:} URIs may name (absolute, normalised)
 *                        ({@value #ALLOWED_ROOTS_CONFIG})
 * @param allowedHosts    {@code host} or {@code host:port} entries that {@code http:}/{@code https:} URIs may name,
 *                        matched exactly (case-insensitive host); an entry without a port allows only the scheme's
 *                        default port ({@value #ALLOWED_HOSTS_CONFIG})
 * @param fetchTimeoutMs  limit for one fetch, all redirects, connects and reads together ({@value #FETCH_TIMEOUT_MS_CONFIG})
 * @param maxRedirects    HTTP redirects followed at most, each hop checked against the allow-list again
 *                        ({@value #MAX_REDIRECTS_CONFIG})
 * @param maxBytes        largest body or file accepted ({@value #MAX_BYTES_CONFIG}; defaults to
 *                        {@code image.max.bytes})
 */
public record UriPolicy(List<Path> allowedRoots, List<String> allowedHosts, long fetchTimeoutMs, int maxRedirects,
                        long maxBytes) {

    public static final String ALLOWED_ROOTS_CONFIG = "uri.allowed.roots";
    public static final String ALLOWED_HOSTS_CONFIG = "uri.allowed.hosts";
    public static final String FETCH_TIMEOUT_MS_CONFIG = "uri.fetch.timeout.ms";
    public static final String MAX_REDIRECTS_CONFIG = "uri.max.redirects";
    public static final String MAX_BYTES_CONFIG = "uri.max.bytes";

    public static final long DEFAULT_FETCH_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    public static final long DEFAULT_MAX_BYTES = ImageLimits.DEFAULT_MAX_BYTES;

    public UriPolicy {
        allowedRoots = allowedRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        allowedHosts = allowedHosts.stream().map(UriPolicy::normaliseHostEntry).toList();
        if (fetchTimeoutMs <= 0) {
            throw new IllegalArgumentException(FETCH_TIMEOUT_MS_CONFIG + " must be positive, was " + fetchTimeoutMs);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException(MAX_REDIRECTS_CONFIG + " must not be negative, was " + maxRedirects);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_CONFIG + " must be positive, was " + maxBytes);
        }
    }

    /** Refuses every URI. */
    public static UriPolicy denyAll() {
        return new UriPolicy(List.of(), List.of(), DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_BYTES);
    }

    /**
     * From Kafka-style configuration: {@code uri.allowed.roots} and {@code uri.allowed.hosts} are comma-separated
     * lists (or {@link List}s), empty by default; absent limits take their defaults, except {@code uri.max.bytes},
     * which follows {@code image.max.bytes} when only that is set (a fetched image must pass the decoder anyway).
     */
    public static UriPolicy fromConfig(Map<String, ?> config) {
        return new UriPolicy(
                ConfigValues.getList(config, ALLOWED_ROOTS_CONFIG).stream().map(Path::of).toList(),
                ConfigValues.getList(config, ALLOWED_HOSTS_CONFIG),
                ConfigValues.getLong(config, FETCH_TIMEOUT_MS_CONFIG, DEFAULT_FETCH_TIMEOUT_MS),
                ConfigValues.getInt(config, MAX_REDIRECTS_CONFIG, DEFAULT_MAX_REDIRECTS),
                ConfigValues.getLong(config, MAX_BYTES_CONFIG,
                        ConfigValues.getLong(config, ImageLimits.MAX_BYTES_CONFIG, DEFAULT_MAX_BYTES)));
    }

    /** Whether an http(s) URI's host and port are on the allow-list. */
    boolean allowsHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
        String hostLower = host.toLowerCase(Locale.ROOT);
        for (String entry : allowedHosts) {
            URI allowed = URI.create("http://" + entry);
            int allowedPort = allowed.getPort() != -1 ? allowed.getPort() : defaultPort(uri.getScheme());
            if (allowed.getHost().equals(hostLower) && allowedPort == port) {
                return true;
            }
        }
        return false;
    }

    static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String normaliseHostEntry(String entry) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        try {
            URI u = new URI("http://" + e);
            if (u.getHost() == null || u.getRawUserInfo() != null || !u.getRawPath().isEmpty()
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException(ALLOWED_HOSTS_CONFIG + " entry '" + entry
                        + "' is not host or host:port");
            }
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException(ALLOWED_HOSTS_CONFIG + " entry '" + entry + "' is not host or host:port",
                    ex);
        }
        return e;
    }
}
