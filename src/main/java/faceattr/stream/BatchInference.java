package faceattr.stream;

import faceattr.errors.ReasonCode;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One forward pass per batch; when the model throws on a batch, its images are retried in halves, down to single
 * images, so one image that breaks the model fails alone and the others are still tagged.
 */
final class BatchInference {
    private static final Logger log = LoggerFactory.getLogger(BatchInference.class);

    /** The answer for one image: either the tagged image or why the model failed on it. */
    record Outcome(TaggedImage tagged, RuntimeException error) {
        boolean ok() {
            return error == null;
        }
    }

    private final FaceTagger tagger;

    BatchInference(FaceTagger tagger) {
        this.tagger = tagger;
    }

    /** Tags the images ({@code refs}: their records, in the same order); one outcome per image, in order. */
    List<Outcome> run(List<BufferedImage> images, List<RecordRef> refs) {
        if (refs.size() != images.size()) {
            throw new IllegalArgumentException(refs.size() + " record references for " + images.size() + " images");
        }
        Outcome[] outcomes = new Outcome[images.size()];
        attempt(images, refs, 0, images.size(), outcomes);
        return Arrays.asList(outcomes);
    }

    private void attempt(List<BufferedImage> images, List<RecordRef> refs, int from, int to, Outcome[] outcomes) {
        if (from >= to) {
            return;
        }
        try {
            List<TaggedImage> tagged = tag(new ArrayList<>(images.subList(from, to)));
            for (int i = from; i < to; i++) {
                outcomes[i] = new Outcome(tagged.get(i - from), null);
            }
        } catch (RuntimeException e) {
            int n = to - from;
            if (n == 1) {
                RecordRef ref = refs.get(from);
                ref.addTo(log.atWarn(), ReasonCode.INFERENCE_FAILED)
                        .log("inference failed on image {} alone: {}", ref, e.toString());
                outcomes[from] = new Outcome(null, e);
                return;
            }
            List<RecordRef> batch = refs.subList(from, to);
            log.atWarn()
                    .addKeyValue(RecordRef.ID, batch.stream().map(RecordRef::id).toList())
                    .addKeyValue(RecordRef.TOPIC, batch.get(0).topic())
                    .addKeyValue(RecordRef.PARTITION, batch.stream().map(RecordRef::partition).distinct().toList())
                    .addKeyValue(RecordRef.OFFSET, batch.stream().map(RecordRef::offset).toList())
                    .addKeyValue(RecordRef.REASON, ReasonCode.INFERENCE_FAILED.name())
                    .log("inference failed on a batch of {} images ({}); retrying in halves: {}", n, e.toString(),
                            batch);
            int mid = from + n / 2;
            attempt(images, refs, from, mid, outcomes);
            attempt(images, refs, mid, to, outcomes);
        }
    }

    private List<TaggedImage> tag(List<BufferedImage> batch) {
        List<TaggedImage> tagged;
        // FaceTagger is not thread-safe; stream threads share the one loaded model.
        synchronized (tagger) {
            tagged = tagger.tag(batch);
        }
        if (tagged == null || tagged.size() != batch.size()) {
            throw new IllegalStateException("tagger returned " + (tagged == null ? "null" : tagged.size() + " answers")
                    + " for " + batch.size() + " images");
        }
        return tagged;
    }
}
