package faceattr.search;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.image.ImageLoader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The search index as its own Kafka Streams client beside the tagger ({@code application.id} + {@value #APP_SUFFIX},
 * {@code application.server} = this instance's HTTP address): each instance indexes the output-topic partitions it
 * is assigned, and finds the others' through Kafka Streams' metadata.
 */
public final class SearchService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchService.class);
    public static final String APP_SUFFIX = "-search";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalIndexes local;
    private final AttributeDictionary dictionary;
    private final String outputTopic;
    private final int partitions;
    private final boolean thumbnails;
    private final List<ConfluentAvroSerde<?>> serdes;
    private final String token;

    private SearchService(KafkaStreams streams, HostInfo self, LocalIndexes local, AttributeDictionary dictionary,
                          String outputTopic, int partitions, boolean thumbnails, List<ConfluentAvroSerde<?>> serdes,
                          String token) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.dictionary = dictionary;
        this.outputTopic = outputTopic;
        this.partitions = partitions;
        this.thumbnails = thumbnails;
        this.serdes = serdes;
        this.token = token;
    }

    /**
     * Builds and starts the index for {@code config} ({@code search.thumbnails}, {@code search.token}, topics);
     * {@code advertised} is this instance's HTTP {@code host:port} as other instances reach it.
     */
    public static SearchService start(ServiceConfig config, String advertised, List<String> modelAttributes)
            throws Exception {
        String output = config.get(ServiceConfig.OUTPUT_TOPIC);
        String input = config.get(ServiceConfig.INPUT_TOPIC);
        boolean thumbnails = config.getBoolean(ServiceConfig.SEARCH_THUMBNAILS);
        int partitions = checkPartitions(config, output, input, thumbnails);
        Map<String, Object> serdeConfig = config.serdeProperties();
        ConfluentAvroSerde<FaceAttributes> attributes = AvroSerdes.forValue(FaceAttributes.class, serdeConfig);
        ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class, serdeConfig);
        AttributeDictionary dictionary = new AttributeDictionary(modelAttributes);
        LocalIndexes local = new LocalIndexes();
        var topology = SearchTopology.build(output, input, dictionary, attributes.deserializer(), local,
                thumbnails ? new Thumbnails(ImageLoader.fromConfig(config, events.deserializer())) : null);
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(ServiceConfig.APPLICATION_ID) + APP_SUFFIX);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> log.info("search index {} -> {}", before, now));
        SearchService service = new SearchService(streams, HostInfo.buildFromEndpoint(advertised), local, dictionary,
                output, partitions, thumbnails, List.of(attributes, events), config.get(ServiceConfig.SEARCH_TOKEN));
        streams.start();
        log.info("search index on {} ({} partitions, thumbnails {}), answering at {}", output, partitions,
                thumbnails ? "on" : "off", advertised);
        return service;
    }

    /**
     * For {@code serve}: when {@code search.enabled}, starts the index and mounts the API and gallery on {@code http};
     * null otherwise. Other instances reach this one at {@code application.server} when set, else at
     * {@code http.host} (localhost when it is a wildcard) and the bound port.
     */
    public static SearchService startIfEnabled(ServiceConfig config, faceattr.http.HttpEndpoints http,
                                               List<String> modelAttributes) throws Exception {
        if (!config.getBoolean(ServiceConfig.SEARCH_ENABLED)) {
            return null;
        }
        if (http == null) {
            throw new IllegalArgumentException("search.enabled needs the HTTP endpoints (http.port >= 0)");
        }
        String host = config.get(ServiceConfig.HTTP_HOST);
        String advertised = config.get(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
        if (advertised.isEmpty()) {
            advertised = (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + http.port();
        }
        SearchService search = start(config, advertised, modelAttributes);
        SearchHttp.mount(http, search);
        return search;
    }

    /** Thumbnails are kept by the task of the output partition: the two topics must be partitioned alike. */
    private static int checkPartitions(ServiceConfig config, String output, String input, boolean thumbnails)
            throws Exception {
        try (Admin admin = Admin.create(config.clientProperties())) {
            var topics = admin.describeTopics(thumbnails ? List.of(output, input) : List.of(output))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            int n = topics.get(output).partitions().size();
            if (thumbnails && topics.get(input).partitions().size() != n) {
                throw new IllegalStateException("search.thumbnails needs " + input + " and " + output
                        + " to have the same number of partitions (" + topics.get(input).partitions().size()
                        + " vs " + n + ")");
            }
            return n;
        }
    }

    /** Waits until the index is RUNNING (restored); false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public HostInfo self() {
        return self;
    }

    public LocalIndexes local() {
        return local;
    }

    public AttributeDictionary dictionary() {
        return dictionary;
    }

    public boolean thumbnails() {
        return thumbnails;
    }

    /** The bearer token the API requires, empty for none. */
    String token() {
        return token;
    }

    /** The partition count of the output topic. */
    public int partitions() {
        return partitions;
    }

    /** The instances holding the index and, per instance, how many output partitions it holds. */
    public Collection<StreamsMetadata> instances() {
        return streams.streamsMetadataForStore(SearchTopology.INDEX_STORE);
    }

    /** How many output partitions the instances hold together (less than {@link #partitions()} while moving). */
    public int partitionsAssigned() {
        return (int) instances().stream().flatMap(m -> m.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(outputTopic)).distinct().count();
    }

    /** Which instance and partition hold {@code imageId}; empty while that is not known. */
    public Optional<KeyQueryMetadata> ownerOf(String imageId) {
        KeyQueryMetadata m = streams.queryMetadataForKey(SearchTopology.INDEX_STORE, imageId, new StringSerializer());
        return m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) ? Optional.empty() : Optional.of(m);
    }

    /** The thumbnail of an image held here, if there is one. */
    public Optional<byte[]> localThumbnail(String imageId, int partition) {
        if (!thumbnails) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                SearchTopology.THUMBNAIL_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                .withPartition(partition));
        return Optional.ofNullable(store.get(imageId));
    }

    /**
     * The indexes of the output partitions this instance is active for. Standby tasks ({@code num.standby.replicas})
     * keep indexes too, warm for a fail-over; they are never searched, or their images would count twice.
     */
    public List<PartitionIndex> activeIndexes() {
        List<PartitionIndex> active = new ArrayList<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(outputTopic))
                        .forEach(tp -> local.partition(tp.partition()).ifPresent(active::add))));
        return active;
    }

    /** Every image id of the active indexes here (for checks and tests). */
    public List<String> localImageIds() {
        List<String> ids = new ArrayList<>();
        activeIndexes().forEach(i -> ids.addAll(i.imageIds()));
        return ids;
    }

    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        serdes.forEach(ConfluentAvroSerde::closeWithClient);
    }
}
