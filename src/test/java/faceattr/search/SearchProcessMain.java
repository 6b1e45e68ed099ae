package faceattr.search;

import faceattr.config.ServiceConfig;
import faceattr.data.Attributes;
import faceattr.http.HttpEndpoints;
import faceattr.http.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.CountDownLatch;

/**
 * The search index alone in a process of its own (no model), for {@link SearchKillTest} to SIGKILL: args are
 * bootstrap servers, registry URL, HTTP port and state directory. Prints {@code search-ready} once it answers.
 */
public final class SearchProcessMain {
    private SearchProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceConfig config = ServiceConfig.builder()
                .set(ServiceConfig.APPLICATION_ID, "search-kill-test")
                .set(ServiceConfig.BOOTSTRAP_SERVERS, args[0])
                .set(ServiceConfig.SCHEMA_REGISTRY_URL, args[1])
                .set(ServiceConfig.SEARCH_ENABLED, true)
                .set("state.dir", args[3])
                .set("commit.interval.ms", 500)
                .set("session.timeout.ms", 6000)
                .set("heartbeat.interval.ms", 1000)
                .build();
        HttpEndpoints http = HttpEndpoints.start("127.0.0.1", Integer.parseInt(args[2]),
                () -> new Readiness(true, "search only"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        SearchService search = SearchService.start(config, "127.0.0.1:" + http.port(), Attributes.NAMES);
        SearchHttp.mount(http, search);
        System.out.println("search-ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
