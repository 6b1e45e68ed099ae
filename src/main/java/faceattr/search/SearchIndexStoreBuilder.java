package faceattr.search;

import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;
import java.util.function.Supplier;

/** Builds one {@link SearchIndexStore} per task; never cached, never logged (the output topic is its changelog). */
final class SearchIndexStoreBuilder implements StoreBuilder<SearchIndexStore> {
    private final String name;
    private final Supplier<SearchIndexStore> stores;

    SearchIndexStoreBuilder(String name, Supplier<SearchIndexStore> stores) {
        this.name = name;
        this.stores = stores;
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
        return stores.get();
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
