package faceattr.search;

import faceattr.avro.generated.FaceAttributes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link SearchIndexStore} per task; never cached, never logged (the output topic is its changelog). */
final class SearchIndexStoreBuilder implements StoreBuilder<SearchIndexStore> {
    private final String name;
    private final String topic;
    private final AttributeDictionary dictionary;
    private final Deserializer<FaceAttributes> deserializer;
    private final LocalIndexes registry;

    SearchIndexStoreBuilder(String name, String topic, AttributeDictionary dictionary,
                            Deserializer<FaceAttributes> deserializer, LocalIndexes registry) {
        this.name = name;
        this.topic = topic;
        this.dictionary = dictionary;
        this.deserializer = deserializer;
        this.registry = registry;
    }

    @Override
    public StoreBuilder<SearchIndexStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the search index has no cache");
    }

    @Override
    public StoreBuilder<SearchIndexStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<SearchIndexStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the search index is restored from the output topic");
    }

    @Override
    public StoreBuilder<SearchIndexStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public SearchIndexStore build() {
        return new SearchIndexStore(name, topic, dictionary, deserializer, registry);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
