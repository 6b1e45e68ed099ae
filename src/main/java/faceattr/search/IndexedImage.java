package faceattr.search;

import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;

import java.util.List;
import java.util.Map;

/** One image's attribute record as the index keeps it (attribute names replaced by dictionary ids). */
public record IndexedImage(String imageId, String source, String modelVersion, long processedAt, long latencyMs,
                           int imageWidth, int imageHeight, Map<String, String> metadata, List<IndexedFace> faces) {

    public static IndexedImage of(String key, FaceAttributes record, AttributeDictionary dictionary) {
        List<IndexedFace> faces = new java.util.ArrayList<>(record.getFaces().size());
        for (Face f : record.getFaces()) {
            faces.add(IndexedFace.of(f, dictionary));
        }
        Map<String, String> metadata = new java.util.TreeMap<>();
        record.getMetadata().forEach((k, v) -> metadata.put(k.toString(), v.toString()));
        return new IndexedImage(key != null ? key : record.getImageId(), record.getSource(),
                record.getModelVersion(), record.getProcessedAt().toEpochMilli(), record.getLatencyMs(),
                record.getImageWidth(), record.getImageHeight(), Map.copyOf(metadata), List.copyOf(faces));
    }
}
