package faceattr.stream;

import faceattr.avro.generated.FaceAttributes;
import faceattr.image.ImageLoader;
import faceattr.model.FaceTagger;
import faceattr.result.FaceAttributesMapper;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * images (byte[] key and value, so an undecodable record keeps its bytes) → {@link BatchingTagProcessor} with its
 * changelogged batch store → face-attributes (Avro, Confluent wire format) and images.dlq (original bytes).
 */
public final class FaceAttrTopology {
    public static final String SOURCE = "images-source";
    public static final String PROCESSOR = "batching-tagger";
    public static final String OUTPUT_SINK = "face-attributes-sink";
    public static final String DLQ_SINK = "dead-letter-sink";
    public static final String PENDING_STORE = "pending-images";

    private FaceAttrTopology() {
    }

    public static Topology build(TopologySettings settings, ImageLoader loader, FaceTagger tagger,
                                 Serializer<FaceAttributes> outputSerializer) {
        return build(settings, loader, tagger, outputSerializer, ServiceMetrics.unregistered());
    }

    public static Topology build(TopologySettings settings, ImageLoader loader, FaceTagger tagger,
                                 Serializer<FaceAttributes> outputSerializer, ServiceMetrics metrics) {
        FaceAttributesMapper mapper = FaceAttributesMapper.of(tagger, settings.maxFaces());
        BatchInference inference = new BatchInference(tagger);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.inputTopic());
        topology.addProcessor(PROCESSOR, () -> new BatchingTagProcessor(settings, loader, inference, mapper, metrics), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PENDING_STORE), Serdes.Long(), PendingImage.serde())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of()), PROCESSOR);
        topology.addSink(OUTPUT_SINK, settings.outputTopic(), new ByteArraySerializer(), outputSerializer, PROCESSOR);
        topology.addSink(DLQ_SINK, settings.dlqTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                PROCESSOR);
        return topology;
    }
}
