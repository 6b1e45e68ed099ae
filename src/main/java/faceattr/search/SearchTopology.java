package faceattr.search;

import faceattr.avro.generated.FaceAttributes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The index topology: the output topic feeds a read-only {@link SearchIndexStore} per partition (the topic itself is
 * its changelog, so the index costs no extra topic and is rebuilt from exactly what was published). With thumbnails,
 * the input topic (same keys, same partitions) feeds {@link ThumbnailMaker} into a changelogged thumbnail store:
 * thumbnails cannot be rebuilt from the output topic, which does not carry the image.
 */
public final class SearchTopology {
    public static final String INDEX_STORE = "search-index";
    public static final String THUMBNAIL_STORE = "search-thumbnails";
    static final String OUTPUT_SOURCE = "search-output-source";
    static final String INDEX_UPDATER = "search-index-updater";
    static final String INPUT_SOURCE = "search-input-source";
    static final String THUMBNAIL_MAKER = "search-thumbnail-maker";

    private SearchTopology() {
    }

    /**
     * @param thumbnails null: no thumbnails (the input topic is not read)
     */
    public static Topology build(String outputTopic, String inputTopic, AttributeDictionary dictionary,
                                 Deserializer<FaceAttributes> deserializer, LocalIndexes registry,
                                 Thumbnails thumbnails) {
        Topology topology = new Topology();
        topology.addReadOnlyStateStore(
                new SearchIndexStoreBuilder(INDEX_STORE,
                        () -> new SearchIndexStore(INDEX_STORE, outputTopic, dictionary, deserializer, registry)),
                OUTPUT_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), outputTopic, INDEX_UPDATER,
                () -> new IndexUpdater(thumbnails != null));
        if (thumbnails != null) {
            topology.addSource(INPUT_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), inputTopic);
            topology.addProcessor(THUMBNAIL_MAKER, () -> new ThumbnailMaker(thumbnails), INPUT_SOURCE);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(THUMBNAIL_STORE),
                    Serdes.String(), Serdes.ByteArray()).withCachingDisabled(), THUMBNAIL_MAKER, INDEX_UPDATER);
        }
        return topology;
    }
}
