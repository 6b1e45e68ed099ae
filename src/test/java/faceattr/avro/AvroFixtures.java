package faceattr.avro;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.avro.generated.ImageEvent;
import faceattr.data.Attributes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records and schema versions shared by the Avro and registry tests. */
public final class AvroFixtures {
    /** ImageEvent as a first producer wrote it: no contentType, capturedAt or metadata yet. */
    public static final Schema IMAGE_EVENT_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "ImageEvent", "namespace": "faceattr.avro.generated", "fields": [
              {"name": "id", "type": "string"},
              {"name": "source", "type": ["null", "string"], "default": null},
              {"name": "uri", "type": ["null", "string"], "default": null},
              {"name": "data", "type": ["null", "bytes"], "default": null}
            ]}""");

    /** ImageEvent as a newer producer writes it: the current fields plus a priority this reader does not know. */
    public static final Schema IMAGE_EVENT_NEXT = withExtraField(ImageEvent.getClassSchema());

    /** Same record name, but id changed from string to int: no reader of the current schema can read it. */
    public static final Schema IMAGE_EVENT_BROKEN = new Schema.Parser().parse("""
            {"type": "record", "name": "ImageEvent", "namespace": "faceattr.avro.generated", "fields": [
              {"name": "id", "type": "int"}
            ]}""");

    private AvroFixtures() {
    }

    public static ImageEvent imageEvent(String id) {
        return ImageEvent.newBuilder()
                .setId(id)
                .setSource("camera-7")
                .setData(ByteBuffer.wrap(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3}))
                .setContentType("image/png")
                .setCapturedAt(Instant.ofEpochMilli(1_780_000_000_123L))
                .setMetadata(Map.of("site", "lobby", "run", id))
                .build();
    }

    public static FaceAttributes faceAttributes(String imageId) {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < Attributes.COUNT; i++) {
            attributes.add(new Attribute(Attributes.NAMES.get(i), i / 40f, i % 3 == 0));
        }
        FaceBox box = new FaceBox(10, 20, 64, 80, 0.05f, 0.1f, 0.32f, 0.4f);
        return FaceAttributes.newBuilder()
                .setImageId(imageId)
                .setSource(null)
                .setModelVersion("test-1")
                .setProcessedAt(Instant.ofEpochMilli(1_780_000_100_000L))
                .setLatencyMs(42)
                .setImageWidth(200)
                .setImageHeight(200)
                .setFaces(List.of(new Face(box, 1.25f, attributes)))
                .setMetadata(Map.of())
                .build();
    }

    /** Avro binary of a generic record, without framing. */
    public static byte[] avroBody(GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Confluent framing around an Avro body. */
    public static byte[] framed(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    private static Schema withExtraField(Schema schema) {
        String json = schema.toString();
        String extra = "{\"name\":\"priority\",\"type\":\"int\",\"default\":0,\"doc\":\"Added by a newer producer.\"}";
        int fieldsEnd = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, fieldsEnd) + "," + extra + json.substring(fieldsEnd));
    }
}
