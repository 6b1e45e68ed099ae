package faceattr.demo;

import faceattr.embedded.ListeningSockets;
import faceattr.stream.StreamTestSerdes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every socket the demo listens on (broker, KRaft controller, schema registry, HTTP with search and gallery) is bound
 * to loopback: faces are personal data and the demo is for this machine only.
 */
@Tag("broker")
class DemoListensOnLoopbackTest {

    @Test
    void everyListeningSocketOfTheDemoIsLoopback() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc to list sockets");
        List<ListeningSockets.Listener> before = ListeningSockets.ofThisProcess();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DemoRunner demo = new DemoRunner(new DemoRunner.Options(0, 0, 1, 0, 4, 50, Duration.ofMinutes(2)),
                StreamTestSerdes.tagger(), i -> new byte[0], new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            demo.start();
            List<ListeningSockets.Listener> listening = ListeningSockets.ofThisProcess();
            listening.removeAll(before);
            String out = printed.toString(StandardCharsets.UTF_8);
            // broker, controller, registry, HTTP at least
            assertTrue(listening.size() >= 4, "expected the demo's listeners, found " + listening);
            List<ListeningSockets.Listener> open = listening.stream().filter(l -> !l.isLoopback()).toList();
            assertEquals(List.of(), open, "non-loopback listening sockets while the demo runs: " + open);
            assertTrue(out.contains("gallery=http://127.0.0.1:" + demo.httpPort() + "/"), out);
            assertTrue(listening.stream().anyMatch(l -> l.port() == demo.httpPort()), listening.toString());
        }
    }
}
