package faceattr.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers for the whole cluster from any instance: searches its own partitions, asks every other instance that
 * holds index partitions (found through Kafka Streams' metadata) for its local page with {@code scope=local}, and
 * merges. Single images go to the instance that holds their partition. When some partition is not held by a running
 * instance, or an instance does not answer, the answer is a {@link SearchUnavailableException}, never a partial one.
 */
public final class ClusterSearch {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SearchService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ClusterSearch(SearchService service) {
        this.service = service;
    }

    /** This instance's partitions only. */
    public SearchPage local(SearchQuery query) throws SearchUnavailableException {
        requireRunning();
        List<SearchPage> pages = new ArrayList<>();
        for (PartitionIndex index : service.activeIndexes()) {
            pages.add(index.search(query));
        }
        return PageMerger.merge(pages, query.limit(), service.dictionary());
    }

    /** The whole index: local pages and the other instances' pages, merged. */
    public SearchPage cluster(SearchQuery query, Map<String, String> params, String authorization)
            throws SearchUnavailableException {
        requireRunning();
        List<StreamsMetadata> instances = List.copyOf(service.instances());
        if (service.partitionsAssigned() < service.partitions()) {
            throw new SearchUnavailableException("INDEX_NOT_READY", "the index partitions are moving between"
                    + " instances (" + service.partitionsAssigned() + " of " + service.partitions()
                    + " assigned); retry shortly");
        }
        List<SearchPage> pages = new ArrayList<>();
        for (StreamsMetadata m : instances) {
            if (m.hostInfo().equals(service.self())) {
                pages.add(local(query));
            } else {
                pages.add(remotePage(m.hostInfo(), params, authorization));
            }
        }
        return PageMerger.merge(pages, query.limit(), service.dictionary());
    }

    private void requireRunning() throws SearchUnavailableException {
        KafkaStreams.State s = service.state();
        if (s != KafkaStreams.State.RUNNING) {
            throw new SearchUnavailableException("INDEX_NOT_READY", "the search index is not ready (" + s
                    + "); retry shortly");
        }
    }

    private SearchPage remotePage(HostInfo host, Map<String, String> params, String authorization)
            throws SearchUnavailableException {
        Map<String, String> local = new LinkedHashMap<>(params);
        local.put("scope", "local");
        String query = local.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Map<?, ?> body = get(host, "/search?" + query, authorization).orElseThrow(() ->
                new SearchUnavailableException("INSTANCE_UNAVAILABLE", "instance " + host + " has no search"));
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (Object h : (List<?>) body.get("hits")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> hit = (Map<String, Object>) h;
            hits.add(new SearchPage.Hit((String) hit.get("imageId"), ((BigDecimal) hit.get("score")).doubleValue(),
                    hit, null));
        }
        Map<String, Long> facets = new LinkedHashMap<>();
        ((Map<?, ?>) body.get("facets")).forEach((k, v) -> facets.put((String) k, ((Number) v).longValue()));
        return new SearchPage(((Number) body.get("total")).longValue(), facets, hits,
                ((Number) body.get("remaining")).longValue());
    }

    /** The indexed record of {@code imageId} as JSON, wherever it is held; empty when unknown. */
    public Optional<Map<String, Object>> image(String imageId, boolean localOnly, String authorization)
            throws SearchUnavailableException {
        requireRunning();
        if (localOnly) {
            return localImage(imageId).map(i -> ImageJson.record(i, service.dictionary()));
        }
        KeyQueryMetadata owner = owner(imageId);
        if (owner.activeHost().equals(service.self())) {
            return localImage(imageId).map(i -> ImageJson.record(i, service.dictionary()));
        }
        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> remote = (Optional<Map<String, Object>>) (Optional<?>) get(owner.activeHost(),
                "/images/" + URLEncoder.encode(imageId, StandardCharsets.UTF_8).replace("+", "%20") + "?scope=local",
                authorization);
        return remote;
    }

    /** The thumbnail of an indexed image held by this instance; empty when unknown or without a thumbnail. */
    public Optional<byte[]> localThumbnail(String imageId) throws SearchUnavailableException {
        requireRunning();
        KeyQueryMetadata owner = owner(imageId);
        if (localImage(imageId).isEmpty()) {
            return Optional.empty();
        }
        return service.localThumbnail(imageId, owner.partition());
    }

    /** The instance to ask for an image's thumbnail, or empty when it is this one. */
    public Optional<HostInfo> thumbnailHost(String imageId) throws SearchUnavailableException {
        requireRunning();
        HostInfo host = owner(imageId).activeHost();
        return host.equals(service.self()) ? Optional.empty() : Optional.of(host);
    }

    /** Fetches {@code path} from another instance: its status and body. */
    HttpResponse<byte[]> relay(HostInfo host, String path, String authorization) throws SearchUnavailableException {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                    + path)).timeout(TIMEOUT).GET();
            if (authorization != null) {
                r.header("Authorization", authorization);
            }
            return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SearchUnavailableException("INSTANCE_UNAVAILABLE", "instance " + host + " did not answer: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SearchUnavailableException("INSTANCE_UNAVAILABLE", "interrupted asking " + host);
        }
    }

    private Optional<Map<?, ?>> get(HostInfo host, String path, String authorization)
            throws SearchUnavailableException {
        HttpResponse<byte[]> r = relay(host, path, authorization);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new SearchUnavailableException("INSTANCE_UNAVAILABLE", "instance " + host + " answered "
                    + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        try {
            return Optional.of(JSON.readValue(r.body(), Map.class));
        } catch (IOException e) {
            throw new SearchUnavailableException("INSTANCE_UNAVAILABLE", "instance " + host
                    + " answered something that is not JSON");
        }
    }

    private KeyQueryMetadata owner(String imageId) throws SearchUnavailableException {
        return service.ownerOf(imageId).orElseThrow(() -> new SearchUnavailableException("INDEX_NOT_READY",
                "which instance holds " + imageId + " is not known yet; retry shortly"));
    }

    private Optional<IndexedImage> localImage(String imageId) {
        for (PartitionIndex index : service.activeIndexes()) {
            Optional<IndexedImage> i = index.get(imageId);
            if (i.isPresent()) {
                return i;
            }
        }
        return Optional.empty();
    }
}
