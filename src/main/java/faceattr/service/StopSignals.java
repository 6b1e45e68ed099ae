package faceattr.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIGTERM and SIGINT start the graceful stop instead of the JVM's exit. The JVM's default handler would begin its
 * shutdown at once and end the process with status 128 + signal (143, 130) however the stop went; here the stop runs
 * and the caller exits with its own status ({@link ServiceHost#run}: 0 for a clean stop). The shutdown hook stays
 * installed for every other way out ({@code System.exit}, SIGHUP). {@link #close()} puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals() {
    }

    static StopSignals install(ShutdownCoordinator shutdown) {
        StopSignals installed = new StopSignals();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                // the handler runs on the JVM's signal thread: the (long) stop gets a thread of its own
                installed.previous.put(signal, Signal.handle(signal, s -> {
                    log.info("SIG{} received: stopping gracefully", s.getName());
                    new Thread(shutdown::shutdown, "faceattr-stop-on-sig" + s.getName()).start();
                }));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (run with -Xrs, say): its default applies, exit status 128 + signal
                log.info("SIG{} is left to the JVM: {}", name, e.getMessage());
            }
        }
        return installed;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
