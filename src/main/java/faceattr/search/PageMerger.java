package faceattr.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the pages of disjoint partitions into one: totals and facets add up, hits merge in rank order. */
public final class PageMerger {
    private PageMerger() {
    }

    public static SearchPage merge(List<SearchPage> pages, int limit, AttributeDictionary dictionary) {
        long total = 0;
        long remaining = 0;
        Map<String, Long> facets = new HashMap<>();
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (SearchPage p : pages) {
            total += p.total();
            remaining += p.remaining();
            p.facets().forEach((k, v) -> facets.merge(k, v, Long::sum));
            hits.addAll(p.hits());
        }
        hits.sort(Ranking.ORDER);
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String name : dictionary.answerOrder(facets.keySet())) {
            ordered.put(name, facets.get(name));
        }
        return new SearchPage(total, ordered, List.copyOf(hits.subList(0, Math.min(limit, hits.size()))), remaining);
    }

    /** The cursor of the page after this one, or null when this is the last page. */
    public static String nextCursor(SearchPage page) {
        if (page.remaining() <= page.hits().size() || page.hits().isEmpty()) {
            return null;
        }
        SearchPage.Hit last = page.hits().get(page.hits().size() - 1);
        return new Cursor(last.score(), last.imageId()).encode();
    }
}
