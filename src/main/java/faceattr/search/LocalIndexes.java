package faceattr.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The partition indexes this instance holds now, by partition; stores come and go with task assignment. */
public final class LocalIndexes {
    private final Map<Integer, SearchIndexStore> stores = new ConcurrentHashMap<>();

    void opened(int partition, SearchIndexStore store) {
        stores.put(partition, store);
    }

    void closed(int partition, SearchIndexStore store) {
        stores.remove(partition, store);
    }

    public List<PartitionIndex> all() {
        return stores.values().stream().map(SearchIndexStore::index).toList();
    }

    public Optional<PartitionIndex> partition(int partition) {
        return Optional.ofNullable(stores.get(partition)).map(SearchIndexStore::index);
    }

    /** The partitions held here. */
    public java.util.Set<Integer> partitions() {
        return java.util.Set.copyOf(stores.keySet());
    }
}
