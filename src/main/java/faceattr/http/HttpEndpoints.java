package faceattr.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The service's HTTP endpoints: {@code /healthz} (the process answers: 200), {@code /readyz} (200 when ready, else
 * 503, both with a JSON body {@code {"ready":..,"reason":".."}}) and {@code /metrics} (Prometheus text format).
 * GET and HEAD only; anything else is 405, unknown paths 404. With {@code admin.token} set, also
 * {@code POST /admin/model/reload} ({@link ModelReloadEndpoint}).
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    public static final String HEALTH_PATH = "/healthz";
    public static final String READY_PATH = "/readyz";
    public static final String METRICS_PATH = "/metrics";
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code host:port} ({@code http.host}, {@code http.port}; port 0 picks a free one).
     * {@code /metrics} renders {@code registry}.
     */
    public static HttpEndpoints start(String host, int port, Supplier<Readiness> readiness,
                                      PrometheusMeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "faceattr-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> respond(exchange, 404, TEXT, "not found\n"));
        route(server, HEALTH_PATH, () -> new Response(200, "application/json", "{\"status\":\"up\"}\n"));
        route(server, READY_PATH, () -> {
            Readiness r = readiness.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", r.ready());
            body.put("reason", r.reason());
            return new Response(r.ready() ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
        });
        route(server, METRICS_PATH, () -> new Response(200, PROMETHEUS_CONTENT_TYPE, registry.scrape()));
        server.start();
        HttpEndpoints started = new HttpEndpoints(server, executor);
        log.info("HTTP endpoints /healthz /readyz /metrics on {}:{}", host, started.port());
        return started;
    }

    /**
     * Serves {@code handler} for every path under {@code path} (e.g. the search API and the gallery), replacing
     * what served that path before ({@code "/"} is the catch-all 404 until something is mounted there).
     */
    public void mount(String path, HttpHandler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException nothingThere) {
            // a new path
        }
        server.createContext(path, handler);
        log.info("HTTP {} mounted", path);
    }

    /** The bound port (the chosen one when {@code http.port=0}). */
    public int port() {
        return server.getAddress().getPort();
    }

    private record Response(int status, String contentType, String body) {
    }

    private interface Endpoint {
        Response handle() throws IOException;
    }

    /** Serves {@code path} exactly (a context also matches longer paths, which get 404 here). */
    private static void route(HttpServer server, String path, Endpoint endpoint) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, TEXT, "not found\n");
                return;
            }
            Response r = endpoint.handle();
            respond(exchange, r.status(), r.contentType(), r.body());
        });
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers a GET (or HEAD: headers only) with {@code bytes}; any other method gets 405. Closes the exchange. */
    public static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            log.error("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    /** Stops accepting, lets in-flight requests finish for up to a second. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
