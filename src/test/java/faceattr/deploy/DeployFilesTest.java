package faceattr.deploy;

import faceattr.avro.AvroSerdeConfig;
import faceattr.avro.SchemaRegistryClientConfig;
import faceattr.config.ServiceConfig;
import faceattr.http.HttpEndpoints;
import faceattr.image.ImageLimits;
import faceattr.image.UriPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Docker cannot run here, so the deploy files are checked by reading them: every FACEATTR_* variable and every
 * ConfigMap key is one the configuration loader knows (and accepts), ports agree with the configuration defaults
 * (http.port 8080, registry 8081, Kafka 9092), probes hit the paths the service serves, the GPU variant asks for a
 * GPU, and the Dockerfiles are multi-stage, non-root and health-checked.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FACEATTR_VAR = Pattern.compile("FACEATTR_[A-Z0-9_]+");
    private static final String[] CLIENT_PREFIXES = {"producer.", "consumer.", "main.consumer.", "restore.consumer.",
            "global.consumer.", "admin.", "topic."};

    private static final int HTTP_PORT = Integer.parseInt(ServiceConfig.DEFAULTS.get(ServiceConfig.HTTP_PORT));
    private static final int KAFKA_PORT = port(ServiceConfig.DEFAULTS.get(ServiceConfig.BOOTSTRAP_SERVERS));
    private static final int REGISTRY_PORT = URI.create(ServiceConfig.DEFAULTS.get(ServiceConfig.SCHEMA_REGISTRY_URL))
            .getPort();

    // ---------------------------------------------------------------- configuration keys

    /** Keys the service reads itself, and Kafka's (Streams, clients, prefixed client and topic keys). */
    private static boolean isKnownKey(String key) {
        Set<String> own = new HashSet<>(ServiceConfig.DEFAULTS.keySet());
        own.addAll(stringConstants(ImageLimits.class));
        own.addAll(stringConstants(UriPolicy.class));
        own.addAll(stringConstants(AvroSerdeConfig.class));
        own.addAll(stringConstants(SchemaRegistryClientConfig.class));
        if (own.contains(key) || isKafkaKey(key)) {
            return true;
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix) && isKafkaKey(key.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKafkaKey(String key) {
        return StreamsConfig.configDef().names().contains(key) || ProducerConfig.configNames().contains(key)
                || ConsumerConfig.configNames().contains(key) || AdminClientConfig.configNames().contains(key)
                || stringConstants(TopicConfig.class).contains(key);
    }

    /** The values of a class's public static String constants that look like configuration keys. */
    private static Set<String> stringConstants(Class<?> type) {
        Set<String> values = new HashSet<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    String v = (String) f.get(null);
                    if (v != null && v.matches("[a-z][a-z0-9.\\-]*")) {
                        values.add(v);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    /**
     * The key the real loader maps a variable to (null for launcher and logging variables), after checking that the
     * loader accepts the value. {@code ServiceConfig.keyOfEnv} is package-private; it is the loader's own mapping,
     * so it is called rather than re-implemented here.
     */
    private static String keyOf(String variable, String value) {
        ServiceConfig.builder().env(Map.of(variable, value)).build();
        try {
            java.lang.reflect.Method keyOfEnv = ServiceConfig.class.getDeclaredMethod("keyOfEnv", String.class);
            keyOfEnv.setAccessible(true);
            return (String) keyOfEnv.invoke(null, variable);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ServiceConfig.keyOfEnv(String) is the loader's variable-to-key mapping", e);
        }
    }

    private static void checkVariable(String where, String variable, String value) throws IOException {
        String key = keyOf(variable, value == null ? placeholderFor(variable) : value);
        if (key == null) {
            // not configuration: it must be read by the logging setup or the launcher
            String logback = Files.readString(Path.of("src/main/resources/logback.xml"));
            String launcher = Files.readString(Path.of("faceattr"));
            assertTrue(logback.contains(variable) || launcher.contains(variable),
                    where + ": " + variable + " is neither a configuration key nor read by logback/the launcher");
            return;
        }
        assertTrue(isKnownKey(key), where + ": " + variable + " sets '" + key + "', which no part of faceattr or Kafka reads");
    }

    /** Values from Secrets are not in the files; the key check needs only some value of the right shape. */
    private static String placeholderFor(String variable) {
        return "secret-from-a-kubernetes-secret";
    }

    @Test
    void everyFaceattrVariableInComposeMapsToAKnownKey() throws Exception {
        Map<String, String> env = composeEnvironment("faceattr");
        assertFalse(env.isEmpty());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("FACEATTR_")) {
                checkVariable("docker-compose.yml", e.getKey(), e.getValue());
            }
        }
        // and every FACEATTR_ name anywhere in the file is one of those (no typo hiding in a comment or command)
        assertEquals(new HashSet<>(FACEATTR_VAR.matcher(Files.readString(DEPLOY.resolve("docker-compose.yml")))
                .results().map(MatchResult::group).toList()), new HashSet<>(env.keySet().stream()
                .filter(k -> k.startsWith("FACEATTR_")).toList()));
    }

    @Test
    void everyFaceattrVariableInK8sAndDockerfilesMapsToAKnownKey() throws Exception {
        for (String manifest : List.of("deployment.yaml", "deployment-gpu.yaml")) {
            for (JsonNode var : container(manifest).path("env")) {
                String name = var.path("name").asText();
                if (name.startsWith("FACEATTR_")) {
                    checkVariable(manifest, name, var.has("value") ? var.path("value").asText() : null);
                }
            }
        }
        for (String file : List.of("Dockerfile", "Dockerfile.cuda")) {
            for (Map.Entry<String, String> e : Dockerfile.parse(DEPLOY.resolve(file)).runtimeStage().env().entrySet()) {
                if (e.getKey().startsWith("FACEATTR_")) {
                    checkVariable(file, e.getKey(), e.getValue());
                }
            }
        }
    }

    @Test
    void configMapPropertiesAreKnownAndValid() throws Exception {
        Properties props = configMapProperties();
        assertFalse(props.isEmpty());
        for (String key : props.stringPropertyNames()) {
            assertTrue(isKnownKey(key), "ConfigMap key '" + key + "' is read by no part of faceattr or Kafka");
        }
        Path file = Files.createTempFile("faceattr", ".properties");
        try {
            StringBuilder text = new StringBuilder();
            props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(file, text);
            ServiceConfig config = ServiceConfig.builder().file(file).build(); // validates the values
            assertEquals(HTTP_PORT, config.getInt(ServiceConfig.HTTP_PORT));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aMisspelledVariableWouldBeCaught() {
        assertFalse(isKnownKey(keyOf("FACEATTR_BATCH_SIZ", "16")), "the check is not vacuous");
        assertFalse(isKnownKey("http.prot"));
        assertTrue(isKnownKey("producer.max.request.size"));
        assertTrue(isKnownKey("state.dir"));
    }

    // ---------------------------------------------------------------- ports

    @Test
    void composePortsMatchTheConfigurationDefaults() throws Exception {
        JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");
        assertEquals(List.of(KAFKA_PORT + ":" + KAFKA_PORT), texts(services.path("kafka").path("ports")));
        assertEquals(List.of(REGISTRY_PORT + ":" + REGISTRY_PORT), texts(services.path("schema-registry").path("ports")));
        assertEquals(List.of(HTTP_PORT + ":" + HTTP_PORT), texts(services.path("faceattr").path("ports")));

        Map<String, String> kafkaEnv = composeEnvironment("kafka");
        assertTrue(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").contains("localhost:" + KAFKA_PORT),
                "host clients reach the broker at the default bootstrap.servers");
        Map<String, String> faceattr = composeEnvironment("faceattr");
        String bootstrap = faceattr.get("FACEATTR_BOOTSTRAP_SERVERS");
        assertTrue(List.of(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").split(",")).stream()
                .anyMatch(l -> l.endsWith("//" + bootstrap)), "faceattr uses an advertised listener: " + bootstrap);
        assertEquals(REGISTRY_PORT, URI.create(faceattr.get("FACEATTR_SCHEMA_REGISTRY_URL")).getPort());
        assertTrue(composeEnvironment("schema-registry").get("SCHEMA_REGISTRY_LISTENERS").endsWith(":" + REGISTRY_PORT));
        assertEquals(String.valueOf(HTTP_PORT), faceattr.get("FACEATTR_HTTP_PORT"));

        String init = String.join("\n", texts(services.path("kafka-init").path("command")));
        for (String topic : List.of(ServiceConfig.INPUT_TOPIC, ServiceConfig.OUTPUT_TOPIC, ServiceConfig.DLQ_TOPIC)) {
            String name = ServiceConfig.DEFAULTS.get(topic);
            assertTrue(init.contains(" " + name + " ") || init.contains(" " + name + ";"),
                    "kafka-init creates " + name);
            assertEquals(name, faceattr.get("FACEATTR_" + topic.toUpperCase().replace('.', '_')));
        }
        long grace = seconds(services.path("faceattr").path("stop_grace_period").asText());
        assertTrue(grace * 1000 > Long.parseLong(faceattr.get("FACEATTR_SHUTDOWN_TIMEOUT_MS")),
                "docker stops the container only after the service's own shutdown deadline");
    }

    @Test
    void k8sPortsProbesAndSelectorsAgree() throws Exception {
        Properties props = configMapProperties();
        assertEquals(String.valueOf(HTTP_PORT), props.getProperty(ServiceConfig.HTTP_PORT));
        long shutdownMs = Long.parseLong(props.getProperty(ServiceConfig.SHUTDOWN_TIMEOUT_MS));
        JsonNode service = yaml(K8S.resolve("service.yaml"));
        JsonNode pdb = yaml(K8S.resolve("pdb.yaml"));
        JsonNode annotations = service.path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals(String.valueOf(HTTP_PORT), annotations.path("prometheus.io/port").asText());
        assertEquals(HttpEndpoints.METRICS_PATH, annotations.path("prometheus.io/path").asText());
        JsonNode servicePort = service.path("spec").path("ports").get(0);
        assertEquals(HTTP_PORT, servicePort.path("port").asInt());

        for (String manifest : List.of("deployment.yaml", "deployment-gpu.yaml")) {
            JsonNode deployment = yaml(K8S.resolve(manifest));
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode c = container(manifest);
            Map<String, Integer> ports = new HashMap<>();
            c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertEquals(HTTP_PORT, ports.get(servicePort.path("targetPort").asText()), manifest + ": Service target");
            assertProbe(manifest, c.path("livenessProbe"), HttpEndpoints.HEALTH_PATH, ports);
            assertProbe(manifest, c.path("readinessProbe"), HttpEndpoints.READY_PATH, ports);

            Map<String, String> labels = labels(pod.path("metadata").path("labels"));
            assertTrue(labels.entrySet().containsAll(labels(deployment.path("spec").path("selector")
                    .path("matchLabels")).entrySet()), manifest + ": selector matches the pod");
            assertTrue(labels.entrySet().containsAll(labels(service.path("spec").path("selector")).entrySet()),
                    manifest + ": the metrics Service selects these pods");
            assertTrue(labels.entrySet().containsAll(labels(pdb.path("spec").path("selector").path("matchLabels"))
                    .entrySet()), manifest + ": the PodDisruptionBudget covers these pods");

            assertTrue(pod.path("spec").path("terminationGracePeriodSeconds").asLong() * 1000 > shutdownMs,
                    manifest + ": the kubelet waits longer than shutdown.timeout.ms");
            assertTrue(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean(), manifest);
            assertConfigMounted(manifest, pod, c);
        }
    }

    private static void assertProbe(String manifest, JsonNode probe, String path, Map<String, Integer> ports) {
        assertEquals(path, probe.path("httpGet").path("path").asText(), manifest);
        JsonNode port = probe.path("httpGet").path("port");
        assertEquals(HTTP_PORT, port.isInt() ? port.asInt() : ports.get(port.asText()), manifest + " probe port");
    }

    /** {@code --config FILE} names a file of the mounted ConfigMap. */
    private static void assertConfigMounted(String manifest, JsonNode pod, JsonNode container) throws IOException {
        List<String> args = texts(container.path("args"));
        String file = args.get(args.indexOf("--config") + 1);
        JsonNode configMap = yaml(K8S.resolve("configmap.yaml"));
        String mountName = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (file.startsWith(m.path("mountPath").asText() + "/")) {
                mountName = m.path("name").asText();
                assertTrue(configMap.path("data").has(file.substring(m.path("mountPath").asText().length() + 1)),
                        manifest + ": " + file + " is a key of the ConfigMap");
            }
        }
        assertNotNull(mountName, manifest + ": " + file + " is on a mounted volume");
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (v.path("name").asText().equals(mountName)) {
                assertEquals(configMap.path("metadata").path("name").asText(), v.path("configMap").path("name").asText());
                return;
            }
        }
        fail(manifest + ": volume " + mountName + " is not declared");
    }

    @Test
    void onlyTheGpuVariantRequestsAGpu() throws Exception {
        JsonNode gpu = container("deployment-gpu.yaml").path("resources");
        assertEquals(1, gpu.path("limits").path("nvidia.com/gpu").asInt());
        assertEquals(1, gpu.path("requests").path("nvidia.com/gpu").asInt());
        assertTrue(container("deployment-gpu.yaml").path("image").asText().endsWith("-cuda"));
        assertTrue(container("deployment.yaml").path("resources").path("limits").path("nvidia.com/gpu").isMissingNode());
    }

    @Test
    void kustomizationListsExistingManifests() throws Exception {
        for (JsonNode r : yaml(K8S.resolve("kustomization.yaml")).path("resources")) {
            assertTrue(Files.exists(K8S.resolve(r.asText())), r.asText());
        }
    }

    // ---------------------------------------------------------------- Dockerfiles

    @Test
    void dockerfilesAreMultiStageNonRootAndHealthChecked() throws Exception {
        for (String name : List.of("Dockerfile", "Dockerfile.cuda")) {
            Dockerfile file = Dockerfile.parse(DEPLOY.resolve(name));
            assertTrue(file.all("FROM").size() >= 2, name + " is multi-stage");
            assertTrue(file.all("FROM").get(0).startsWith("maven:") && file.all("FROM").get(0).contains("temurin-17"),
                    name + " builds with Maven on Java 17");
            Dockerfile runtime = file.runtimeStage();
            List<String> user = runtime.all("USER");
            assertEquals(1, user.size(), name);
            assertFalse(user.get(0).startsWith("0") || user.get(0).startsWith("root"), name + " runs as non-root");
            assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.contains("target/faceattr.jar")), name);
            assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.contains("target/lib")), name);
            assertEquals(List.of(String.valueOf(HTTP_PORT)), runtime.all("EXPOSE"), name + " exposes http.port");
            assertEquals(String.valueOf(HTTP_PORT), runtime.env().get("FACEATTR_HTTP_PORT"), name);
            String health = String.join(" ", runtime.all("HEALTHCHECK"));
            assertTrue(health.contains(":-" + HTTP_PORT + "}" + HttpEndpoints.HEALTH_PATH), name + ": " + health);
            String entrypoint = String.join(" ", runtime.all("ENTRYPOINT"));
            assertTrue(entrypoint.startsWith("[") && entrypoint.contains("/app/faceattr.jar"),
                    name + ": exec form, so SIGTERM reaches the JVM");
        }
        Dockerfile cpu = Dockerfile.parse(DEPLOY.resolve("Dockerfile"));
        assertTrue(cpu.runtimeStage().all("FROM").get(0).startsWith("eclipse-temurin:17-jre"));
        Dockerfile cuda = Dockerfile.parse(DEPLOY.resolve("Dockerfile.cuda"));
        assertTrue(cuda.all("RUN").stream().anyMatch(r -> r.contains("-Pcuda") && r.contains("package")),
                "the GPU image is built with the cuda profile");
        String base = cuda.runtimeStage().all("FROM").get(0);
        assertTrue(base.startsWith("nvidia/cuda:11.6") && base.contains("cudnn8"), base);
        assertTrue(cuda.runtimeStage().env().get("PATH").startsWith("${JAVA_HOME}/bin"), "a JRE is on the PATH");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    private static JsonNode container(String manifest) throws IOException {
        JsonNode containers = yaml(K8S.resolve(manifest)).path("spec").path("template").path("spec")
                .path("containers");
        assertEquals(1, containers.size(), manifest);
        return containers.get(0);
    }

    private static Map<String, String> composeEnvironment(String service) throws IOException {
        JsonNode env = yaml(DEPLOY.resolve("docker-compose.yml")).path("services").path(service).path("environment");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Properties configMapProperties() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(yaml(K8S.resolve("configmap.yaml")).path("data").path("faceattr.properties")
                .asText()));
        return props;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        assertFalse(out.isEmpty(), "labels present");
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static long seconds(String duration) {
        assertTrue(duration.endsWith("s"), duration);
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }
}
