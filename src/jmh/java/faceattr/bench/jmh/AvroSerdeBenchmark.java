package faceattr.bench.jmh;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.synth.SynthDemoImages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Confluent wire-format serde on an {@code ImageEvent} carrying an inline JPEG (schema id cached after the first
 * call, as in the running service; {@code mock://} keeps the registry in process).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AvroSerdeBenchmark {
    private ConfluentAvroSerde<ImageEvent> serde;
    private ImageEvent event;
    private byte[] bytes;

    @Setup
    public void setUp() throws Exception {
        serde = AvroSerdes.forValue(ImageEvent.class, Map.of("schema.registry.url", "mock://jmh"));
        byte[] jpeg = SynthDemoImages.generate(Files.createTempDirectory("faceattr-jmh-"), 3, 2015).apply(0);
        event = ImageEvent.newBuilder().setId("jmh-000001").setSource("jmh").setData(ByteBuffer.wrap(jpeg))
                .setContentType("image/jpeg").setMetadata(Map.of("k", "v")).build();
        bytes = serde.serializer().serialize("images", event);
    }

    @TearDown
    public void tearDown() {
        serde.close();
    }

    @Benchmark
    public byte[] serializeImageEvent() {
        return serde.serializer().serialize("images", event);
    }

    @Benchmark
    public ImageEvent deserializeImageEvent() {
        return serde.deserializer().deserialize("images", bytes);
    }
}
