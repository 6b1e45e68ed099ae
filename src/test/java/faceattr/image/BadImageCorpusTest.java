package faceattr.image;

import faceattr.errors.RejectedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadImageCorpusTest {
    private static final ImageLimits LIMITS = ImageLimits.defaults();
    private final ImageDecoder decoder = new ImageDecoder(LIMITS);

    static List<BadImageCorpus.Case> corpus() {
        return BadImageCorpus.cases(LIMITS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBadInputIsRefusedWithItsReason(BadImageCorpus.Case c) {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> decoder.decode(c.bytes(), c.declaredContentType()), c.name() + " was decoded");
        assertEquals(c.expected(), e.reason(), c.name() + ": " + e.getMessage());
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), c.name() + " has no message");
    }

    @Test
    void everyBadUriIsRefusedWithItsReason(@TempDir Path root) throws Exception {
        ImageFetcher fetcher = new ImageFetcher(UriPolicy.fromConfig(Map.of(UriPolicy.ALLOWED_ROOTS_CONFIG,
                root.toString(), UriPolicy.ALLOWED_HOSTS_CONFIG, "127.0.0.1:9")));
        List<BadImageCorpus.UriCase> cases = BadImageCorpus.uriCases(root);
        assertTrue(cases.size() >= 10);
        for (BadImageCorpus.UriCase c : cases) {
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> fetcher.fetch(c.uri()), c.name());
            assertEquals(c.expected(), e.reason(), c.name() + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("secret"), c.name() + " leaks credentials: " + e.getMessage());
        }
    }

    @Test
    void corpusHasManyDistinctNamedCases() {
        Set<String> names = new HashSet<>();
        for (BadImageCorpus.Case c : corpus()) {
            assertTrue(names.add(c.name()), "duplicate name " + c.name());
            assertTrue(c.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), "not kebab-case: " + c.name());
        }
        for (BadImageCorpus.UriCase c : BadImageCorpus.uriCases(Path.of("/srv/images"))) {
            assertTrue(names.add(c.name()), "duplicate name " + c.name());
            assertTrue(c.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), "not kebab-case: " + c.name());
        }
        assertTrue(names.size() >= 30, "only " + names.size() + " cases");
    }

    @Test
    void corpusFollowsSmallerLimitsForBrokerFriendlyPayloads() {
        ImageLimits small = new ImageLimits(512 * 1024, 4_000_000, 4096, 16, 2_000);
        ImageDecoder smallDecoder = new ImageDecoder(small);
        for (BadImageCorpus.Case c : BadImageCorpus.cases(small)) {
            assertTrue(c.bytes().length <= small.maxBytes() + 1, c.name() + " is " + c.bytes().length + " bytes");
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> smallDecoder.decode(c.bytes(), c.declaredContentType()), c.name());
            assertEquals(c.expected(), e.reason(), c.name() + ": " + e.getMessage());
        }
    }
}
