package faceattr.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A client for the Confluent Schema Registry REST API on {@code java.net.http}: basic auth, TLS with a configured
 * truststore, failover across several URLs, and caches for everything immutable (schema by id, id of a schema
 * under a subject). Latest versions and compatibility answers are not cached: they change.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, String canonicalSchema) {
        SubjectSchema(String subject, Schema schema) {
            this(subject, schema.toString());
        }
    }

    public HttpSchemaRegistryClient(Map<String, ?> config) {
        this(new SchemaRegistryClientConfig(config));
    }

    public HttpSchemaRegistryClient(SchemaRegistryClientConfig config) {
        if (config.mockScope() != null) {
            throw new IllegalArgumentException("mock:// URLs are served in-process: use SchemaRegistryClient.create");
        }
        this.baseUris = config.baseUris();
        this.authorization = config.basicAuthUserInfo()
                .map(userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.requestTimeout = Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS)));
        RegistrySslContext.from(config).ifPresent(builder::sslContext);
        this.http = builder.build();
        LOG.debug("Schema registry client for {} (basic auth {})", baseUris, authorization != null ? "on" : "off");
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        int id = call("POST", "/subjects/" + segment(subject) + "/versions", body).path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(200, -1, "Schema registry answered a registration without an id");
        }
        registeredIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        RegisteredSchema found = registered(call("POST", "/subjects/" + segment(subject), body));
        lookups.put(key, found);
        registeredIds.put(key, found.id());
        return found;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(call("GET", "/subjects/" + segment(subject) + "/versions/latest", null));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode answer = call("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true", body);
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    private RegisteredSchema registered(JsonNode answer) {
        Schema schema = parse(answer);
        int id = answer.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(), answer.path("version").asInt(), id, schema);
    }

    private static Schema parse(JsonNode answer) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(200, -1, "Schema registry returned a " + type + " schema; only AVRO is supported");
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(200, -1, "Schema registry returned a schema that does not parse: " + e.getMessage(), e);
        }
    }

    private JsonNode call(String method, String pathAndQuery, JsonNode body) {
        byte[] payload;
        try {
            payload = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a JSON request", e);
        }
        SchemaRegistryException.Unreachable unreachable = null;
        for (URI base : baseUris) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(requestTimeout)
                    .header("Accept", ACCEPT);
            if (payload != null) {
                request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                unreachable = new SchemaRegistryException.Unreachable(
                        "Schema registry " + base + " unreachable (" + method + " " + pathAndQuery + "): " + describe(e), e);
                if (baseUris.size() > 1) {
                    LOG.warn("{}; trying the next registry URL", unreachable.getMessage());
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException.Unreachable("Interrupted while calling schema registry " + base, e);
            }
            return answer(base, method, pathAndQuery, response);
        }
        throw unreachable;
    }

    private static JsonNode answer(URI base, String method, String pathAndQuery, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().length == 0 ? NullNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (status / 100 == 2) {
            if (json == null) {
                throw new SchemaRegistryException(status, -1, "Schema registry " + base + " answered " + method + " "
                        + pathAndQuery + " with a body that is not JSON");
            }
            return json;
        }
        int errorCode = json != null && json.has("error_code") ? json.get("error_code").asInt(status) : status;
        String detail = json != null && json.hasNonNull("message") ? json.get("message").asText() : "HTTP " + status;
        throw SchemaRegistryException.of(status, errorCode, "Schema registry " + base + " refused " + method + " "
                + pathAndQuery + " (HTTP " + status + ", error_code " + errorCode + "): " + detail);
    }

    private static String describe(Throwable e) {
        // JDK exceptions often repeat their cause's message; say each thing once.
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }

    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
