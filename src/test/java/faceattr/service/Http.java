package faceattr.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs on loopback for the endpoint tests. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send(port, path, "GET");
    }

    static HttpResponse<String> send(int port, String path, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first sample line {@code name{labels} value} whose name and labels match exactly. */
    static double sample(String exposition, String seriesWithLabels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(seriesWithLabels + " ")) {
                return Double.parseDouble(line.substring(seriesWithLabels.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + seriesWithLabels + " in:\n" + exposition);
    }
}
