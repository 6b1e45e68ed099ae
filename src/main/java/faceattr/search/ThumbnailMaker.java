package faceattr.search;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Reads the input topic beside the output topic (same key, same partition) and keeps a small JPEG of each image in
 * the changelogged thumbnail store; a tombstone on the input topic deletes it. Images that cannot be read are
 * logged with their reason code (the tagger dead-letters them) and get no thumbnail.
 */
final class ThumbnailMaker implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(ThumbnailMaker.class);
    private final Thumbnails thumbnails;
    private KeyValueStore<String, byte[]> store;
    private ProcessorContext<Void, Void> context;

    ThumbnailMaker(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(SearchTopology.THUMBNAIL_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            store.delete(id);
            return;
        }
        try {
            store.put(id, thumbnails.of(context.recordMetadata().map(m -> m.topic()).orElse(""),
                    record.headers(), record.value()));
        } catch (faceattr.errors.RejectedInputException e) {
            log.info("no thumbnail for image {}: {} ({})", id, e.reason(), e.getMessage());
        }
    }
}
