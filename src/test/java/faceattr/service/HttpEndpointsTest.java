package faceattr.service;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.http.HttpEndpoints;
import faceattr.http.Readiness;
import faceattr.image.ImageLoader;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import faceattr.stream.FaceAttrTopology;
import faceattr.stream.ServiceMetrics;
import faceattr.stream.TopologySettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoints over real HTTP on 127.0.0.1: health, readiness flipping, and {@code /metrics} scraped after the real
 * topology (TopologyTestDriver, Confluent serdes on a mock:// registry) processed good and bad images.
 */
class HttpEndpointsTest {
    private final AtomicBoolean ready = new AtomicBoolean();
    private PrometheusMetrics metrics;
    private HttpEndpoints http;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() throws Exception {
        metrics = new PrometheusMetrics().bindJvm();
        http = HttpEndpoints.start("127.0.0.1", 0,
                () -> ready.get() ? Readiness.ok() : Readiness.notReady("Kafka Streams is REBALANCING"),
                metrics.registry());
    }

    @AfterEach
    void stop() {
        http.close();
        metrics.close();
    }

    @Test
    void healthzAnswersWhileNotReady() throws Exception {
        HttpResponse<String> r = Http.get(http.port(), "/healthz");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"up\""), r.body());
    }

    @Test
    void readyzFlipsFrom503To200WhenTheSupplierBecomesReady() throws Exception {
        HttpResponse<String> before = Http.get(http.port(), "/readyz");
        assertEquals(503, before.statusCode());
        assertEquals("application/json", before.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"ready\":false,\"reason\":\"Kafka Streams is REBALANCING\"}", before.body().trim());
        ready.set(true);
        HttpResponse<String> after = Http.get(http.port(), "/readyz");
        assertEquals(200, after.statusCode());
        assertEquals("{\"ready\":true,\"reason\":\"ready\"}", after.body().trim());
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, Http.get(http.port(), "/").statusCode());
        assertEquals(404, Http.get(http.port(), "/healthzz").statusCode());
        assertEquals(404, Http.get(http.port(), "/metrics/extra").statusCode());
        HttpResponse<String> post = Http.send(http.port(), "/readyz", "POST");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(200, Http.send(http.port(), "/metrics", "HEAD").statusCode());
    }

    @Test
    void metricsShowWhatTheTopologyDid() throws Exception {
        String registryUrl = "mock://http-endpoints-test-" + System.nanoTime();
        ServiceConfig config = ServiceConfig.builder()
                .set("schema.registry.url", registryUrl)
                .set("batch.size", 4)
                .set("batch.max.wait.ms", 60_000)
                .build();
        Map<String, Object> serdeConfig = config.serdeProperties();
        FaceTagger tagger = new MeteredFaceTagger(new PacedTestTagger(0), metrics);
        try (ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class, serdeConfig);
             ConfluentAvroSerde<FaceAttributes> attributes = AvroSerdes.forValue(FaceAttributes.class, serdeConfig)) {
            var topology = FaceAttrTopology.build(TopologySettings.from(config),
                    ImageLoader.fromConfig(config, events.deserializer()), tagger, attributes.serializer(),
                    new ServiceMetrics(metrics.registry()));
            Properties props = config.streamsProperties();
            props.put("state.dir", stateDir.toString());
            Instant start = Instant.parse("2026-11-29T12:00:00Z");
            try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, start)) {
                TestInputTopic<byte[], byte[]> in = driver.createInputTopic("images", new ByteArraySerializer(),
                        new ByteArraySerializer(), start, Duration.ZERO);
                TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("face-attributes",
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("images.dlq",
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                for (int i = 0; i < 12; i++) {
                    String id = "img-" + i;
                    ImageEvent e = i % 4 == 3 ? TestEvents.notAnImage(id) : TestEvents.face(id, i);
                    // events stamped 300 ms in the past: the end-to-end latency is 300 ms of system time
                    in.pipeInput(id.getBytes(StandardCharsets.UTF_8), events.serializer().serialize("images", e),
                            start.minusMillis(300));
                }
                in.pipeInput("bad-avro".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8),
                        start.minusMillis(300));
                assertEquals(8, out.getQueueSize());
                assertEquals(4, dlq.getQueueSize());
            }
        }

        String text = Http.get(http.port(), "/metrics").body();
        assertEquals(8, Http.sample(text, "faceattr_images_tagged_total"));
        assertEquals(3, Http.sample(text, "faceattr_images_dead_lettered_total{reason=\"UNSUPPORTED_FORMAT\"}"));
        assertEquals(1, Http.sample(text, "faceattr_images_dead_lettered_total{reason=\"DESERIALIZATION\"}"));
        assertEquals(8, Http.sample(text, "faceattr_faces_found_total"));
        assertEquals(1, Http.sample(text, "faceattr_model_info{version=\"" + PacedTestTagger.VERSION + "\"}"));
        // 9 good images in batches of 4: two full batches, and the 9th still parked (max wait not reached)
        assertEquals(2, Http.sample(text, "faceattr_batch_size_count"));
        assertEquals(0, Http.sample(text, "faceattr_batch_size_bucket{le=\"2.0\"}"));
        assertEquals(2, Http.sample(text, "faceattr_batch_size_bucket{le=\"4.0\"}"));
        assertEquals(2, Http.sample(text, "faceattr_batch_inference_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(text.contains("# TYPE faceattr_batch_inference_seconds histogram"), "inference is a histogram");
        assertEquals(8, Http.sample(text, "faceattr_latency_milliseconds_count"));
        assertEquals(0, Http.sample(text, "faceattr_latency_milliseconds_bucket{le=\"250.0\"}"));
        assertEquals(8, Http.sample(text, "faceattr_latency_milliseconds_bucket{le=\"500.0\"}"));
        assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM binders are bound");
    }

    @Test
    void aFailedForwardPassIsCountedAndRethrown() throws Exception {
        FaceTagger broken = new MeteredFaceTagger(new FaceTagger() {
            @Override
            public List<TaggedImage> tag(List<BufferedImage> images) {
                throw new IllegalStateException("out of memory in the native backend");
            }

            @Override
            public String modelVersion() {
                return "v1";
            }

            @Override
            public List<String> attributeNames() {
                return faceattr.data.Attributes.NAMES;
            }
        }, metrics);
        assertThrows(IllegalStateException.class, () -> broken.tag(List.of(new BufferedImage(8, 8, 1))));
        String text = Http.get(http.port(), "/metrics").body();
        assertEquals(1, Http.sample(text, "faceattr_inference_failures_total"));
        assertEquals(0, Http.sample(text, "faceattr_faces_found_total"));
        assertEquals(1, Http.sample(text, "faceattr_model_info{version=\"v1\"}"));
    }
}
