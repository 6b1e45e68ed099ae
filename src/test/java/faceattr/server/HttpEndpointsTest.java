package faceattr.server;

import faceattr.errors.ReasonCode;
import faceattr.model.Box;
import faceattr.model.DetectedFace;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints over real HTTP on 127.0.0.1: health, readiness flipping, and the scraped Prometheus series. */
class HealthServerTest {
    private final AtomicBoolean ready = new AtomicBoolean();
    private ServiceMetrics metrics;
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        metrics = new ServiceMetrics().bindJvm();
        server = HealthServer.start(new ServerSettings("127.0.0.1", 0),
                () -> ready.get() ? Readiness.ok() : Readiness.notReady("Kafka Streams is REBALANCING"), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void healthzAnswersWhileNotReady() throws Exception {
        HttpResponse<String> r = Http.get(server.port(), "/healthz");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"up\""), r.body());
    }

    @Test
    void readyzFlipsFrom503To200WhenTheSupplierBecomesReady() throws Exception {
        HttpResponse<String> before = Http.get(server.port(), "/readyz");
        assertEquals(503, before.statusCode());
        assertEquals("application/json", before.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"ready\":false,\"reason\":\"Kafka Streams is REBALANCING\"}", before.body().trim());
        ready.set(true);
        HttpResponse<String> after = Http.get(server.port(), "/readyz");
        assertEquals(200, after.statusCode());
        assertEquals("{\"ready\":true,\"reason\":\"ready\"}", after.body().trim());
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, Http.get(server.port(), "/").statusCode());
        assertEquals(404, Http.get(server.port(), "/healthzz").statusCode());
        assertEquals(404, Http.get(server.port(), "/metrics/extra").statusCode());
        HttpResponse<String> post = Http.send(server.port(), "/readyz", "POST");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(200, Http.send(server.port(), "/metrics", "HEAD").statusCode());
    }

    @Test
    void metricsExposeTheServiceSeriesWithTheRecordedValues() throws Exception {
        FaceTagger tagger = new MeteredFaceTagger(new TwoFacesPerImage("bundle-2026.11-compact"), metrics);
        tagger.tag(images(5));
        tagger.tag(images(16));
        for (int i = 0; i < 20; i++) {
            metrics.recordTagged(150);
        }
        metrics.recordTagged(4_000);
        metrics.recordDeadLetter(ReasonCode.CORRUPT_IMAGE);
        metrics.recordDeadLetter(ReasonCode.CORRUPT_IMAGE);
        metrics.recordDeadLetter(ReasonCode.URI_NOT_ALLOWED);

        HttpResponse<String> r = Http.get(server.port(), "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        String text = r.body();

        assertEquals(21, Http.sample(text, "faceattr_images_processed_total{outcome=\"tagged\"}"));
        assertEquals(3, Http.sample(text, "faceattr_images_processed_total{outcome=\"dead_letter\"}"));
        assertEquals(2, Http.sample(text, "faceattr_dead_letters_total{reason=\"CORRUPT_IMAGE\"}"));
        assertEquals(1, Http.sample(text, "faceattr_dead_letters_total{reason=\"URI_NOT_ALLOWED\"}"));
        assertEquals(42, Http.sample(text, "faceattr_faces_found_total"));
        assertEquals(1, Http.sample(text, "faceattr_model_info{version=\"bundle-2026.11-compact\"}"));

        assertEquals(2, Http.sample(text, "faceattr_batch_size_count"));
        assertEquals(21, Http.sample(text, "faceattr_batch_size_sum"));
        assertEquals(0, Http.sample(text, "faceattr_batch_size_bucket{le=\"4.0\"}"));
        assertEquals(1, Http.sample(text, "faceattr_batch_size_bucket{le=\"8.0\"}"));
        assertEquals(2, Http.sample(text, "faceattr_batch_size_bucket{le=\"16.0\"}"));
        assertEquals(2, Http.sample(text, "faceattr_inference_seconds_count"));
        assertEquals(2, Http.sample(text, "faceattr_inference_seconds_bucket{le=\"+Inf\"}"));

        assertEquals(21, Http.sample(text, "faceattr_end_to_end_latency_seconds_count"));
        assertEquals(0, Http.sample(text, "faceattr_end_to_end_latency_seconds_bucket{le=\"0.1\"}"));
        assertEquals(20, Http.sample(text, "faceattr_end_to_end_latency_seconds_bucket{le=\"0.25\"}"));
        assertEquals(21, Http.sample(text, "faceattr_end_to_end_latency_seconds_bucket{le=\"5.0\"}"));
        assertEquals(7.0, Http.sample(text, "faceattr_end_to_end_latency_seconds_sum"), 1e-9);

        assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM binders are bound");
        assertTrue(text.contains("# TYPE faceattr_inference_seconds histogram"), "inference time is a histogram");
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
        }, metrics);
        assertThrows(IllegalStateException.class, () -> broken.tag(images(3)));
        String text = Http.get(server.port(), "/metrics").body();
        assertEquals(1, Http.sample(text, "faceattr_inference_failures_total"));
        assertEquals(1, Http.sample(text, "faceattr_inference_seconds_count"));
        assertEquals(0, Http.sample(text, "faceattr_batch_size_count"));
        assertFalse(text.contains("faceattr_faces_found_total 1"));
    }

    private static List<BufferedImage> images(int n) {
        List<BufferedImage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB));
        }
        return list;
    }

    /** A model stand-in that finds two faces in every image. */
    private record TwoFacesPerImage(String modelVersion) implements FaceTagger {
        @Override
        public List<TaggedImage> tag(List<BufferedImage> images) {
            List<TaggedImage> out = new ArrayList<>();
            for (BufferedImage img : images) {
                DetectedFace face = new DetectedFace(new Box(1, 1, 10, 10), 0.9, new float[40], new boolean[40]);
                out.add(new TaggedImage(img.getWidth(), img.getHeight(), List.of(face, face)));
            }
            return out;
        }
    }
}
