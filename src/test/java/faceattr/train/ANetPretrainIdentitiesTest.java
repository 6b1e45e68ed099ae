package faceattr.train;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ANetPretrainIdentitiesTest {

    @Test
    void keepsTheIdentitiesWithTheMostImagesOrAllOfThem() {
        Map<Integer, Long> images = Map.of(1, 3L, 2, 9L, 3, 9L, 4, 5L, 5, 1L);
        assertEquals(Set.of(2, 3), ANetTraining.pretrainIdentities(images, 2));
        assertEquals(Set.of(2, 3, 4), ANetTraining.pretrainIdentities(images, 3));
        assertEquals(Set.of(2), ANetTraining.pretrainIdentities(images, 1), "ties go to the lower identity number");
        assertEquals(images.keySet(), ANetTraining.pretrainIdentities(images, 0));
        assertEquals(images.keySet(), ANetTraining.pretrainIdentities(images, 50));
    }
}
