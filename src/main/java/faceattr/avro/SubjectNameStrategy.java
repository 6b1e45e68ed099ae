package faceattr.avro;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** How the subject a schema is registered under is named (Confluent's three strategies, same names). */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TopicNameStrategy {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, across topics. */
    RecordNameStrategy {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TopicRecordNameStrategy {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    public abstract String subject(String topic, boolean isKey, Schema schema);

    /** Accepts the short name or Confluent's class name, e.g. io.confluent.kafka.serializers.subject.TopicNameStrategy. */
    public static SubjectNameStrategy parse(String configKey, String name) {
        String shortName = name.startsWith(CONFLUENT_PACKAGE) ? name.substring(CONFLUENT_PACKAGE.length()) : name;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.name().equals(shortName)) {
                return strategy;
            }
        }
        throw new ConfigException(configKey, name, "must be TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}
