package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loopback only: an allowed server on 127.0.0.1 and a listener on 127.0.0.2 that must never see a connection. */
class ImageFetcherTest {
    private static final byte[] PNG = TestImages.png(TestImages.quadrants(32, 32));
    private static final int MAX_BYTES = 1000;

    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static ServerSocket forbidden;
    private static String base;
    private static String forbiddenBase;
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startServers() throws IOException {
        forbidden = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        forbidden.setSoTimeout(200);
        forbiddenBase = "http://127.0.0.2:" + forbidden.getLocalPort();

        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        route("/img.png", ex -> send(ex, 200, "image/png", PNG, true));
        route("/redirect-local", ex -> redirect(ex, "/img.png"));
        route("/redirect-twice", ex -> redirect(ex, base + "/redirect-local"));
        route("/redirect-away", ex -> redirect(ex, forbiddenBase + "/img.png"));
        route("/redirect-file", ex -> redirect(ex, "file:///etc/passwd"));
        route("/loop", ex -> redirect(ex, "/loop"));
        route("/missing", ex -> send(ex, 404, "text/plain", "no".getBytes(), true));
        route("/big", ex -> send(ex, 200, "image/png", new byte[MAX_BYTES + 1], true));
        route("/big-chunked", ex -> send(ex, 200, "image/png", new byte[MAX_BYTES * 3], false));
        route("/slow-headers", ex -> {
            awaitRelease();
            send(ex, 200, "image/png", PNG, true);
        });
        route("/slow-body", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(PNG, 0, 16);
            out.flush();
            awaitRelease();
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        RELEASE_SLOW.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        forbidden.close();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void route(String path, Handler handler) {
        server.createContext(path, ex -> {
            HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            handler.handle(ex);
        });
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean withLength)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, withLength ? body.length : 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGaveUp) {
            // the fetcher stops reading over the limit; that is the point
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void awaitRelease() {
        try {
            RELEASE_SLOW.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Generous time limit: a loaded test machine must not turn a good fetch into a timeout. */
    private static ImageFetcher httpFetcher() {
        return httpFetcher(10_000);
    }

    private static ImageFetcher httpFetcher(long timeoutMs) {
        return new ImageFetcher(new UriPolicy(List.of(), List.of("127.0.0.1:" + server.getAddress().getPort()),
                timeoutMs, 2, MAX_BYTES));
    }

    private static RejectedInputException refused(ReasonCode expected, ImageFetcher fetcher, String uri) {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> fetcher.fetch(uri), uri);
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }

    /** Nothing reached the 127.0.0.2 listener: an attempted connection would be waiting in its backlog. */
    private static void assertForbiddenHostNeverContacted() throws IOException {
        try (Socket s = forbidden.accept()) {
            throw new AssertionError("127.0.0.2 was contacted from " + s.getRemoteSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nothing in the backlog
        }
    }

    // ---- http ----

    @Test
    void theForbiddenListenerWouldNoticeAConnection() throws IOException {
        try (Socket probe = new Socket(InetAddress.getByName("127.0.0.2"), forbidden.getLocalPort())) {
            assertThrows(AssertionError.class, ImageFetcherTest::assertForbiddenHostNeverContacted);
        }
    }

    @Test
    void fetchesFromAnAllowedHostFollowingAllowedRedirects() throws Exception {
        FetchedImage direct = httpFetcher().fetch(base + "/img.png");
        assertArrayEquals(PNG, direct.bytes());
        assertEquals("image/png", direct.contentType());
        FetchedImage redirected = httpFetcher().fetch(base + "/redirect-twice?token=abc");
        assertArrayEquals(PNG, redirected.bytes());
        assertEquals("/img.png", redirected.uri().getPath());
        assertEquals(32, new ImageDecoder(ImageLimits.defaults()).decode(redirected.bytes(),
                redirected.contentType()).getWidth());
    }

    @Test
    void refusesAHostNotOnTheAllowListWithoutConnecting() throws IOException {
        RejectedInputException e = refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(),
                forbiddenBase + "/img.png?X-Amz-Signature=SECRET123");
        assertFalse(e.getMessage().contains("SECRET123"), "query (credentials) leaked: " + e.getMessage());
        assertForbiddenHostNeverContacted();
    }

    @Test
    void allowListIsExactHostAndPort() {
        int port = server.getAddress().getPort();
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), "http://localhost:" + port + "/img.png");
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), "http://127.0.0.1/img.png");
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1) + "/");
    }

    @Test
    void rechecksEveryRedirectHopAgainstTheAllowList() throws IOException {
        int before = HITS.getOrDefault("/redirect-away", new AtomicInteger()).get();
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), base + "/redirect-away");
        assertEquals(before + 1, HITS.get("/redirect-away").get());
        assertForbiddenHostNeverContacted();
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), base + "/redirect-file");
    }

    @Test
    void limitsTheNumberOfRedirects() {
        refused(ReasonCode.FETCH_FAILED, httpFetcher(), base + "/loop");
        ImageFetcher noRedirects = new ImageFetcher(new UriPolicy(List.of(),
                List.of("127.0.0.1:" + server.getAddress().getPort()), 10_000, 0, MAX_BYTES));
        refused(ReasonCode.FETCH_FAILED, noRedirects, base + "/redirect-local");
    }

    @Test
    void refusesBodiesOverTheLimitWhetherDeclaredOrStreamed() {
        refused(ReasonCode.TOO_LARGE, httpFetcher(), base + "/big");
        refused(ReasonCode.TOO_LARGE, httpFetcher(), base + "/big-chunked");
    }

    @Test
    void httpErrorsAreFetchFailures() {
        refused(ReasonCode.FETCH_FAILED, httpFetcher(), base + "/missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/slow-headers", "/slow-body"})
    void slowServersTimeOut(String path) {
        Executable fetch = () -> {
            RejectedInputException e = refused(ReasonCode.FETCH_FAILED, httpFetcher(300), base + path);
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        };
        // a generous bound on the test itself, not a timing assertion: the fetch limit is 300 ms
        assertTimeoutPreemptively(Duration.ofSeconds(20), fetch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/a.png", "jar:file:///x.jar!/a.png", "data:image/png;base64,iVBOR",
            "gopher://127.0.0.1/", "mailto:someone@example.invalid", "netdoc:///etc/passwd"})
    void refusesOtherSchemes(String uri) {
        refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "relative/path.png", "http://bad host/x", "//127.0.0.1/no-scheme.png"})
    void malformedOrRelativeUrisAreInvalidEvents(String uri) {
        refused(ReasonCode.INVALID_EVENT, httpFetcher(), uri);
    }

    @Test
    void refusesCredentialsInUrisWithoutEchoingThem() {
        int port = server.getAddress().getPort();
        RejectedInputException e = refused(ReasonCode.URI_NOT_ALLOWED, httpFetcher(),
                "http://user:hunter2@127.0.0.1:" + port + "/img.png");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void fetchesNothingByDefault(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.png"), PNG);
        ImageFetcher deny = new ImageFetcher(UriPolicy.fromConfig(Map.of()));
        refused(ReasonCode.URI_NOT_ALLOWED, deny, file.toUri().toString());
        refused(ReasonCode.URI_NOT_ALLOWED, deny, base + "/img.png");
        refused(ReasonCode.URI_NOT_ALLOWED, new ImageFetcher(UriPolicy.denyAll()), base + "/img.png");
    }

    // ---- file ----

    @Test
    void readsFilesUnderAnAllowedRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/sub"));
        Path file = Files.write(root.resolve("a.png"), PNG);
        Files.createSymbolicLink(dir.resolve("root/inside-link.png"), file);
        ImageFetcher fetcher = fileFetcher(dir.resolve("root"));
        assertArrayEquals(PNG, fetcher.fetch(file.toUri().toString()).bytes());
        assertArrayEquals(PNG, fetcher.fetch(dir.resolve("root/inside-link.png").toUri().toString()).bytes());
        assertArrayEquals(PNG, fetcher.fetch("file://" + dir.resolve("root") + "/./sub/a.png").bytes());
    }

    @Test
    void aSymlinkFromOneRootIntoAnotherIsAllowed(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.write(b.resolve("x.png"), PNG);
        Files.createSymbolicLink(a.resolve("to-b.png"), b.resolve("x.png"));
        ImageFetcher fetcher = new ImageFetcher(new UriPolicy(List.of(a, b, dir.resolve("not-there")), List.of(),
                2000, 0, MAX_BYTES));
        assertArrayEquals(PNG, fetcher.fetch(a.resolve("to-b.png").toUri().toString()).bytes());
        assertArrayEquals(PNG, fileFetcher(b).fetch(b.resolve("x.png").toUri().toString()).bytes());
        refused(ReasonCode.URI_NOT_ALLOWED, fileFetcher(a), a.resolve("to-b.png").toUri().toString());
    }

    @Test
    void aRootThatIsItselfASymlinkWorks(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.write(real.resolve("a.png"), PNG);
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertArrayEquals(PNG, fileFetcher(link).fetch(link.resolve("a.png").toUri().toString()).bytes());
    }

    @Test
    void refusesDotDotEscapes(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(Files.createDirectories(dir.resolve("outside")).resolve("secret.png"), PNG);
        ImageFetcher fetcher = fileFetcher(root);
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, "file://" + root + "/../outside/secret.png");
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, "file://" + root + "/%2e%2e/outside/secret.png");
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, "file://" + root + "/sub/../../outside/secret.png");
    }

    @Test
    void refusesSymlinkEscapes(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.write(outside.resolve("secret.png"), PNG);
        Files.createSymbolicLink(root.resolve("link.png"), secret);
        Files.createSymbolicLink(root.resolve("linked-dir"), outside);
        ImageFetcher fetcher = fileFetcher(root);
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, root.resolve("link.png").toUri().toString());
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, root.resolve("linked-dir/secret.png").toUri().toString());
    }

    @Test
    void refusesFilesOutsideEveryRootIncludingLookalikeSiblings(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path sibling = Files.createDirectories(dir.resolve("root-evil"));
        Files.write(sibling.resolve("a.png"), PNG);
        ImageFetcher fetcher = fileFetcher(root);
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, sibling.resolve("a.png").toUri().toString());
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, "file:///etc/passwd");
        refused(ReasonCode.URI_NOT_ALLOWED, fetcher, "file://otherhost" + root + "/a.png");
    }

    @Test
    void missingFilesDirectoriesAndOversizedFiles(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("a-directory"));
        Files.write(root.resolve("big.png"), new byte[MAX_BYTES + 1]);
        ImageFetcher fetcher = fileFetcher(root);
        refused(ReasonCode.FETCH_FAILED, fetcher, root.resolve("missing.png").toUri().toString());
        refused(ReasonCode.FETCH_FAILED, fetcher, root.resolve("a-directory").toUri().toString());
        refused(ReasonCode.TOO_LARGE, fetcher, root.resolve("big.png").toUri().toString());
    }

    @Test
    void policyFromKafkaStyleConfig(@TempDir Path dir) {
        UriPolicy policy = UriPolicy.fromConfig(Map.of(UriPolicy.ALLOWED_ROOTS_CONFIG, dir + " , /srv/images",
                UriPolicy.ALLOWED_HOSTS_CONFIG, "Images.Example.COM, 127.0.0.1:8080", UriPolicy.MAX_REDIRECTS_CONFIG, "1"));
        assertEquals(List.of(dir.toAbsolutePath().normalize(), Path.of("/srv/images")), policy.allowedRoots());
        assertEquals(List.of("images.example.com", "127.0.0.1:8080"), policy.allowedHosts());
        assertEquals(1, policy.maxRedirects());
        assertEquals(UriPolicy.DEFAULT_FETCH_TIMEOUT_MS, policy.fetchTimeoutMs());
        assertEquals(ImageLimits.DEFAULT_MAX_BYTES, policy.maxBytes());
        assertEquals(5000, UriPolicy.fromConfig(Map.of(ImageLimits.MAX_BYTES_CONFIG, "5000")).maxBytes());
        assertEquals(700, UriPolicy.fromConfig(Map.of(ImageLimits.MAX_BYTES_CONFIG, "5000",
                UriPolicy.MAX_BYTES_CONFIG, 700)).maxBytes());
        assertThrows(IllegalArgumentException.class,
                () -> UriPolicy.fromConfig(Map.of(UriPolicy.ALLOWED_HOSTS_CONFIG, "http://host/path")));
        assertThrows(IllegalArgumentException.class,
                () -> UriPolicy.fromConfig(Map.of(UriPolicy.FETCH_TIMEOUT_MS_CONFIG, "0")));
    }

    private static ImageFetcher fileFetcher(Path root) {
        return new ImageFetcher(new UriPolicy(List.of(root), List.of(), 2000, 0, MAX_BYTES));
    }
}
