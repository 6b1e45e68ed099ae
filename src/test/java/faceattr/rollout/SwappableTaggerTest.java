package faceattr.rollout;

import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A swap waits for the batch in hand, the next batch runs on the new model, each thread's records name their model. */
class SwappableTaggerTest {

    /** Answers one empty image per input; can hold a batch until released. */
    private static final class Fake implements FaceTagger {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean closed = new AtomicBoolean();
        final boolean hold;

        Fake(boolean hold) {
            this.hold = hold;
        }

        @Override
        public List<String> attributeNames() {
            return faceattr.data.Attributes.NAMES;
        }

        @Override
        public List<TaggedImage> tag(List<BufferedImage> images) {
            entered.countDown();
            try {
                if (hold && !release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<TaggedImage> out = new ArrayList<>();
            images.forEach(i -> out.add(new TaggedImage(i.getWidth(), i.getHeight(), List.of())));
            return out;
        }

        @Override
        public String modelVersion() {
            return "fake";
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static LoadedModel model(FaceTagger tagger, String version) throws IOException {
        var m = TestBundles.bundled().manifest();
        return new LoadedModel(tagger, new faceattr.model.BundleManifest(m.formatVersion(), version, m.profile(),
                m.attributes(), m.lnetInputs(), m.anetInput(), m.featureSize(), m.localizer(), m.calibration(),
                m.patchLayout(), m.thresholds(), m.training(), m.metrics()), "test:" + version);
    }

    @Test
    void swapWaitsForTheBatchInHandAndTheNextBatchRunsOnTheNewModel() throws Exception {
        Fake v1 = new Fake(true);
        Fake v2 = new Fake(false);
        SwappableTagger tagger = new SwappableTagger(model(v1, "v1"));
        List<BufferedImage> batch = List.of(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> streamThread = pool.submit(() -> {
                tagger.tag(batch);
                return tagger.modelVersion();
            });
            assertTrue(v1.entered.await(10, TimeUnit.SECONDS));
            LoadedModel next = model(v2, "v2");
            Future<?> swap = pool.submit(() -> tagger.swap(next));
            Thread.sleep(300);
            assertFalse(swap.isDone(), "the swap waits while a batch runs");
            v1.release.countDown();
            swap.get(10, TimeUnit.SECONDS);
            assertEquals("v1", streamThread.get(10, TimeUnit.SECONDS), "that batch was v1's");
            assertTrue(v1.closed.get(), "the old model is closed after the swap");
            assertEquals("v2", tagger.current().version());
            String after = pool.submit(() -> {
                tagger.tag(batch);
                return tagger.modelVersion();
            }).get(10, TimeUnit.SECONDS);
            assertEquals("v2", after);
            assertEquals(0, v2.entered.getCount(), "v2 tagged the next batch");
        } finally {
            pool.shutdownNow();
        }
    }
}
