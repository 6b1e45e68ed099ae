package faceattr.search;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.bench.SyntheticAttributeRecords;
import faceattr.data.Attributes;
import faceattr.embedded.EmbeddedKafka;
import faceattr.image.Jpeg;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search index on a real broker: two instances on one 4-partition topic, fed attribute records directly (no
 * model) plus inline images for thumbnails. Checks the answers against a brute-force oracle, that both instances
 * answer byte for byte alike, paging, bad input (400 with a JSON error), the bearer token, latest-wins and that a
 * tombstone removes an image from search, {@code /images/{id}} and its thumbnail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("broker")
class SearchOnBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN = "images";
    private static final String OUT = "face-attributes";
    private static final int IMAGES = 240;
    private static final int WITH_THUMBNAILS = 12;
    private static final String TOKEN = "s3cret-token";
    /** Indexed images whose events point to a file: one under uri.allowed.roots, one outside it. */
    private static final String URI_ALLOWED = SyntheticAttributeRecords.id(WITH_THUMBNAILS + 3);
    private static final String URI_REFUSED = SyntheticAttributeRecords.id(WITH_THUMBNAILS + 4);

    private EmbeddedKafka kafka;
    private Path tmp;
    private SearchInstance a;
    private SearchInstance b;
    private ConfluentAvroSerde<FaceAttributes> attributesSerde;
    private final Map<String, FaceAttributes> latest = new TreeMap<>();
    private final SyntheticAttributeRecords records = new SyntheticAttributeRecords(Attributes.NAMES, 5);

    @BeforeAll
    void startBrokerAndTwoInstances() throws Exception {
        tmp = Files.createTempDirectory("search-test-");
        kafka = EmbeddedKafka.start(0);
        kafka.createTopics(4, IN, OUT);
        attributesSerde = AvroSerdes.forValue(FaceAttributes.class, Map.of("schema.registry.url", "mock://search-test"));
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            FaceAttributes r = records.record(i, 0);
            latest.put(r.getImageId(), r);
            out.add(record(r.getImageId(), r));
        }
        send(out);
        sendImages();
        // standbys keep warm copies of the other instance's partitions: they must never be searched
        Files.createDirectories(tmp.resolve("uploads"));
        Map<String, String> standby = Map.of("num.standby.replicas", "1",
                "uri.allowed.roots", tmp.resolve("uploads").toString());
        a = SearchInstance.start(SearchInstance.config(kafka.bootstrapServers(), tmp.resolve("a"), TOKEN, standby));
        b = SearchInstance.start(SearchInstance.config(kafka.bootstrapServers(), tmp.resolve("b"), TOKEN, standby));
        awaitTotal(IMAGES);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{a, b, kafka}) {
            if (c != null) {
                c.close();
            }
        }
        attributesSerde.close();
    }

    private ProducerRecord<byte[], byte[]> record(String id, FaceAttributes value) {
        return new ProducerRecord<>(OUT, id.getBytes(StandardCharsets.UTF_8),
                value == null ? null : attributesSerde.serializer().serialize(OUT, value));
    }

    private void send(List<ProducerRecord<byte[], byte[]>> list) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (var r : list) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (var f : sent) {
                f.get(); // a record the broker refused fails the test here, not as a missing image later
            }
        }
    }

    /** Inline JPEGs (400x300) for the first images, on the input topic under the same keys. */
    private void sendImages() throws Exception {
        try (ConfluentAvroSerde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class,
                Map.of("schema.registry.url", "mock://search-test"))) {
            List<ProducerRecord<byte[], byte[]>> list = new ArrayList<>();
            for (int i = 0; i < WITH_THUMBNAILS; i++) {
                String id = SyntheticAttributeRecords.id(i);
                ImageEvent e = ImageEvent.newBuilder().setId(id).setData(ByteBuffer.wrap(jpeg(i)))
                        .setContentType("image/jpeg").build();
                list.add(new ProducerRecord<>(IN, id.getBytes(StandardCharsets.UTF_8),
                        serde.serializer().serialize(IN, e)));
            }
            Path allowed = Files.write(Files.createDirectories(tmp.resolve("uploads")).resolve("uri.jpg"), jpeg(50));
            Path outside = Files.write(tmp.resolve("outside.jpg"), jpeg(51));
            for (var uri : Map.of(URI_ALLOWED, allowed, URI_REFUSED, outside).entrySet()) {
                ImageEvent e = ImageEvent.newBuilder().setId(uri.getKey()).setUri(uri.getValue().toUri().toString())
                        .build();
                list.add(new ProducerRecord<>(IN, uri.getKey().getBytes(StandardCharsets.UTF_8),
                        serde.serializer().serialize(IN, e)));
            }
            send(list);
        }
    }

    private static byte[] jpeg(int i) {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color((40 + i * 10) % 256, 90, 160));
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        return Jpeg.encode(img, 90);
    }

    private void awaitTotal(int total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ra = a.get("/search?limit=1");
            HttpResponse<String> rb = b.get("/search?limit=1");
            last = ra.statusCode() + " " + ra.body() + " / " + rb.statusCode();
            if (ra.statusCode() == 200 && rb.statusCode() == 200 && JSON.readTree(ra.body()).get("total").asInt() == total
                    && JSON.readTree(rb.body()).get("total").asInt() == total) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the index never reached " + total + " images: " + last);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void bothInstancesHoldPartitionsAndAnswerAlike() throws Exception {
        assertFalse(a.search.local().partitions().isEmpty(), "instance a holds partitions");
        assertFalse(b.search.local().partitions().isEmpty(), "instance b holds partitions");
        assertEquals(IMAGES, a.search.localImageIds().size() + b.search.localImageIds().size(),
                "each image in exactly one instance's active indexes");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (a.search.local().partitions().size() + b.search.local().partitions().size() < 8
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(8, a.search.local().partitions().size() + b.search.local().partitions().size(),
                "every partition held twice: active and standby");
        for (String query : List.of("", "present=Smiling,Eyeglasses&absent=Wearing_Hat",
                "present=Smiling&minProbability=0.7", "faces=2-3&source=phone", "absent=Male&limit=7",
                "modelVersion=model-2&since=" + q("2026-05-28T20:30:00Z"), "present=Bald,Wearing_Hat,Eyeglasses")) {
            HttpResponse<String> ra = a.get("/search?" + query);
            HttpResponse<String> rb = b.get("/search?" + query);
            assertEquals(200, ra.statusCode(), ra.body());
            assertEquals(ra.body(), rb.body(), "same answer from either instance for " + query);
        }
    }

    @Test
    @Order(2)
    void answersMatchBruteForceAndPagesCoverEveryHitOnce() throws Exception {
        record Case(String query, List<String> present, List<String> absent, Double t, int min, int max, String source) {
        }
        List<Case> cases = List.of(
                new Case("present=Smiling,Eyeglasses&absent=Wearing_Hat", List.of("Smiling", "Eyeglasses"),
                        List.of("Wearing_Hat"), null, -1, -1, null),
                new Case("present=Smiling&absent=Male&minProbability=0.7", List.of("Smiling"), List.of("Male"), 0.7,
                        -1, -1, null),
                new Case("faces=1-3&source=camera-b&present=Young", List.of("Young"), List.of(), null, 1, 3,
                        "camera-b"),
                new Case("", List.of(), List.of(), null, -1, -1, null),
                new Case("faces=0", List.of(), List.of(), null, 0, 0, null));
        for (Case c : cases) {
            Set<String> expected = BruteForce.hits(latest.values(), c.present(), c.absent(), c.t(), c.min(), c.max(),
                    c.source());
            JsonNode first = JSON.readTree(a.get("/search?" + c.query() + (c.query().isEmpty() ? "" : "&")
                    + "limit=25").body());
            assertEquals(expected.size(), first.get("total").asInt(), c.query());
            Map<String, Long> facets = new TreeMap<>();
            first.get("facets").fields().forEachRemaining(e -> facets.put(e.getKey(), e.getValue().asLong()));
            assertEquals(BruteForce.facets(latest.values(), expected, Attributes.NAMES, c.t()), facets, c.query());
            // page through with the cursor, alternating instances: every hit once, in rank order
            List<String> seen = new ArrayList<>();
            double lastScore = Double.MAX_VALUE;
            JsonNode page = first;
            int pages = 0;
            while (true) {
                for (JsonNode hit : page.get("hits")) {
                    double score = hit.get("score").asDouble();
                    assertTrue(score <= lastScore, "ranked by score: " + c.query());
                    lastScore = score;
                    seen.add(hit.get("imageId").asText());
                }
                pages++;
                if (page.get("nextCursor").isNull()) {
                    break;
                }
                SearchInstance next = pages % 2 == 0 ? a : b;
                page = JSON.readTree(next.get("/search?" + c.query() + (c.query().isEmpty() ? "" : "&")
                        + "limit=25&cursor=" + page.get("nextCursor").asText()).body());
            }
            assertEquals(expected.size(), seen.size(), "no hit twice: " + c.query());
            assertEquals(expected, new HashSet<>(seen), c.query());
        }
    }

    @Test
    @Order(3)
    void aHitCarriesTheRecordAndImagesAnswersFromEitherInstance() throws Exception {
        FaceAttributes r = latest.values().stream().filter(x -> x.getFaces().size() == 2).findFirst().orElseThrow();
        JsonNode fromA = JSON.readTree(a.get("/images/" + r.getImageId()).body());
        JsonNode fromB = JSON.readTree(b.get("/images/" + r.getImageId()).body());
        assertEquals(fromA, fromB);
        assertEquals(r.getImageId(), fromA.get("imageId").asText());
        assertEquals(r.getSource(), fromA.get("source").asText());
        assertEquals(r.getModelVersion(), fromA.get("modelVersion").asText());
        assertEquals(r.getProcessedAt().toString(), fromA.get("processedAt").asText());
        assertEquals(r.getImageWidth(), fromA.get("imageWidth").asInt());
        assertEquals(2, fromA.get("faces").size());
        JsonNode face = fromA.get("faces").get(1);
        assertEquals(r.getFaces().get(1).getBox().getX(), face.get("box").get("x").asInt());
        assertEquals(40, face.get("attributes").size());
        for (int i = 0; i < 40; i++) {
            JsonNode attr = face.get("attributes").get(i);
            assertEquals(Attributes.NAMES.get(i), attr.get("name").asText());
            assertEquals(r.getFaces().get(1).getAttributes().get(i).getProbability(),
                    (float) attr.get("probability").asDouble());
            assertEquals(r.getFaces().get(1).getAttributes().get(i).getPresent(), attr.get("present").asBoolean());
        }
        HttpResponse<String> unknown = a.get("/images/no-such-image");
        assertEquals(404, unknown.statusCode());
        assertEquals("UNKNOWN_IMAGE", JSON.readTree(unknown.body()).get("error").get("code").asText());
    }

    @Test
    @Order(4)
    void thumbnailsAreSmallJpegsFromEitherInstance() throws Exception {
        for (int i = 0; i < WITH_THUMBNAILS; i++) {
            String id = SyntheticAttributeRecords.id(i);
            for (SearchInstance s : List.of(a, b)) {
                HttpResponse<byte[]> r = awaitThumbnail(s, id);
                assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
                assertNotNull(img, "a decodable JPEG");
                assertEquals(160, img.getWidth(), "longest side 160");
                assertEquals(120, img.getHeight());
            }
        }
        HttpResponse<byte[]> none = a.bytes("/images/" + SyntheticAttributeRecords.id(WITH_THUMBNAILS + 1)
                + "/thumbnail");
        assertEquals(404, none.statusCode(), "indexed but no image was ever sent");
        BufferedImage fromUri = ImageIO.read(new ByteArrayInputStream(awaitThumbnail(b, URI_ALLOWED).body()));
        assertEquals(160, fromUri.getWidth(), "a URI image under the allow-list is read for its thumbnail");
        assertEquals(404, a.bytes("/images/" + URI_REFUSED + "/thumbnail").statusCode(),
                "a URI outside the allow-list is never read");
    }

    private static HttpResponse<byte[]> awaitThumbnail(SearchInstance s, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<byte[]> r;
        do {
            r = s.bytes("/images/" + id + "/thumbnail");
            if (r.statusCode() == 200) {
                return r;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no thumbnail for " + id + ": " + r.statusCode() + " "
                + new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    @Order(5)
    void badQueriesAre400WithAJsonErrorNeverA500() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("present=Smiling,Unicorn_Horn", "UNKNOWN_ATTRIBUTE");
        cases.put("absent=" + q("Smiling';DROP TABLE images;--"), "UNKNOWN_ATTRIBUTE");
        cases.put("present=" + q("../../etc/passwd"), "UNKNOWN_ATTRIBUTE");
        cases.put("present=" + q("<script>alert(1)</script>"), "UNKNOWN_ATTRIBUTE");
        cases.put("present=", "UNKNOWN_ATTRIBUTE");
        cases.put("present=Smiling&absent=Smiling", "CONFLICTING_ATTRIBUTE");
        cases.put("minProbability=1.5", "BAD_PROBABILITY");
        cases.put("minProbability=-0.1", "BAD_PROBABILITY");
        cases.put("minProbability=NaN", "BAD_PROBABILITY");
        cases.put("minProbability=" + q("0.5 OR 1=1"), "BAD_PROBABILITY");
        cases.put("cursor=not-a-cursor!!", "BAD_CURSOR");
        cases.put("cursor=" + java.util.Base64.getUrlEncoder().encodeToString("v1|abc|x".getBytes()), "BAD_CURSOR");
        cases.put("limit=100000", "BAD_LIMIT");
        cases.put("limit=0", "BAD_LIMIT");
        cases.put("limit=2.5", "BAD_LIMIT");
        cases.put("limit=99999999999999999999", "BAD_LIMIT");
        cases.put("faces=3-1", "BAD_FACES");
        cases.put("faces=" + q("1;2"), "BAD_FACES");
        cases.put("since=yesterday", "BAD_TIME");
        cases.put("since=" + q("2026-12-05T00:00:00Z") + "&until=" + q("2026-12-04T00:00:00Z"), "BAD_TIME");
        cases.put("source=" + "x".repeat(300), "BAD_VALUE");
        cases.put("source=" + q("a\u0000b"), "BAD_VALUE");
        cases.put("sort=" + q("score; rm -rf /"), "UNKNOWN_PARAMETER");
        cases.put("present=Smiling&present=Young", "REPEATED_PARAMETER");
        cases.put("scope=everything", "BAD_SCOPE");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = a.get("/search?" + c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertEquals(c.getValue(), error.get("code").asText(), c.getKey());
            assertFalse(error.get("message").asText().isBlank());
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        }
        assertEquals(404, a.get("/images/a/b/c").statusCode());
        assertEquals(405, a.http == null ? 0 : post(a, "/search"));
    }

    private static int post(SearchInstance s, String path) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.http.port() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build();
        return java.net.http.HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @Order(6)
    void theTokenGuardsSearchAndImagesButNotHealth() throws Exception {
        for (String path : List.of("/search", "/images/" + SyntheticAttributeRecords.id(1),
                "/images/" + SyntheticAttributeRecords.id(1) + "/thumbnail")) {
            assertEquals(401, a.get(path, null).statusCode(), path);
            assertEquals(401, a.get(path, "Bearer wrong-token").statusCode(), path);
            assertEquals(401, a.get(path, "Bearer " + TOKEN + "x").statusCode(), path);
            assertEquals(200, a.get(path, "Bearer " + TOKEN).statusCode(), path);
        }
        assertEquals(200, a.get("/healthz", null).statusCode());
        assertEquals(200, a.get("/readyz", null).statusCode());
        assertEquals(200, a.get("/metrics", null).statusCode());
        assertEquals(200, a.get("/", null).statusCode(), "the gallery page itself holds no data");
    }

    @Test
    @Order(7)
    void aNewRecordReplacesAndATombstoneRemovesEverywhere() throws Exception {
        String replaced = SyntheticAttributeRecords.id(3);
        String deleted = SyntheticAttributeRecords.id(2);
        assertEquals(200, awaitThumbnail(a, deleted).statusCode());
        FaceAttributes v1 = records.record(3, 1);
        latest.put(replaced, v1);
        latest.remove(deleted);
        send(List.of(record(replaced, v1), record(deleted, null)));
        awaitTotal(IMAGES - 1);
        for (SearchInstance s : List.of(a, b)) {
            JsonNode r = JSON.readTree(s.get("/images/" + replaced).body());
            assertEquals(v1.getProcessedAt().toString(), r.get("processedAt").asText(), "latest record wins");
            assertEquals(404, s.get("/images/" + deleted).statusCode());
            assertEquals(404, s.bytes("/images/" + deleted + "/thumbnail").statusCode(), "thumbnail deleted too");
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = JSON.readTree(s.get("/search?limit=500" + (cursor == null ? "" : "&cursor=" + cursor))
                        .body());
                page.get("hits").forEach(h -> ids.add(h.get("imageId").asText()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            assertFalse(ids.contains(deleted), "gone from search");
            assertEquals(latest.keySet(), new java.util.TreeSet<>(ids));
        }
        assertFalse(a.search.localImageIds().contains(deleted) || b.search.localImageIds().contains(deleted));
    }
}
