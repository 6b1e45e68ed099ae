package faceattr.search;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Test oracle: the search semantics of issue 19 written as plain loops over the Avro records. */
final class BruteForce {
    private BruteForce() {
    }

    static Set<String> hits(Collection<FaceAttributes> records, List<String> present, List<String> absent,
                            Double minProbability, int facesMin, int facesMax, String source) {
        Set<String> ids = new TreeSet<>();
        for (FaceAttributes r : records) {
            if (source != null && !source.equals(r.getSource())) {
                continue;
            }
            if (facesMin >= 0 && (r.getFaces().size() < facesMin || r.getFaces().size() > facesMax)) {
                continue;
            }
            boolean noFaceConditions = present.isEmpty() && absent.isEmpty();
            boolean hit = noFaceConditions;
            for (Face f : r.getFaces()) {
                hit |= matches(f, present, absent, minProbability);
            }
            if (hit) {
                ids.add(r.getImageId());
            }
        }
        return ids;
    }

    private static boolean matches(Face f, List<String> present, List<String> absent, Double t) {
        for (String name : present) {
            Attribute a = attribute(f, name);
            if (t == null ? !a.getPresent() : a.getProbability() < t) {
                return false;
            }
        }
        for (String name : absent) {
            Attribute a = attribute(f, name);
            if (t == null ? a.getPresent() : a.getProbability() >= t) {
                return false;
            }
        }
        return true;
    }

    private static Attribute attribute(Face f, String name) {
        return f.getAttributes().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Per attribute, how many of the hit images have it present on some face (decision, or probability ≥ t). */
    static Map<String, Long> facets(Collection<FaceAttributes> records, Set<String> hits, List<String> names,
                                    Double t) {
        Map<String, Long> facets = new TreeMap<>();
        for (String name : names) {
            long n = records.stream().filter(r -> hits.contains(r.getImageId())).filter(r -> r.getFaces().stream()
                    .map(f -> attribute(f, name))
                    .anyMatch(a -> t == null ? a.getPresent() : a.getProbability() >= t)).count();
            facets.put(name, n);
        }
        return facets;
    }
}
