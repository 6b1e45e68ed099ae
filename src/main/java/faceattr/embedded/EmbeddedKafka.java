package faceattr.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real one-node Kafka (KRaft, combined broker and controller) in this JVM, on 127.0.0.1: Kafka's own test kit
 * ({@link KafkaClusterTestKit}), configured for one node (replication factor 1 for the offsets and transaction
 * logs, so exactly-once works) and warmed up with a produce/consume round trip before it is handed out.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    /**
     * The test kit pre-binds its own listener names to random wildcard ports; a listener of another name is bound
     * where its address says, which is how we get 127.0.0.1 and the requested port.
     */
    private static final String LISTENER = "FACEATTR";
    /**
     * The controller's listener, likewise of our own name: the test kit pre-binds its {@code CONTROLLER} listener on
     * the wildcard address, which would expose the KRaft controller on every interface.
     */
    private static final String CONTROLLER_LISTENER = "FACEATTR_CONTROLLER";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        var broker = cluster.brokers().values().iterator().next();
        int port = broker.boundPort(org.apache.kafka.common.network.ListenerName.normalised(LISTENER));
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /**
     * Starts a broker listening on 127.0.0.1:{@code port}, or on a free port when that one is taken (or is 0).
     */
    public static EmbeddedKafka start(int port) throws Exception {
        int bindPort = port > 0 && isFree(port) ? port : 0;
        if (port > 0 && bindPort == 0) {
            log.info("port {} is taken; the embedded broker takes a free port", port);
        }
        int controllerPort = freeLoopbackPort();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setPerServerProperties(Map.of(0, Map.of(
                        "listeners", LISTENER + "://127.0.0.1:" + bindPort + "," + CONTROLLER_LISTENER
                                + "://127.0.0.1:" + controllerPort,
                        "advertised.listeners", LISTENER + "://127.0.0.1:" + bindPort,
                        "listener.security.protocol.map", LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER
                                + ":PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "controller.listener.names", CONTROLLER_LISTENER,
                        "controller.quorum.voters", "0@127.0.0.1:" + controllerPort,
                        "inter.broker.listener.name", LISTENER)))
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("default.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE))
                .setDeleteOnClose(true)
                .build();
        try {
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            closeUnusedPreboundSockets(cluster);
            EmbeddedKafka kafka = new EmbeddedKafka(cluster);
            kafka.warmUp();
            log.info("embedded Kafka ready at {}", kafka.bootstrapServers());
            return kafka;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The test kit's storage formatter prints to stdout, which belongs to the demo's results. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream out = System.out;
        synchronized (System.class) {
            System.setOut(System.err);
            try {
                cluster.format();
            } finally {
                System.setOut(out);
            }
        }
    }

    /**
     * The test kit opens its pre-bound listener sockets (on the wildcard address) while it builds the node
     * configuration; with our own listener names the servers never take them, and they would stay listening on every
     * interface until close. Close them now. The kit has no API for this, hence reflection; a kit that no longer has
     * these fields fails here loudly (and the loopback test fails), rather than exposing the broker.
     */
    private static void closeUnusedPreboundSockets(KafkaClusterTestKit cluster) throws Exception {
        Object manager = field(cluster, "socketFactoryManager");
        synchronized (manager) {
            @SuppressWarnings("unchecked")
            Map<Integer, Map<String, java.nio.channels.ServerSocketChannel>> sockets =
                    (Map<Integer, Map<String, java.nio.channels.ServerSocketChannel>>) field(manager, "sockets");
            @SuppressWarnings("unchecked")
            Map<Integer, java.util.Set<String>> used = (Map<Integer, java.util.Set<String>>) field(manager,
                    "usedSockets");
            for (var node : sockets.entrySet()) {
                for (var listener : node.getValue().entrySet()) {
                    if (!used.getOrDefault(node.getKey(), java.util.Set.of()).contains(listener.getKey())) {
                        listener.getValue().close();
                        log.debug("closed the test kit's unused wildcard socket for {}", listener.getKey());
                    }
                }
            }
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        var f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Creates the topics that do not exist yet, with replication factor 1. */
    public void createTopics(int partitions, String... topics) throws InterruptedException, ExecutionException {
        List<NewTopic> toCreate = new ArrayList<>();
        for (String t : topics) {
            toCreate.add(new NewTopic(t, partitions, (short) 1));
        }
        createTopics(toCreate);
    }

    public void createTopics(Collection<NewTopic> topics) throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * A created topic's partitions may not have a leader yet; a producer that writes at once gets
     * NOT_LEADER_OR_FOLLOWER and, with idempotence, can end up retrying a batch until its delivery timeout.
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after 30 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * {@code waitForReadyBrokers} does not mean the group coordinator serves yet; a committed round trip through a
     * consumer group does (the same check as Kafka Streams' own EmbeddedKafkaCluster).
     */
    private void warmUp() throws Exception {
        String topic = "__faceattr-warmup";
        createTopics(1, topic);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "up")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "faceattr-warmup",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int seen = 0;
            while (seen == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded Kafka did not serve a consumer group within 60 s");
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                seen += records.count();
            }
            consumer.commitSync();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
