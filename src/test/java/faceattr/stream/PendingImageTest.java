package faceattr.stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PendingImageTest {
    @Test
    void roundTripsEveryFieldIncludingNullsAndHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        PendingImage p = new PendingImage(null, new byte[] {0, 1, 2, (byte) 0xFF}, headers, "images", 3, 42L,
                1_700_000_000_000L, 1_700_000_000_500L);
        var serde = PendingImage.serde();
        PendingImage back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", p));
        assertNull(back.key());
        assertArrayEquals(p.value(), back.value());
        assertEquals("abc", new String(back.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
        assertNull(back.headers().lastHeader("empty").value());
        assertEquals("images", back.topic());
        assertEquals(3, back.partition());
        assertEquals(42L, back.offset());
        assertEquals(p.timestamp(), back.timestamp());
        assertEquals(p.enqueuedAt(), back.enqueuedAt());
    }
}
