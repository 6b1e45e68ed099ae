package faceattr.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code POST /admin/model/reload} with {@code Authorization: Bearer TOKEN} ({@code admin.token}): re-reads
 * {@code model.path} now and answers with the outcome, as JSON, once the candidate is checked: 200
 * {@code {"result":"swapped","version":..,"previous":..}} or {@code "unchanged"}, 409 {@code "refused"} with the
 * {@code reason} (the running model stays), 409 when the service runs the bundled model (no {@code model.path}),
 * 503 before the model is loaded. 401 for a missing or wrong token (compared in constant time), 405 for other
 * methods, 400 for a query or a body: bundles are never uploaded over HTTP, the service reads its own path.
 */
public final class ModelReloadEndpoint implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ModelReloadEndpoint.class);
    public static final String PATH = "/admin/model/reload";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loading and checking a bundle takes seconds on CPU; a paper-profile bundle more. */
    private static final Duration RELOAD_TIMEOUT = Duration.ofMinutes(5);

    private final byte[] tokenDigest;
    private final Supplier<ModelWatcher> watcher;

    /** @param watcher the model watcher, or null while the model loads or when there is no {@code model.path} */
    public ModelReloadEndpoint(String token, Supplier<ModelWatcher> watcher) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("admin.token is empty: the admin endpoints stay off");
        }
        this.tokenDigest = sha256(token.trim());
        this.watcher = watcher;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer a = answer(exchange);
            if (a.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"faceattr-admin\"");
            } else if (a.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "POST");
            }
            byte[] body = (JSON.writeValueAsString(a.body()) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, Map<String, Object> body) {
        static Answer error(int status, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            return new Answer(status, body);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            return Answer.error(404, "not found");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.error(405, "use POST");
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            log.warn("model reload refused: missing or wrong bearer token (from {})", exchange.getRemoteAddress());
            return Answer.error(401, "missing or wrong bearer token");
        }
        if (exchange.getRequestURI().getRawQuery() != null || hasBody(exchange.getRequestBody())) {
            return Answer.error(400, "no parameters and no body: the service re-reads its own model.path "
                    + "(bundles are not uploaded over HTTP)");
        }
        ModelWatcher w = watcher.get();
        if (w == null) {
            return Answer.error(409, "no model.path to reload: the service runs the bundled model, or is still "
                    + "loading its model");
        }
        ModelWatcher.Result r;
        try {
            r = w.reload(RELOAD_TIMEOUT);
        } catch (TimeoutException e) {
            return Answer.error(503, "the reload did not finish within " + RELOAD_TIMEOUT.toSeconds() + " s; it "
                    + "goes on, see the log and faceattr_model_info");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.error(503, "interrupted while reloading (the service is stopping)");
        } catch (RuntimeException e) {
            log.error("model reload failed", e);
            return Answer.error(500, "model reload failed: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", r.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("version", r.version());
        body.put("previous", r.previous());
        if (r.reason() != null) {
            body.put("reason", r.reason().name());
        }
        body.put("message", r.message());
        body.put("path", w.path().toString());
        return new Answer(r.status() == ModelWatcher.Status.REFUSED ? 409 : 200, body);
    }

    /** Constant time: both sides are hashed first, so neither the content nor the length of the token leaks. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()));
    }

    private static boolean hasBody(InputStream in) throws IOException {
        return in.read() >= 0;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
