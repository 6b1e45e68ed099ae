package faceattr.stream;

import faceattr.config.ServiceConfig;

/** The settings the topology itself needs, read from the {@link ServiceConfig}. */
public record TopologySettings(String inputTopic, String outputTopic, String dlqTopic, int batchSize,
                               long batchMaxWaitMs, int maxFaces) {

    public static TopologySettings from(ServiceConfig config) {
        return new TopologySettings(config.get(ServiceConfig.INPUT_TOPIC), config.get(ServiceConfig.OUTPUT_TOPIC),
                config.get(ServiceConfig.DLQ_TOPIC), config.getInt(ServiceConfig.BATCH_SIZE),
                config.getLong(ServiceConfig.BATCH_MAX_WAIT_MS), config.getInt(ServiceConfig.MAX_FACES));
    }
}
