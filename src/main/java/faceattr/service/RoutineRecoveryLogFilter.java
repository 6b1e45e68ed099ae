package faceattr.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import java.util.regex.Pattern;

/**
 * Logback turbo filter (installed by {@code logback.xml} and {@code deploy/logback-json.xml}): after an unclean stop
 * (SIGKILL, OOM kill, node loss) Kafka Streams under exactly-once finds the batch store without a checkpoint, treats
 * the task as corrupted, wipes the store and restores it from its changelog. That is the designed recovery, nothing
 * is lost, but Kafka Streams reports it as one ERROR and several WARNs with stack traces
 * ({@link TaskCorruptedException}). This filter drops exactly those events and logs each one line at INFO on
 * {@code faceattr.recovery} instead. Every other Kafka warning and error passes unchanged.
 */
public final class RoutineRecoveryLogFilter extends TurboFilter {
    private static final org.slf4j.Logger recovery = LoggerFactory.getLogger("faceattr.recovery");
    /** ProcessorStateManager's warning before it declares the task corrupted. */
    private static final String NO_CHECKPOINT = "did not find checkpoint offsets while stores are not empty";
    /** TaskCorruptedException's message. */
    private static final String CORRUPTED = "are corrupted and hence need to be re-initialized";
    /** StateDirectory's warning with that message. */
    private static final String REGISTER_FAILED = "Failed to register startup state stores";
    /** TaskManager's ERROR: a map of task id to exception follows. */
    private static final String TASK_EXCEPTIONS = "Get exceptions for the following tasks: {";
    private static final Pattern CORRUPTED_ENTRY = Pattern.compile(
            "\\d+_\\d+=org\\.apache\\.kafka\\.streams\\.errors\\.TaskCorruptedException: Tasks \\[[^\\]]*] "
                    + CORRUPTED);

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith("org.apache.kafka")
                || !isRoutineRecovery(format, params, t)) {
            return FilterReply.NEUTRAL;
        }
        String message = MessageFormatter.basicArrayFormat(format, params);
        recovery.info("routine recovery after an unclean stop (Kafka Streams {} {}): {}", level,
                logger.getName().substring(logger.getName().lastIndexOf('.') + 1), message);
        return FilterReply.DENY;
    }

    static boolean isRoutineRecovery(String format, Object[] params, Throwable t) {
        if (t instanceof TaskCorruptedException) {
            return true;
        }
        // Kafka's LogContext loggers hand over the formatted message, without parameters
        StringBuilder text = new StringBuilder(format == null ? "" : format);
        if (params != null) {
            for (Object p : params) {
                if (p instanceof TaskCorruptedException) {
                    return true;
                }
                text.append(' ').append(p);
            }
        }
        String s = text.toString();
        if (s.contains(NO_CHECKPOINT) || (s.contains(REGISTER_FAILED) && s.contains(CORRUPTED))) {
            return true;
        }
        int list = s.indexOf(TASK_EXCEPTIONS);
        if (list < 0) {
            return false;
        }
        // TaskManager's summary: routine only when every task in it is merely corrupted
        String entries = s.substring(list + TASK_EXCEPTIONS.length());
        return entries.contains(CORRUPTED) && CORRUPTED_ENTRY.matcher(entries).replaceAll("").matches("[\\s,}]*");
    }
}
