package faceattr.search;

import faceattr.http.HttpEndpoints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The search API and the gallery on the service's HTTP server: {@code GET /search}, {@code GET /images/{id}},
 * {@code GET /images/{id}/thumbnail} (behind {@code search.token} when set) and the gallery page at {@code /}. Bad
 * input is a 400 with {@code {"error":{"code","parameter","message"}}}; an index that cannot answer for all
 * partitions is a 503; never a stack trace.
 */
public final class SearchHttp {
    private static final Logger log = LoggerFactory.getLogger(SearchHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final Map<String, String> GALLERY = Map.of(
            "/", "index.html", "/index.html", "index.html", "/gallery.js", "gallery.js", "/gallery.css",
            "gallery.css");

    /**
     * Requests that may ask other instances run here, not on the HTTP server's threads: those stay free to answer the
     * other instances' {@code scope=local} requests, so two instances asking each other never wait on each other.
     */
    private static final ExecutorService FAN_OUT = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "faceattr-search-fan-out");
        t.setDaemon(true);
        return t;
    });

    private final SearchService service;
    private final ClusterSearch cluster;
    private final BearerToken token;

    private SearchHttp(SearchService service) {
        this.service = service;
        this.cluster = new ClusterSearch(service);
        this.token = new BearerToken(service.token());
    }

    /** Mounts {@code /search}, {@code /images/} and the gallery at {@code /} on {@code http}. */
    public static void mount(HttpEndpoints http, SearchService service) {
        SearchHttp s = new SearchHttp(service);
        http.mount("/search", e -> s.handleAnywhere(e, s::search));
        http.mount("/images/", e -> s.handleAnywhere(e, s::images));
        http.mount("/", e -> s.handle(e, s::gallery));
    }

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, Object value) throws JsonProcessingException {
            return new Reply(status, JSON_TYPE, JSON.writeValueAsBytes(value));
        }

        static Reply error(int status, String code, String parameter, String message) throws JsonProcessingException {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", code);
            if (parameter != null) {
                e.put("parameter", parameter);
            }
            e.put("message", message);
            return json(status, Map.of("error", e));
        }
    }

    private interface Route {
        Reply answer(HttpExchange exchange) throws Exception;
    }

    /** Local-scope requests are answered at once; the others on {@link #FAN_OUT}. */
    private void handleAnywhere(HttpExchange exchange, Route route) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && ("&" + query + "&").contains("&scope=local&")) {
            handle(exchange, route);
            return;
        }
        FAN_OUT.execute(() -> {
            try {
                handle(exchange, route);
            } catch (IOException e) {
                log.warn("HTTP {} {}: the answer could not be sent ({})", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e.toString());
            }
        });
    }

    private void handle(HttpExchange exchange, Route route) throws IOException {
        Reply reply;
        try {
            reply = route.answer(exchange);
        } catch (BadQueryException e) {
            reply = Reply.error(400, e.code(), e.parameter(), e.getMessage());
        } catch (SearchUnavailableException e) {
            reply = Reply.error(503, e.code(), null, e.getMessage());
        } catch (Exception e) {
            log.error("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            reply = Reply.error(500, "INTERNAL", null, "the search failed; the service log has the details");
        }
        HttpEndpoints.respond(exchange, reply.status(), reply.contentType(), reply.body());
    }

    private Reply unauthorized(HttpExchange exchange) throws JsonProcessingException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"faceattr-search\"");
        return Reply.error(401, "UNAUTHORIZED", null, "search.token is set: send Authorization: Bearer TOKEN");
    }

    private String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

    private Reply search(HttpExchange exchange) throws Exception {
        if (!exchange.getRequestURI().getRawPath().equals("/search")) {
            return notFound();
        }
        if (!token.accepts(authorization(exchange))) {
            return unauthorized(exchange);
        }
        Map<String, String> params = QueryParser.parameters(exchange.getRequestURI().getRawQuery());
        SearchQuery query = QueryParser.parse(params, name -> service.dictionary().find(name) >= 0);
        Map<String, Object> body = new LinkedHashMap<>();
        if (QueryParser.isLocal(params)) {
            SearchPage page = cluster.local(query);
            body.put("total", page.total());
            body.put("hits", page.hits().stream().map(h -> h.json(service.dictionary())).toList());
            body.put("facets", page.facets());
            body.put("remaining", page.remaining());
        } else {
            SearchPage page = cluster.cluster(query, params, authorization(exchange));
            body.put("total", page.total());
            body.put("hits", page.hits().stream().map(h -> h.json(service.dictionary())).toList());
            body.put("facets", page.facets());
            body.put("nextCursor", PageMerger.nextCursor(page));
        }
        return Reply.json(200, body);
    }

    private Reply images(HttpExchange exchange) throws Exception {
        if (!token.accepts(authorization(exchange))) {
            return unauthorized(exchange);
        }
        String rest = exchange.getRequestURI().getRawPath().substring("/images/".length());
        boolean thumbnail = rest.endsWith("/thumbnail");
        String rawId = thumbnail ? rest.substring(0, rest.length() - "/thumbnail".length()) : rest;
        if (rawId.isEmpty() || rawId.contains("/")) {
            return notFound();
        }
        String id;
        try {
            id = URLDecoder.decode(rawId.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("BAD_IMAGE_ID", "id", "the image id is not valid percent-encoding");
        }
        Map<String, String> params = QueryParser.parameters(exchange.getRequestURI().getRawQuery());
        boolean local = QueryParser.isLocal(params);
        return thumbnail ? thumbnail(id, local, authorization(exchange)) : record(id, local, authorization(exchange));
    }

    private Reply record(String id, boolean local, String authorization) throws Exception {
        Optional<Map<String, Object>> record = cluster.image(id, local, authorization);
        if (record.isEmpty()) {
            return Reply.error(404, "UNKNOWN_IMAGE", "id", "no indexed image has id '"
                    + QueryParser.printable(id) + "'");
        }
        return Reply.json(200, record.get());
    }

    private Reply thumbnail(String id, boolean local, String authorization) throws Exception {
        if (!service.thumbnails()) {
            return Reply.error(404, "THUMBNAILS_OFF", null, "search.thumbnails is off");
        }
        Optional<HostInfo> remote = local ? Optional.empty() : cluster.thumbnailHost(id);
        if (remote.isPresent()) {
            HttpResponse<byte[]> r = cluster.relay(remote.get(), "/images/"
                    + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/thumbnail?scope=local", authorization);
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(JSON_TYPE), r.body());
        }
        Optional<byte[]> jpeg = cluster.localThumbnail(id);
        if (jpeg.isEmpty()) {
            return Reply.error(404, "NO_THUMBNAIL", "id", "no thumbnail for '" + QueryParser.printable(id)
                    + "' (unknown image, or its image could not be read)");
        }
        return new Reply(200, "image/jpeg", jpeg.get());
    }

    private Reply gallery(HttpExchange exchange) throws Exception {
        String file = GALLERY.get(exchange.getRequestURI().getRawPath());
        if (file == null) {
            return notFound();
        }
        try (InputStream in = SearchHttp.class.getResourceAsStream("/gallery/" + file)) {
            if (in == null) {
                throw new IllegalStateException("gallery resource " + file + " is missing from the jar");
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                    : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            return new Reply(200, type, in.readAllBytes());
        }
    }

    private static Reply notFound() throws JsonProcessingException {
        return Reply.error(404, "NOT_FOUND", null, "no such path");
    }
}
