package faceattr.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real service ({@code faceattr.cli.Main serve --config FILE}, the bundled model unless the file names another)
 * as a child JVM on the test JVM's class path, its output in a log file: for the process-level tests.
 */
final class ServeProcess {
    /** The real command-line entry point, named rather than imported (nothing outside cli depends on cli). */
    private static final String MAIN = "faceattr.cli.Main";

    private final Process process;
    private final Path log;
    private final String name;

    private ServeProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /**
     * Starts {@code serve --config config}, output (stdout and stderr) to {@code log}; no FACEATTR_* variables. It
     * logs through the service's own {@code logback.xml}, not the tests' configuration.
     */
    static ServeProcess launch(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logging = Path.of("src", "main", "resources", "logback.xml").toAbsolutePath().toString();
        // the test JVM's class path: target/classes (the service and its bundled model), then every dependency
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"), MAIN,
                "serve", "--config", config.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FACEATTR_"));
        return new ServeProcess(pb.start(), log, log.getFileName().toString());
    }

    Process process() {
        return process;
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM; the exit status, or -1 when the process is still alive after {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until {@code /readyz} answers 200 on {@code port}; fails with the log's tail if it exits first. */
    void awaitReady(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail(log()));
            }
            try {
                if (Http.get(port, "/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the process is still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never became ready:\n" + tail(log()));
    }

    /** The configuration lines every process test starts from: the broker, registry, loopback HTTP, small batches. */
    static List<String> baseConfig(String bootstrap, String registryUrl, int httpPort, Path stateDir) {
        return List.of(
                "bootstrap.servers=" + bootstrap,
                "schema.registry.url=" + registryUrl,
                "http.host=127.0.0.1",
                "http.port=" + httpPort,
                "state.dir=" + stateDir,
                "batch.size=4",
                "batch.max.wait.ms=200");
    }

    static String tail(String text) {
        return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
