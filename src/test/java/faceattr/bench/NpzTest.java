package faceattr.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NpzTest {

    @Test
    void npyHeaderIsNumpyFormatOneAlignedTo64BytesAndTheDataIsLittleEndianCOrder() {
        byte[] npy = Npz.npy(new Npz.Array(new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, -6.5f}));
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, java.nio.charset.StandardCharsets.US_ASCII));
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "data starts on a 64-byte boundary");
        String header = new String(npy, 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(10 + headerLength + 24, npy.length);
        assertEquals(-6.5f, java.nio.ByteBuffer.wrap(npy, 10 + headerLength + 20, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat());
        byte[] v = Npz.npy(new Npz.Array(new long[]{4}, new float[4]));
        String vector = new String(v, 10, (v[8] & 0xff) | (v[9] & 0xff) << 8, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", vector.strip());
    }

    @Test
    void anNpzRoundTripsThroughItsOwnReader(@TempDir Path tmp) throws Exception {
        Npz npz = new Npz().put("a.weight", new long[]{2, 2}, new float[]{1, 2, 3, 4})
                .put("b", new long[]{3}, new float[]{7, 8, 9});
        npz.write(tmp.resolve("x.npz"));
        Map<String, Npz.Array> back = NpzReader.read(tmp.resolve("x.npz"));
        assertArrayEquals(new long[]{2, 2}, back.get("a.weight").shape());
        assertArrayEquals(new float[]{1, 2, 3, 4}, back.get("a.weight").data());
        assertArrayEquals(new float[]{7, 8, 9}, back.get("b").data());
        assertThrows(IllegalArgumentException.class, () -> new Npz.Array(new long[]{2, 2}, new float[3]));
    }
}
