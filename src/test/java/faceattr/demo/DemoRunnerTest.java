package faceattr.demo;

import faceattr.model.FaceTagger;
import faceattr.stream.StreamTestSerdes;
import faceattr.synth.SynthDemoImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("broker")
class DemoRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void demoPrintsWhereToConnectEveryOutcomeAndASummary() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SynthDemoImages images = SynthDemoImages.generate(tmp, 12, 7);
        boolean exactlyOnce;
        try (FaceTagger tagger = StreamTestSerdes.tagger();
             DemoRunner demo = new DemoRunner(new DemoRunner.Options(0, 0, 40, 7, 8, 100, Duration.ofSeconds(90)),
                     tagger, images, out)) {
            demo.start();
            exactlyOnce = demo.runBatch();
            assertEquals(33, demo.resultsCount());
            assertEquals(7, demo.deadLetterCount());
            assertEquals(Map.of("CORRUPT_IMAGE", 1, "DESERIALIZATION", 1, "INVALID_EVENT", 2, "URI_NOT_ALLOWED", 1,
                    "UNSUPPORTED_FORMAT", 1, "FETCH_FAILED", 1), demo.reasonCounts());
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(exactlyOnce, printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("schema\\.registry\\.url=http://127\\.0\\.0\\.1:\\d+")));
        assertEquals(33, printed.lines().filter(l -> l.startsWith("OK ")).count());
        assertEquals(7, printed.lines().filter(l -> l.startsWith("DLQ ")).count());
        assertTrue(printed.contains("exactly one output     yes, for every input"), printed);
    }
}
