package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads image bytes for an event's {@code uri}, under a {@link UriPolicy}. Every refusal happens before anything is
 * opened or connected:
 * <ul>
 *   <li>{@code file:} only for regular files under an allowed root: {@code ..} segments are refused outright, the
 *       normalised path must lie under a root, and so must its real path (no symlink escapes).</li>
 *   <li>{@code http:}/{@code https:} only to allow-listed {@code host[:port]}, without user info, direct (never via a
 *       proxy); redirects are followed by hand, at most {@code uri.max.redirects}, each hop checked again.</li>
 *   <li>every other scheme is refused.</li>
 * </ul>
 * Reasons: not allowed → {@code URI_NOT_ALLOWED}; not absolute/unparseable → {@code INVALID_EVENT}; larger than
 * {@code uri.max.bytes} (declared or streamed) → {@code TOO_LARGE}; missing file, HTTP error, too many redirects,
 * timeout → {@code FETCH_FAILED}. Messages show URIs without user info, query or fragment (signed URLs carry
 * credentials there).
 */
public final class ImageFetcher {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "image-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final String ACCEPT = "image/jpeg, image/png, image/gif, image/bmp, image/webp;q=0.9";

    private final UriPolicy policy;

    public ImageFetcher(UriPolicy policy) {
        this.policy = policy;
    }

    public UriPolicy policy() {
        return policy;
    }

    public FetchedImage fetch(String uri) throws RejectedInputException {
        URI parsed = parse(uri);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> fetchFile(parsed);
            case "http", "https" -> fetchHttp(parsed);
            default -> throw notAllowed("scheme '" + ImageDecoder.printable(scheme) + "' is not allowed");
        };
    }

    private static URI parse(String uri) throws RejectedInputException {
        if (uri == null || uri.isBlank()) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "uri is empty");
        }
        try {
            URI parsed = new URI(uri.trim());
            if (!parsed.isAbsolute()) {
                throw new RejectedInputException(ReasonCode.INVALID_EVENT,
                        "uri is not absolute (no scheme): " + safe(parsed));
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "uri is malformed: "
                    + ImageDecoder.printable(e.getReason()));
        }
    }

    // ---- file: ----

    private FetchedImage fetchFile(URI uri) throws RejectedInputException {
        if (policy.allowedRoots().isEmpty()) {
            throw notAllowed("file URIs are not allowed (no " + UriPolicy.ALLOWED_ROOTS_CONFIG + " configured): "
                    + safe(uri));
        }
        if (uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.isOpaque()) {
            throw notAllowed("file URI must be file:///absolute/path with no host, query or fragment: " + safe(uri));
        }
        String decodedPath = uri.getPath();
        if (decodedPath == null || hasDotDotSegment(decodedPath)) {
            throw notAllowed("file URI path contains '..': " + safe(uri));
        }
        Path path;
        try {
            path = Path.of(uri).normalize();
        } catch (IllegalArgumentException e) { // includes InvalidPathException (e.g. a NUL byte)
            throw notAllowed("file URI is not a valid path: " + safe(uri));
        }
        if (policy.allowedRoots().stream().noneMatch(path::startsWith)) {
            throw notAllowed("file is not under an allowed root: " + safe(uri));
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "no such file: " + safe(uri));
        } catch (IOException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "cannot resolve " + safe(uri) + ": " + e, e);
        }
        if (policy.allowedRoots().stream().map(ImageFetcher::realPathOrNull).noneMatch(
                r -> r != null && real.startsWith(r))) {
            throw notAllowed("file resolves (through a symbolic link) outside the allowed roots: " + safe(uri));
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "not a regular file: " + safe(uri));
        }
        try {
            long size = Files.size(real);
            if (size > policy.maxBytes()) {
                throw tooLarge(uri, size);
            }
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                return new FetchedImage(safe(uri), readCapped(in, uri, Long.MAX_VALUE), null);
            }
        } catch (IOException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "cannot read " + safe(uri) + ": " + e, e);
        }
    }

    private static Path realPathOrNull(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return null; // a root that does not exist (yet) contains nothing
        }
    }

    private static boolean hasDotDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    // ---- http:, https: ----

    private FetchedImage fetchHttp(URI uri) throws RejectedInputException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(policy.fetchTimeoutMs());
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            checkHttpAllowed(current);
            HttpURLConnection conn = open(current, deadline);
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> { // bounds slow-drip bodies too
                timedOut.set(true);
                conn.disconnect();
            }, remainingMs(deadline, current), TimeUnit.MILLISECONDS);
            try {
                int status = conn.getResponseCode();
                if (isRedirect(status)) {
                    if (redirects >= policy.maxRedirects()) {
                        throw new RejectedInputException(ReasonCode.FETCH_FAILED, "more than "
                                + policy.maxRedirects() + " redirects, last from " + safe(current));
                    }
                    current = redirectTarget(current, conn.getHeaderField("Location"));
                    continue;
                }
                if (status != HttpURLConnection.HTTP_OK) {
                    throw new RejectedInputException(ReasonCode.FETCH_FAILED, "HTTP " + status + " from "
                            + safe(current));
                }
                long declared = conn.getContentLengthLong();
                if (declared > policy.maxBytes()) {
                    throw tooLarge(current, declared);
                }
                try (InputStream in = conn.getInputStream()) {
                    byte[] body = readCapped(in, current, deadline);
                    return new FetchedImage(safe(current), body, conn.getContentType());
                }
            } catch (IOException e) {
                if (timedOut.get() || System.nanoTime() - deadline > 0 || e instanceof SocketTimeoutException) {
                    throw new RejectedInputException(ReasonCode.FETCH_FAILED, "timed out after "
                            + policy.fetchTimeoutMs() + " ms fetching " + safe(current), e);
                }
                throw new RejectedInputException(ReasonCode.FETCH_FAILED, "cannot fetch " + safe(current) + ": "
                        + e.getClass().getSimpleName(), e);
            } finally {
                watchdog.cancel(false);
                conn.disconnect();
            }
        }
    }

    private void checkHttpAllowed(URI uri) throws RejectedInputException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAllowed("scheme '" + ImageDecoder.printable(scheme) + "' is not allowed: " + safe(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw notAllowed("URIs with user info (credentials) are not allowed: " + safe(uri));
        }
        if (!policy.allowsHost(uri)) {
            throw notAllowed("host is not on " + UriPolicy.ALLOWED_HOSTS_CONFIG + ": " + safe(uri));
        }
    }

    private HttpURLConnection open(URI uri, long deadline) throws RejectedInputException {
        try {
            HttpURLConnection conn = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            int timeout = (int) Math.min(Integer.MAX_VALUE, remainingMs(deadline, uri));
            conn.setConnectTimeout(timeout);
            conn.setReadTimeout(timeout);
            conn.setInstanceFollowRedirects(false);
            conn.setUseCaches(false);
            conn.setRequestProperty("Accept", ACCEPT);
            conn.setRequestProperty("Accept-Encoding", "identity");
            return conn;
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "cannot open " + safe(uri) + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private long remainingMs(long deadline, URI uri) throws RejectedInputException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "timed out after " + policy.fetchTimeoutMs()
                    + " ms fetching " + safe(uri));
        }
        return ms;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, String location) throws RejectedInputException {
        if (location == null || location.isBlank()) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "redirect without Location from " + safe(from));
        }
        try {
            return from.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED, "malformed redirect Location from " + safe(from));
        }
    }

    // ---- shared ----

    /** Reads at most maxBytes; one byte more means the source is too large, whatever it declared. */
    private byte[] readCapped(InputStream in, URI uri, long deadline) throws IOException, RejectedInputException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > policy.maxBytes()) {
                throw tooLarge(uri, -1);
            }
            if (deadline != Long.MAX_VALUE) {
                remainingMs(deadline, uri);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private RejectedInputException tooLarge(URI uri, long size) {
        return new RejectedInputException(ReasonCode.TOO_LARGE, (size >= 0 ? size + " bytes" : "more than "
                + policy.maxBytes() + " bytes") + " at " + safe(uri) + ", limit is " + policy.maxBytes());
    }

    private static RejectedInputException notAllowed(String message) {
        return new RejectedInputException(ReasonCode.URI_NOT_ALLOWED, message);
    }

    /** The URI without user info, query and fragment: safe to log. */
    static URI safe(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return URI.create(Optional.ofNullable(uri.getScheme()).orElse("unknown") + ":(unprintable)");
        }
    }
}
