package faceattr.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes float32 arrays as NumPy's {@code .npz} (a zip of {@code .npy} files, format 1.0: magic, header dict padded to
 * 64 bytes, little-endian C-order data), which {@code numpy.load} reads with no other dependency.
 */
public final class Npz {
    /** One array: its shape and its values in C order. */
    public record Array(long[] shape, float[] data) {
        public Array {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape holds " + n + " values, data has " + data.length);
            }
        }
    }

    private final Map<String, Array> arrays = new LinkedHashMap<>();

    public Npz put(String name, long[] shape, float[] data) {
        if (arrays.put(name, new Array(shape, data)) != null) {
            throw new IllegalArgumentException("array " + name + " written twice");
        }
        return this;
    }

    public Map<String, Array> arrays() {
        return arrays;
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** One {@code .npy} file's bytes. */
    static byte[] npy(Array a) {
        StringJoiner shape = new StringJoiner(", ", "(", a.shape().length == 1 ? ",)" : ")");
        for (long d : a.shape()) {
            shape.add(Long.toString(d));
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(10 + header.length() + 4 * a.data().length);
        bytes.write(0x93);
        bytes.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        bytes.write(1);
        bytes.write(0);
        bytes.write(header.length() & 0xff);
        bytes.write(header.length() >> 8);
        bytes.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(4 * a.data().length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(a.data());
        bytes.writeBytes(data.array());
        return bytes.toByteArray();
    }
}
