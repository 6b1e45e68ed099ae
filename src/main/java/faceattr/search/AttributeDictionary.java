package faceattr.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attribute names the index knows, each with a small id: first the running model's attributes in the model's
 * order, then any other name an indexed record carries, in the order first seen. Append-only and thread-safe; shared
 * by every partition of one instance so that ids agree.
 */
public final class AttributeDictionary {
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int modelCount;

    public AttributeDictionary(List<String> modelAttributes) {
        for (String name : modelAttributes) {
            idOf(name);
        }
        this.modelCount = names.size();
    }

    /** The id of {@code name}, added when new. */
    public synchronized int idOf(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        names.add(name);
        ids.put(name, names.size() - 1);
        return names.size() - 1;
    }

    /** The id of {@code name}, or -1 when no model attribute nor indexed record has it. */
    public int find(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    public synchronized String name(int id) {
        return names.get(id);
    }

    public synchronized int size() {
        return names.size();
    }

    /** Every known name, by id. */
    public synchronized List<String> names() {
        return List.copyOf(names);
    }

    /**
     * Orders names the way answers list them: model attributes in model order, then the others alphabetically (so
     * two instances that saw extra names in another order still answer alike).
     */
    public List<String> answerOrder(Collection<String> some) {
        return some.stream().sorted(Comparator.<String>comparingInt(n -> {
            int id = find(n);
            return id >= 0 && id < modelCount ? id : modelCount;
        }).thenComparing(Comparator.naturalOrder())).toList();
    }
}
