package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageLoaderTest {
    private static final byte[] JPEG = TestImages.jpeg(TestImages.quadrants(40, 30));

    @Test
    void loadsInlineBytesOrAnAllowedFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.jpg"), JPEG);
        ImageLoader loader = ImageLoader.fromConfig(Map.of(UriPolicy.ALLOWED_ROOTS_CONFIG, dir.toString()));
        assertEquals(40, loader.load(JPEG, null, "image/jpeg").getWidth());
        assertEquals(30, loader.load(null, file.toUri().toString(), null).getHeight());
        assertReason(ReasonCode.INVALID_EVENT, () -> loader.load(null, file.toUri().toString(), "image/png"));
    }

    @Test
    void exactlyOneOfDataAndUri() {
        ImageLoader loader = ImageLoader.fromConfig(Map.of());
        assertReason(ReasonCode.INVALID_EVENT, () -> loader.load(null, null, null));
        assertReason(ReasonCode.INVALID_EVENT, () -> loader.load(null, "  ", null));
        assertReason(ReasonCode.INVALID_EVENT, () -> loader.load(JPEG, "file:///x.jpg", null));
    }

    @Test
    void uriByteLimitFollowsTheImageByteLimitUnlessSet(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("a.jpg"), JPEG);
        ImageLoader loader = ImageLoader.fromConfig(Map.of(UriPolicy.ALLOWED_ROOTS_CONFIG, dir.toString(),
                ImageLimits.MAX_BYTES_CONFIG, "100"));
        assertEquals(100, loader.fetcher().policy().maxBytes());
        assertReason(ReasonCode.TOO_LARGE, () -> loader.load(null, file.toUri().toString(), null));
        assertReason(ReasonCode.URI_NOT_ALLOWED, () -> loader.load(null, "file:///etc/hostname", null));
    }

    private interface Load {
        void run() throws Exception;
    }

    private static void assertReason(ReasonCode expected, Load load) {
        RejectedInputException e = assertThrows(RejectedInputException.class, load::run);
        assertEquals(expected, e.reason(), e.getMessage());
    }
}
