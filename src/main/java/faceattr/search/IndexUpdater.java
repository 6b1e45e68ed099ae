package faceattr.search;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;

/**
 * Applies each output-topic record of its partition to the partition's index; a tombstone also deletes the image's
 * thumbnail (the way a deletion request is honoured).
 */
final class IndexUpdater implements Processor<byte[], byte[], Void, Void> {
    private final boolean thumbnails;
    private SearchIndexStore index;
    private KeyValueStore<String, byte[]> thumbnailStore;
    private ProcessorContext<Void, Void> context;

    IndexUpdater(boolean thumbnails) {
        this.thumbnails = thumbnails;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        index = context.getStateStore(SearchTopology.INDEX_STORE);
        if (thumbnails) {
            thumbnailStore = context.getStateStore(SearchTopology.THUMBNAIL_STORE);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
        index.apply(record.key(), record.value(), offset);
        if (record.value() == null && record.key() != null && thumbnailStore != null) {
            thumbnailStore.delete(new String(record.key(), StandardCharsets.UTF_8));
        }
    }
}
