package faceattr.embedded;

import faceattr.avro.CompatibilityLevel;
import faceattr.avro.CompatibilityResult;
import faceattr.avro.HttpSchemaRegistryClient;
import faceattr.avro.InMemorySchemaRegistry;
import faceattr.avro.RegisteredSchema;
import faceattr.avro.SchemaRegistryException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The Confluent Schema Registry REST API over an {@link InMemorySchemaRegistry}. */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final InMemorySchemaRegistry registry;
    private final byte[] expectedAuthorization;
    private final AtomicLong requests = new AtomicLong();

    RegistryHttpHandler(InMemorySchemaRegistry registry, String username, String password) {
        this.registry = registry;
        this.expectedAuthorization = username == null ? null : ("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    long requestsServed() {
        return requests.get();
    }

    /** An answer: status and JSON body. */
    private record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    /** A client error that is not a registry error (bad route, bad request body). */
    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Reply reply;
        try {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"faceattr-schema-registry\"");
                reply = error(401, 401, "Unauthorized: valid basic-auth credentials are required");
            } else {
                reply = route(method, segments(path), query(exchange.getRequestURI().getRawQuery()), exchange);
            }
        } catch (SchemaRegistryException e) {
            reply = error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (HttpError e) {
            reply = error(e.status, e.status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Schema registry failed on {} {}", method, path, e);
            reply = error(500, 50001, "Internal error in the schema registry: " + e.getClass().getSimpleName());
        }
        LOG.debug("{} {} -> {}", method, path, reply.status());
        send(exchange, reply);
    }

    private boolean authorized(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
    }

    private Reply route(String method, List<String> path, Map<String, String> query, HttpExchange exchange) throws IOException {
        int n = path.size();
        String first = n > 0 ? path.get(0) : "";
        if (n == 0) {
            return on(method, "GET", () -> Reply.ok(JSON.createObjectNode()));
        }
        switch (first) {
            case "schemas":
                if (n == 2 && path.get(1).equals("types")) {
                    return on(method, "GET", () -> Reply.ok(List.of("AVRO")));
                }
                if ((n == 3 || n == 4 && path.get(3).equals("schema")) && path.get(1).equals("ids")) {
                    return on(method, "GET", () -> {
                        Schema schema = registry.schemaById(parseId(path.get(2)));
                        return Reply.ok(n == 3 ? JSON.createObjectNode().put("schema", schema.toString())
                                : JSON.readTree(schema.toString()));
                    });
                }
                break;
            case "subjects":
                return subjects(method, path, query, exchange);
            case "compatibility":
                if (n == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    return on(method, "POST", () -> compatibility(path.get(2), path.get(4), query, exchange));
                }
                break;
            case "config":
                if (n == 1) {
                    return globalConfig(method, exchange);
                }
                if (n == 2) {
                    return subjectConfig(method, path.get(1), query, exchange);
                }
                break;
            default:
                break;
        }
        throw new HttpError(404, "HTTP 404 Not Found: no such endpoint");
    }

    private Reply subjects(String method, List<String> path, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        int n = path.size();
        if (n == 1) {
            return on(method, "GET", () -> Reply.ok(registry.subjects()));
        }
        String subject = path.get(1);
        if (n == 2) {
            if (method.equals("DELETE")) {
                return Reply.ok(registry.deleteSubject(subject));
            }
            return on(method, "POST", () -> Reply.ok(describe(registry.lookup(subject, schemaOf(exchange)))));
        }
        if (!path.get(2).equals("versions")) {
            throw new HttpError(404, "HTTP 404 Not Found: no such endpoint");
        }
        if (n == 3) {
            if (method.equals("POST")) {
                int id = registry.register(subject, schemaOf(exchange));
                return Reply.ok(JSON.createObjectNode().put("id", id));
            }
            return on(method, "GET", () -> Reply.ok(registry.versions(subject)));
        }
        if (n == 4 || n == 5 && path.get(4).equals("schema")) {
            return on(method, "GET", () -> {
                RegisteredSchema version = version(subject, path.get(3));
                return Reply.ok(n == 4 ? describe(version) : JSON.readTree(version.schema().toString()));
            });
        }
        throw new HttpError(404, "HTTP 404 Not Found: no such endpoint");
    }

    private Reply compatibility(String subject, String version, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        Schema candidate = schemaOf(exchange);
        CompatibilityResult result = isLatest(version)
                ? registry.testCompatibility(subject, candidate)
                : registry.testCompatibility(subject, parseVersion(version), candidate);
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", result.compatible());
        if (Boolean.parseBoolean(query.get("verbose"))) {
            ArrayNode messages = answer.putArray("messages");
            result.messages().forEach(messages::add);
        }
        return Reply.ok(answer);
    }

    private Reply globalConfig(String method, HttpExchange exchange) throws IOException {
        if (method.equals("PUT")) {
            CompatibilityLevel level = levelOf(exchange);
            registry.setGlobalCompatibility(level);
            return Reply.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        return on(method, "GET", () -> Reply.ok(level(registry.globalCompatibility())));
    }

    private Reply subjectConfig(String method, String subject, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        switch (method) {
            case "PUT" -> {
                CompatibilityLevel level = levelOf(exchange);
                registry.setSubjectCompatibility(subject, level);
                return Reply.ok(JSON.createObjectNode().put("compatibility", level.name()));
            }
            case "DELETE" -> {
                return Reply.ok(level(registry.clearSubjectCompatibility(subject).orElseThrow(() -> notConfigured(subject))));
            }
            default -> {
                return on(method, "GET", () -> {
                    Optional<CompatibilityLevel> own = registry.subjectCompatibility(subject);
                    if (own.isEmpty() && Boolean.parseBoolean(query.get("defaultToGlobal"))) {
                        return Reply.ok(level(registry.globalCompatibility()));
                    }
                    return Reply.ok(level(own.orElseThrow(() -> notConfigured(subject))));
                });
            }
        }
    }

    private static SchemaRegistryException notConfigured(String subject) {
        return new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject \"" + subject + "\" does not have subject-level compatibility configured");
    }

    private static ObjectNode level(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private RegisteredSchema version(String subject, String version) {
        return isLatest(version) ? registry.latest(subject) : registry.version(subject, parseVersion(version));
    }

    private static ObjectNode describe(RegisteredSchema registered) {
        return JSON.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private static boolean isLatest(String version) {
        return version.equals("latest") || version.equals("-1");
    }

    private static int parseVersion(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '"
                + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static int parseId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new HttpError(404, "HTTP 404 Not Found: schema id '" + id + "' is not a number");
        }
    }

    private static Schema schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        JsonNode references = body.path("references");
        if (references.isArray() && references.size() > 0) {
            throw new SchemaRegistryException.InvalidSchema("Invalid schema: schema references are not supported");
        }
        JsonNode schemaType = body.get("schemaType");
        return InMemorySchemaRegistry.parseSchema(schemaType == null || schemaType.isNull() ? null : schemaType.asText(),
                body.path("schema").isTextual() ? body.path("schema").asText() : null);
    }

    private static CompatibilityLevel levelOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return CompatibilityLevel.parse(level == null ? null : level.asText());
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    @FunctionalInterface
    private interface Action {
        Reply run() throws IOException;
    }

    private static Reply on(String method, String allowed, Action action) throws IOException {
        if (!method.equals(allowed)) {
            throw new HttpError(405, "HTTP 405 Method Not Allowed: use " + allowed);
        }
        return action.run();
    }

    private static Reply error(int status, int errorCode, String message) {
        return new Reply(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
