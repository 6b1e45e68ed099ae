package faceattr.service;

import faceattr.embedded.EmbeddedKafka;

import java.util.concurrent.CountDownLatch;

/**
 * A one-node KRaft broker in a process of its own, so that {@link BrokerOutageTest} can freeze it (SIGSTOP) and
 * thaw it (SIGCONT) like a broker that stops answering. Prints {@code bootstrap.servers=HOST:PORT} on stdout; stops
 * cleanly on SIGTERM.
 */
public final class BrokerProcessMain {
    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(0);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "broker-shutdown"));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
