package faceattr.bench;

import faceattr.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench commands on tiny runs: their JSON files carry the keys the issue names with sane values, and
 * {@code --mode per-record} really makes one forward pass per record through the real topology and broker.
 */
@Tag("broker")
class BenchCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void benchModelWritesImagesPerSecondPerBatchSize(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("model.json");
        assertEquals(0, Main.run("bench", "model", "--batch", "1,2", "--repeats", "1", "--warmup", "0",
                "--images", "3", "--json", json.toString()));
        JsonNode f = JSON.readTree(json.toFile());
        assertEquals("cascade", f.get("workload").asText());
        for (String batch : List.of("1", "2")) {
            double ips = f.get("batches").get(batch).asDouble();
            assertTrue(ips > 0 && Double.isFinite(ips), "batch " + batch + ": " + ips);
            assertTrue(f.get("msPerBatch").get(batch).asDouble() > 0);
        }
        assertTrue(f.get("machine").get("cores").asInt() > 0, "machine described");

        Path nets = tmp.resolve("nets.json");
        assertEquals(0, Main.run("bench", "model", "--networks-only", "--batch", "2", "--repeats", "1",
                "--warmup", "0", "--json", nets.toString()));
        JsonNode n = JSON.readTree(nets.toFile());
        assertEquals("networks", n.get("workload").asText());
        assertTrue(n.get("batches").get("2").asDouble() > 0);
    }

    @Test
    void perRecordModeMakesOneForwardPassPerRecordAndReportsBothRatios(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("stream.json");
        int events = 6;
        int latencyEvents = 3;
        assertEquals(0, Main.run("bench", "stream", "--mode", "per-record", "--events", Integer.toString(events),
                "--batch-size", "3", "--latency-events", Integer.toString(latencyEvents), "--images", "3",
                "--batch-max-wait-ms", "100", "--timeout", "120", "--json", json.toString()));
        JsonNode f = JSON.readTree(json.toFile());
        for (String key : List.of("throughput", "offlineThroughput", "streamOfflineRatio", "p50LatencyMs",
                "p95LatencyMs", "p99LatencyMs", "peakRssMb", "perRecordThroughput", "batchedThroughput",
                "batchedPerRecordRatio", "modelThroughputInStream", "streamModelRatio")) {
            assertTrue(f.has(key), "JSON has " + key + ": " + f);
            double v = f.get(key).asDouble();
            assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
        }
        assertEquals("per-record", f.get("mode").asText());
        // every record of the per-record leg (burst and paced phase) was tagged alone
        int tagged = f.get("imagesTagged").asInt();
        assertEquals(events + latencyEvents, tagged);
        assertEquals(tagged, f.get("forwardPasses").asInt(), "one forward pass per record");
        assertEquals(tagged, f.get("outputs").asInt());
        // the batched leg of the same run tagged its 6 records in fewer passes
        assertEquals(events, f.get("batchedImagesTagged").asInt());
        assertTrue(f.get("batchedForwardPasses").asInt() < events, f.toString());
        assertEquals(latencyEvents, f.get("latencyEvents").asInt());
        assertTrue(f.get("p99LatencyMs").asDouble() >= f.get("p50LatencyMs").asDouble());
        assertTrue(f.get("peakRssMb").asDouble() > 100, "the JVM with the model is resident: " + f.get("peakRssMb"));
    }
}
