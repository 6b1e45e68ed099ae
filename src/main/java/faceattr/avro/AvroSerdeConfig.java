package faceattr.avro;

import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Map;

/** Settings of the Avro serdes: the registry client's settings plus how schemas are chosen and registered. */
public class AvroSerdeConfig extends SchemaRegistryClientConfig {
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final ConfigDef SERDE_CONFIG = new ConfigDef(SchemaRegistryClientConfig.CONFIG)
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the record's schema under its subject when it is not there yet. When false"
                            + " the schema must already be registered (looked up), or use.latest.version must be set.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW,
                    "Serializer, with auto.register.schemas=false: write with the subject's latest registered"
                            + " schema (fetched once per subject and serializer) instead of the record's own; the"
                            + " latest must be able to read the record's schema.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, SubjectNameStrategy.TopicNameStrategy.name(),
                    Importance.LOW, "Subject naming for keys: TopicNameStrategy, RecordNameStrategy or"
                            + " TopicRecordNameStrategy (Confluent class names accepted).")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, SubjectNameStrategy.TopicNameStrategy.name(),
                    Importance.LOW, "Subject naming for values; as " + KEY_SUBJECT_NAME_STRATEGY + ".");

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(SERDE_CONFIG, originals);
    }

    /** The ConfigDef of every serde setting (registry client included), e.g. to print a reference table. */
    public static ConfigDef configDef() {
        return new ConfigDef(SERDE_CONFIG);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        return SubjectNameStrategy.parse(key, getString(key));
    }
}
