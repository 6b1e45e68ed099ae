package faceattr.stream;

import faceattr.errors.ReasonCode;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Dead letters in the convention of Kafka Connect and of Kafka Streams' own dead-letter queue (KIP-1034): the
 * original key and value bytes unchanged (replaying is re-producing them), the original headers, and the error in
 * headers: ours ({@code faceattr.error.*}) on every dead letter, and Kafka Streams' {@code __streams.errors.*}.
 */
public final class DeadLetters {
    public static final String REASON = "faceattr.error.reason";
    public static final String MESSAGE = "faceattr.error.message";
    public static final String TOPIC = "faceattr.error.topic";
    public static final String PARTITION = "faceattr.error.partition";
    public static final String OFFSET = "faceattr.error.offset";

    /** Kafka Streams' names (org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils, not public API). */
    public static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    public static final String STREAMS_STACKTRACE = "__streams.errors.stacktrace";
    public static final String STREAMS_MESSAGE = "__streams.errors.message";
    public static final String STREAMS_TOPIC = "__streams.errors.topic";
    public static final String STREAMS_PARTITION = "__streams.errors.partition";
    public static final String STREAMS_OFFSET = "__streams.errors.offset";

    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetters() {
    }

    /** The dead letter for a pending (or just received) record. */
    public static Record<byte[], byte[]> of(PendingImage source, ReasonCode reason, String message, Throwable cause) {
        Headers headers = new RecordHeaders(source.headers() == null ? new org.apache.kafka.common.header.Header[0]
                : source.headers().toArray());
        addErrorHeaders(headers, reason, message, cause, source.topic(), source.partition(), source.offset());
        return new Record<>(source.key(), source.value(), source.timestamp(), headers);
    }

    /** Adds our and Kafka Streams' error headers, replacing any from an earlier failure of the same bytes. */
    public static void addErrorHeaders(Headers headers, ReasonCode reason, String message, Throwable cause,
                                       String topic, int partition, long offset) {
        String text = truncate(message == null ? reason.name() : message);
        put(headers, REASON, reason.name());
        put(headers, MESSAGE, text);
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
        put(headers, STREAMS_EXCEPTION, cause == null ? "faceattr.errors.RejectedInputException"
                : cause.getClass().getName());
        put(headers, STREAMS_MESSAGE, text);
        put(headers, STREAMS_TOPIC, topic);
        put(headers, STREAMS_PARTITION, Integer.toString(partition));
        put(headers, STREAMS_OFFSET, Long.toString(offset));
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            put(headers, STREAMS_STACKTRACE, trace.toString());
        } else {
            headers.remove(STREAMS_STACKTRACE);
        }
    }

    /** The value of a header as text, or null when absent. */
    public static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
