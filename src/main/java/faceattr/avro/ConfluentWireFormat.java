package faceattr.avro;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** Confluent's framing: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian int), then the Avro binary. */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** The schema id of a framed record; a SerializationException saying what is wrong when it is not framed. */
    public static int schemaId(String topic, byte[] framed) {
        if (framed.length < HEADER_SIZE) {
            throw new SerializationException("Record on topic " + topic + " has " + framed.length
                    + " bytes, too short for the Confluent wire format (magic byte, 4-byte schema id, Avro body)");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x in record on topic %s: expected"
                    + " 0x00 (Confluent wire format); the record was not written by a schema-registry serializer",
                    framed[0] & 0xff, topic));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** The 5-byte header for a schema id. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}
