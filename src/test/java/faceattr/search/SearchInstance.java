package faceattr.search;

import faceattr.config.ServiceConfig;
import faceattr.data.Attributes;
import faceattr.http.HttpEndpoints;
import faceattr.http.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Test helper: one search instance (HTTP endpoints + index) in this JVM, and GETs against it. */
final class SearchInstance implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final HttpEndpoints http;
    final SearchService search;
    private final String token;

    private SearchInstance(HttpEndpoints http, SearchService search, String token) {
        this.http = http;
        this.search = search;
        this.token = token;
    }

    static ServiceConfig config(String bootstrap, Path stateDir, String token, Map<String, String> more) {
        return ServiceConfig.builder()
                .set(ServiceConfig.APPLICATION_ID, "search-test")
                .set(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap)
                .set(ServiceConfig.SCHEMA_REGISTRY_URL, "mock://search-test")
                .set(ServiceConfig.SEARCH_ENABLED, true)
                .set(ServiceConfig.SEARCH_THUMBNAILS, true)
                .set(ServiceConfig.SEARCH_TOKEN, token)
                .set("state.dir", stateDir.toString())
                .set("commit.interval.ms", 200)
                .set("session.timeout.ms", 6000)
                .set("heartbeat.interval.ms", 1000)
                .setAll(more)
                .build();
    }

    static SearchInstance start(ServiceConfig config) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, () -> new Readiness(true, "test"), registry);
        SearchService search = SearchService.start(config, "127.0.0.1:" + http.port(), Attributes.NAMES);
        SearchHttp.mount(http, search);
        return new SearchInstance(http, search, config.get(ServiceConfig.SEARCH_TOKEN));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, token.isEmpty() ? null : "Bearer " + token);
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).GET();
        if (!token.isEmpty()) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        search.close();
        http.close();
    }
}
