package faceattr.service;

import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka Streams' messages of a routine post-crash restore are recognised (as logged by 4.3); nothing else is. */
class RoutineRecoveryLogFilterTest {
    private static final String SUMMARY = "stream-thread [faceattr-1-StreamThread-1] Get exceptions for the following "
            + "tasks: {0_0=org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [0_0] are corrupted and hence "
            + "need to be re-initialized, 0_1=org.apache.kafka.streams.errors.TaskCorruptedException: Tasks [0_1] are "
            + "corrupted and hence need to be re-initialized}";

    @Test
    void recognisesTheCorruptedTaskRestore() {
        TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(0, 1)));
        assertTrue(RoutineRecoveryLogFilter.isRoutineRecovery("Encounter corrupted task 0_1", null, corrupted));
        assertTrue(RoutineRecoveryLogFilter.isRoutineRecovery(SUMMARY, null, null));
        assertTrue(RoutineRecoveryLogFilter.isRoutineRecovery("stream-task [0_0] State store pending-images did not "
                + "find checkpoint offsets while stores are not empty, since under EOS ...", null, null));
        assertTrue(RoutineRecoveryLogFilter.isRoutineRecovery("Failed to register startup state stores for task {}: {}",
                new Object[] {"0_0", "Tasks [0_0] are corrupted and hence need to be re-initialized"}, null));
    }

    @Test
    void letsEverythingElseThrough() {
        assertFalse(RoutineRecoveryLogFilter.isRoutineRecovery(SUMMARY.replace("}", ", 0_2=org.apache.kafka.common"
                + ".errors.TimeoutException: Timeout expired}"), null, null), "a summary with a real failure");
        assertFalse(RoutineRecoveryLogFilter.isRoutineRecovery("Error encountered sending record to topic {}",
                new Object[] {"faceattr-pending-images-changelog"}, new IllegalStateException("fenced")));
        assertFalse(RoutineRecoveryLogFilter.isRoutineRecovery("Failed to register startup state stores for task 0_0",
                null, new java.io.IOException("disk full")));
    }
}
