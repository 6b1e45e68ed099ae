package faceattr.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images log JSON lines through deploy/logback-json.xml: the Dockerfiles copy it and point logback at it, and
 * the file, loaded by logback itself, turns an event into one JSON object with message, level, MDC, key-value pairs
 * and the exception.
 */
class ContainerLoggingTest {
    private static final Path CONFIG = Path.of("deploy", "logback-json.xml");

    @Test
    void bothImagesSelectTheJsonConfiguration() throws Exception {
        for (String name : List.of("Dockerfile", "Dockerfile.cuda")) {
            Dockerfile runtime = Dockerfile.parse(Path.of("deploy", name)).runtimeStage();
            String options = runtime.env().get("JAVA_TOOL_OPTIONS");
            assertTrue(options.contains("-Dlogback.configurationFile=/app/logback-json.xml"), name + ": " + options);
            assertTrue(runtime.all("COPY").contains("deploy/logback-json.xml /app/logback-json.xml"), name);
            assertTrue(Files.readAllLines(Path.of("deploy", name + ".dockerignore")).contains("!deploy/logback-json.xml"),
                    name + ": the file is in the build context");
        }
    }

    @Test
    void anEventBecomesOneJsonLineWithItsRecordCoordinates() throws Exception {
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(CONFIG.toFile());
            List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).toList();
            assertEquals(List.of(), errors, "logback accepts every element of the file");
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            @SuppressWarnings("unchecked")
            OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("JSON");
            assertEquals(Level.INFO, context.getLogger("faceattr.stream.BatchingTagProcessor").getEffectiveLevel());

            Logger logger = context.getLogger("faceattr.stream.BatchingTagProcessor");
            LoggingEvent event = new LoggingEvent("faceattr.Test", logger, Level.WARN,
                    "dead letter {}-{}@{}: {}", new IllegalStateException("truncated PNG"),
                    new Object[] {"images", 3, 1234L, "CORRUPT_IMAGE"});
            event.setMDCPropertyMap(Map.of("record.id", "img-42"));
            event.addKeyValuePair(new KeyValuePair("offset", 1234L));
            String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

            assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line per event");
            JsonNode json = new ObjectMapper().readTree(line);
            assertEquals("WARN", json.path("level").asText());
            assertEquals("faceattr.stream.BatchingTagProcessor", json.path("loggerName").asText());
            assertEquals("dead letter images-3@1234: CORRUPT_IMAGE", json.path("formattedMessage").asText());
            assertEquals("img-42", json.path("mdc").path("record.id").asText());
            assertEquals("1234", json.path("kvpList").get(0).path("offset").asText());
            assertEquals("truncated PNG", json.path("throwable").path("message").asText());
        } finally {
            context.stop();
        }
    }
}
