package faceattr.stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A record waiting in the batch store: exactly the input record as it came (key, value, headers, provenance,
 * timestamp) plus when it was enqueued. Pixels are not kept: they are decoded again from these bytes at flush time,
 * so a restored store needs nothing but its changelog.
 */
public record PendingImage(byte[] key, byte[] value, Headers headers, String topic, int partition, long offset,
                           long timestamp, long enqueuedAt) {

    private static final byte FORMAT_VERSION = 1;

    public static Serde<PendingImage> serde() {
        return Serdes.serdeFrom(new PendingImageSerializer(), new PendingImageDeserializer());
    }

    private static final class PendingImageSerializer implements Serializer<PendingImage> {
        @Override
        public byte[] serialize(String topic, PendingImage p) {
            if (p == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                    64 + (p.value == null ? 0 : p.value.length) + (p.key == null ? 0 : p.key.length));
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_VERSION);
                writeBytes(out, p.key);
                writeBytes(out, p.value);
                Header[] hs = p.headers == null ? new Header[0] : p.headers.toArray();
                out.writeInt(hs.length);
                for (Header h : hs) {
                    out.writeUTF(h.key());
                    writeBytes(out, h.value());
                }
                out.writeUTF(p.topic);
                out.writeInt(p.partition);
                out.writeLong(p.offset);
                out.writeLong(p.timestamp);
                out.writeLong(p.enqueuedAt);
            } catch (IOException e) {
                throw new SerializationException("cannot encode pending image", e);
            }
            return bytes.toByteArray();
        }

        private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
            if (b == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(b.length);
                out.write(b);
            }
        }
    }

    private static final class PendingImageDeserializer implements Deserializer<PendingImage> {
        @Override
        public PendingImage deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != FORMAT_VERSION) {
                    throw new SerializationException("unknown pending image format version " + version);
                }
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                int n = in.readInt();
                RecordHeaders headers = new RecordHeaders();
                for (int i = 0; i < n; i++) {
                    headers.add(in.readUTF(), readBytes(in));
                }
                return new PendingImage(key, value, headers, in.readUTF(), in.readInt(), in.readLong(),
                        in.readLong(), in.readLong());
            } catch (IOException e) {
                throw new SerializationException("cannot decode pending image", e);
            }
        }

        private static byte[] readBytes(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            return in.readNBytes(n);
        }
    }
}
