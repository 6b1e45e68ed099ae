package faceattr.stream;

import faceattr.avro.generated.ImageEvent;
import faceattr.errors.ReasonCode;
import org.slf4j.spi.LoggingEventBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Which input record a log line is about: the image id (the event's id when the value deserialized, else the record
 * key as text, or its hex when the key is not UTF-8 text) and where the record came from. Logged both in the message
 * text and as SLF4J key-value pairs ({@code id}, {@code topic}, {@code partition}, {@code offset}), which the JSON
 * layout (deploy/logback-json.xml) emits as fields. The id comes from untrusted input: control characters are
 * escaped and it is cut at {@value #MAX_ID_CHARS} characters so one record cannot forge or flood log lines.
 */
record RecordRef(String id, String topic, int partition, long offset) {
    static final String ID = "id";
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String REASON = "reason";
    private static final int MAX_ID_CHARS = 200;

    /** The reference for a record; {@code event} is null when its value did not deserialize. */
    static RecordRef of(PendingImage p, ImageEvent event) {
        String id = event != null && event.getId() != null && !event.getId().isBlank() ? event.getId() : keyText(p.key());
        return new RecordRef(sanitize(id), p.topic(), p.partition(), p.offset());
    }

    /** {@code id topic-partition@offset}, for message text. */
    @Override
    public String toString() {
        return id + " " + topic + "-" + partition + "@" + offset;
    }

    /** Adds the record's fields (and the reason, when not null) as key-value pairs to a log event. */
    LoggingEventBuilder addTo(LoggingEventBuilder event, ReasonCode reason) {
        event.addKeyValue(ID, id).addKeyValue(TOPIC, topic).addKeyValue(PARTITION, partition)
                .addKeyValue(OFFSET, offset);
        return reason == null ? event : event.addKeyValue(REASON, reason.name());
    }

    static String keyText(byte[] key) {
        if (key == null) {
            return "(no key)";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
            if (!text.isEmpty() && text.chars().noneMatch(Character::isISOControl)) {
                return text;
            }
        } catch (CharacterCodingException notText) {
            // fall through to hex
        }
        return "0x" + HexFormat.of().formatHex(key);
    }

    static String sanitize(String id) {
        StringBuilder out = new StringBuilder(Math.min(id.length(), MAX_ID_CHARS) + 8);
        int i = 0;
        for (; i < id.length() && out.length() < MAX_ID_CHARS; i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < id.length() ? out + "..." : out.toString();
    }
}
