package faceattr.cli;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code faceattr produce}: image files as ImageEvents (inline bytes, or file:// URIs with --uri). */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send image files to a topic as Avro ImageEvents (key and id: the file name).")
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--topic", defaultValue = "images", description = "Topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Inputs inputs;

    static final class Inputs {
        @Option(names = "--dir", paramLabel = "DIR", description = "Every .jpg/.jpeg/.png/.gif/.bmp/.webp in DIR.")
        Path dir;

        @Parameters(paramLabel = "FILES", description = "Image files.")
        List<Path> files;
    }

    @Option(names = "--uri", description = "Send file:// URIs (absolute paths) instead of the bytes; the service"
            + " must list the folder in uri.allowed.roots.")
    boolean uri;

    @Option(names = "--source", defaultValue = "faceattr-produce", description = "The events' source field.")
    String source;

    @Override
    public Integer call() throws Exception {
        ServiceConfig cfg = client.load();
        List<Path> files = inputs.dir != null ? listImages(inputs.dir) : inputs.files;
        if (files.isEmpty()) {
            System.err.println("faceattr produce: no image files found");
            return 1;
        }
        Map<String, Object> producerProps = new HashMap<>(cfg.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (ConfluentAvroSerde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, cfg.serdeProperties());
             var producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            int sent = 0;
            for (Path file : files) {
                String id = file.getFileName().toString();
                ImageEvent.Builder e = ImageEvent.newBuilder().setId(id).setSource(source)
                        .setContentType(contentType(file));
                if (uri) {
                    e.setUri(file.toAbsolutePath().normalize().toUri().toString());
                } else {
                    e.setData(ByteBuffer.wrap(Files.readAllBytes(file)));
                }
                byte[] value = serde.serializer().serialize(topic, e.build());
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                        value)).get();
                System.out.printf(Locale.ROOT, "%s -> %s-%d@%d (%d bytes)%n", id, m.topic(), m.partition(), m.offset(),
                        value.length);
                sent++;
            }
            System.err.println("faceattr produce: " + sent + " events sent to " + topic);
        }
        return 0;
    }

    private static List<Path> listImages(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).filter(p -> contentType(p) != null).sorted()
                    .toList());
        }
    }

    static String contentType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        for (String ext : List.of("png", "gif", "bmp", "webp")) {
            if (n.endsWith("." + ext)) {
                return "image/" + ext;
            }
        }
        return null;
    }
}
