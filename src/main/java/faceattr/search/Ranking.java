package faceattr.search;

import java.util.Comparator;

/**
 * The order of hits: score, highest first, then image id (so the order is total and the same on every instance).
 * A face's score is its localization score times its weakest condition's confidence (the probability for a present
 * attribute, one minus it for an absent one); an image's score is its best matching face's. Without face conditions
 * an image scores its best localization score (0 without faces). Scores are rounded to 6 decimals.
 */
public final class Ranking {
    public static final Comparator<SearchPage.Hit> ORDER = Comparator.comparingDouble(SearchPage.Hit::score).reversed()
            .thenComparing(SearchPage.Hit::imageId);

    private Ranking() {
    }

    static double round(double score) {
        return Math.round(score * 1e6) / 1e6;
    }
}
