package faceattr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads back what {@link Npz} writes (float32, C order), as numpy would: tests only. */
final class NpzReader {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

    private NpzReader() {
    }

    static Map<String, Npz.Array> read(Path file) throws IOException {
        Map<String, Npz.Array> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] b = zip.readAllBytes();
                int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
                String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
                if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
                    throw new IOException(e.getName() + ": not little-endian float32 in C order: " + header);
                }
                Matcher m = SHAPE.matcher(header);
                if (!m.find()) {
                    throw new IOException(e.getName() + ": no shape in " + header);
                }
                long[] shape = java.util.Arrays.stream(m.group(1).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
                int offset = 10 + headerLength;
                float[] data = new float[(b.length - offset) / 4];
                ByteBuffer.wrap(b, offset, b.length - offset).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
                out.put(e.getName().replaceAll("\\.npy$", ""), new Npz.Array(shape, data));
            }
        }
        return out;
    }
}
