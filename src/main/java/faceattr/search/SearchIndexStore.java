package faceattr.search;

import faceattr.avro.generated.FaceAttributes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The Kafka Streams state store of one partition's {@link PartitionIndex}. It lives in memory and has no changelog
 * of its own: the output topic is its changelog (a read-only store, see {@link SearchTopology}), so after a restart
 * or a move to another instance Kafka Streams replays the partition of the output topic into it, up to the committed
 * offset, before the task processes new records. Each open store registers itself with {@link LocalIndexes}.
 */
public final class SearchIndexStore implements StateStore {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexStore.class);

    private final String name;
    private final AttributeDictionary dictionary;
    private final Deserializer<FaceAttributes> deserializer;
    private final String topic;
    private final LocalIndexes registry;
    private PartitionIndex index;
    private int partition = -1;
    private volatile boolean open;

    SearchIndexStore(String name, String topic, AttributeDictionary dictionary,
                     Deserializer<FaceAttributes> deserializer, LocalIndexes registry) {
        this.name = name;
        this.topic = topic;
        this.dictionary = dictionary;
        this.deserializer = deserializer;
        this.registry = registry;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        partition = context.taskId().partition();
        index = new PartitionIndex(dictionary);
        context.register(root, (BatchingStateRestoreCallback) this::restoreAll);
        open = true;
        registry.opened(partition, this);
    }

    private void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> r : records) {
            apply(r.key, r.value, -1);
        }
    }

    /**
     * Applies one output-topic record: a value indexes (replacing the image's previous record), a tombstone removes.
     * A value that does not deserialize is logged with its key and offset and left out of the index.
     */
    void apply(byte[] key, byte[] value, long offset) {
        String id = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            if (id != null && index.remove(id)) {
                log.debug("image {} removed from the index (tombstone)", id);
            }
            return;
        }
        FaceAttributes record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (RuntimeException e) {
            log.error("cannot index record {} of {}-{} at offset {}: not a FaceAttributes record ({}); left out",
                    id, topic, partition, offset, e.toString());
            return;
        }
        index.put(IndexedImage.of(id, record, dictionary));
    }

    public PartitionIndex index() {
        return index;
    }

    public int partition() {
        return partition;
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        // nothing to write: the index is rebuilt from the output topic
    }

    @Override
    public void close() {
        open = false;
        registry.closed(partition, this);
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
