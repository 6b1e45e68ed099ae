package faceattr.rollout;

import faceattr.model.TaggedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks a candidate bundle must pass before it replaces the running model, each with its refusal reason. */
class BundleCheckTest {
    private static LoadedModel running;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadRunning() throws Exception {
        running = LoadedModel.load(null);
    }

    @Test
    void aNewVersionOfTheBundlePassesAndItsSmokePassFindsTheFace() throws Exception {
        LoadedModel next = new BundleCheck(false).check(TestBundles.withVersion(tmp.resolve("v2.zip"), "v2"), running);
        assertEquals("v2", next.version());
        assertEquals(running.attributes(), next.attributes());
        List<TaggedImage> tagged = next.tagger().tag(List.of(BundleCheck.smokeImage()));
        assertFalse(tagged.get(0).faces().isEmpty(), "the built-in image is a face the bundled model finds, so the "
                + "smoke pass runs the attribute classifiers too");
    }

    @Test
    void refusals() throws Exception {
        BundleCheck check = new BundleCheck(false);
        assertRefused(RefusalReason.UNREADABLE, check, TestBundles.corrupt(tmp.resolve("corrupt.zip")));
        assertRefused(RefusalReason.UNREADABLE, check, TestBundles.truncated(tmp.resolve("cut.zip"), "v3"));
        assertRefused(RefusalReason.UNREADABLE, check, tmp.resolve("missing.zip"));
        assertRefused(RefusalReason.SAME_VERSION, check, TestBundles.withVersion(tmp.resolve("same.zip"),
                running.version()));
        assertRefused(RefusalReason.WRONG_PROFILE, check, TestBundles.wrongProfile(tmp.resolve("paper.zip"), "v4"));
        Path fewer = TestBundles.withoutLastAttribute(tmp.resolve("fewer.zip"), "v5");
        assertRefused(RefusalReason.ATTRIBUTES_REMOVED, check, fewer);
        // allowed to drop an attribute, the bundle still fails: its classifiers answer 40 values for 39 names
        assertRefused(RefusalReason.SMOKE_PASS_FAILED, new BundleCheck(true), fewer);
    }

    private static void assertRefused(RefusalReason reason, BundleCheck check, Path candidate) {
        BundleRefusedException e = assertThrows(BundleRefusedException.class, () -> check.check(candidate, running),
                candidate.toString());
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
