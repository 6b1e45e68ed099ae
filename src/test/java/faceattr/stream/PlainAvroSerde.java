package faceattr.stream;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Bare Avro binary (no registry framing): a stand-in for topology mechanics until the Confluent serde is merged. */
final class PlainAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;

    PlainAvroSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new SpecificDatumWriter<T>(type).write(value, enc);
                enc.flush();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                BinaryDecoder dec = DecoderFactory.get().binaryDecoder(data, null);
                T value = new SpecificDatumReader<T>(type).read(null, dec);
                if (!dec.isEnd()) {
                    throw new SerializationException("trailing bytes after the record");
                }
                return value;
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a " + type.getSimpleName() + ": " + e, e);
            }
        };
    }
}
