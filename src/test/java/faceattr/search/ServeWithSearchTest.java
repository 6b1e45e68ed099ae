package faceattr.search;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.bench.SyntheticAttributeRecords;
import faceattr.config.ServiceConfig;
import faceattr.data.Attributes;
import faceattr.embedded.EmbeddedKafka;
import faceattr.service.ServiceHost;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code serve}'s wiring: search on the service host's HTTP port only with {@code search.enabled}. */
@Tag("broker")
class ServeWithSearchTest {
    @TempDir
    Path tmp;

    @Test
    void searchIsServedOnTheHostsPortOnlyWhenEnabled() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            kafka.createTopics(2, "images", "face-attributes", "images.dlq");
            SyntheticAttributeRecords records = new SyntheticAttributeRecords(Attributes.NAMES, 2);
            try (ConfluentAvroSerde<FaceAttributes> serde = AvroSerdes.forValue(FaceAttributes.class,
                    Map.of("schema.registry.url", "mock://serve-search"));
                 var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>("face-attributes", SyntheticAttributeRecords.id(i)
                            .getBytes(StandardCharsets.UTF_8), serde.serializer().serialize("face-attributes",
                            records.record(i, 0)))).get();
                }
            }
            ServiceConfig.Builder config = ServiceConfig.builder()
                    .set(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .set(ServiceConfig.SCHEMA_REGISTRY_URL, "mock://serve-search")
                    .set(ServiceConfig.HTTP_HOST, "127.0.0.1")
                    .set(ServiceConfig.HTTP_PORT, 0)
                    .set("state.dir", tmp.toString());
            ServiceConfig off = config.build();
            try (ServiceHost host = ServiceHost.start(off)) {
                assertNull(SearchService.startIfEnabled(off, host.http(), Attributes.NAMES));
                assertEquals(404, get(host.httpPort(), "/search").statusCode());
            }
            ServiceConfig on = config.set(ServiceConfig.SEARCH_ENABLED, true).build();
            try (ServiceHost host = ServiceHost.start(on);
                 SearchService search = SearchService.startIfEnabled(on, host.http(), Attributes.NAMES)) {
                assertEquals("127.0.0.1:" + host.httpPort(), search.self().host() + ":" + search.self().port());
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                HttpResponse<String> r;
                do {
                    Thread.sleep(200);
                    r = get(host.httpPort(), "/search?limit=1");
                } while ((r.statusCode() != 200 || new ObjectMapper().readTree(r.body()).get("total").asInt() != 30)
                        && System.nanoTime() < deadline);
                assertEquals(30, new ObjectMapper().readTree(r.body()).get("total").asInt(), r.body());
                assertEquals(200, get(host.httpPort(), "/healthz").statusCode());
                assertEquals(404, get(host.httpPort(), "/no-such-page").statusCode());
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
