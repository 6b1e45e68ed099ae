package faceattr.embedded;

import faceattr.avro.InMemorySchemaRegistry;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A schema registry in this process, served over HTTP(S) with the Confluent REST API so that unmodified Confluent
 * clients (Java, Python, kcat) can use it. The registry logic is {@link InMemorySchemaRegistry}, the same as behind
 * {@code mock://} URLs. Binds to 127.0.0.1 unless told otherwise; optional basic auth and TLS.
 *
 * <pre>
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().port(8081).fallbackToFreePort(true).start()) {
 *     String url = registry.url();   // http://127.0.0.1:8081
 * }
 * </pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final InMemorySchemaRegistry registry;
    private final RegistryHttpHandler handler;
    private final String url;

    private EmbeddedSchemaRegistry(Builder builder) throws IOException {
        this.registry = builder.registry != null ? builder.registry : new InMemorySchemaRegistry();
        this.server = bind(builder);
        this.handler = new RegistryHttpHandler(registry, builder.username, builder.password);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(builder.threads, runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        String host = builder.host.contains(":") ? "[" + builder.host + "]" : builder.host;
        this.url = (builder.sslContext != null ? "https" : "http") + "://" + host + ":" + server.getAddress().getPort();
        LOG.info("Schema registry serving the Confluent REST API at {}{}", url,
                builder.username != null ? " (basic auth required)" : "");
    }

    private static HttpServer bind(Builder builder) throws IOException {
        try {
            return create(builder, builder.port);
        } catch (BindException e) {
            if (!builder.fallbackToFreePort || builder.port == 0) {
                throw e;
            }
            LOG.info("Port {} on {} is taken; the schema registry uses a free port instead", builder.port, builder.host);
            return create(builder, 0);
        }
    }

    private static HttpServer create(Builder builder, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(builder.host, port);
        if (builder.sslContext == null) {
            return HttpServer.create(address, 0);
        }
        HttpsServer https = HttpsServer.create(address, 0);
        boolean requireClientCertificate = builder.requireClientCertificate;
        https.setHttpsConfigurator(new HttpsConfigurator(builder.sslContext) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(requireClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        return https;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain-HTTP registry on 127.0.0.1 at the port (0: a free one), with an empty store. */
    public static EmbeddedSchemaRegistry start(int port) {
        return builder().port(port).start();
    }

    /** The base URL for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The store behind the REST API, for in-process access (e.g. setting compatibility levels in tests). */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** HTTP requests answered so far, refused ones included. */
    public long requestsServed() {
        return handler.requestsServed();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Schema registry at {} stopped", url);
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private boolean fallbackToFreePort;
        private InMemorySchemaRegistry registry;
        private String username;
        private String password;
        private SSLContext sslContext;
        private boolean requireClientCertificate;
        private int threads = 4;

        private Builder() {
        }

        /** The address to bind; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** When the port is taken, bind a free one instead of failing. */
        public Builder fallbackToFreePort(boolean fallback) {
            this.fallbackToFreePort = fallback;
            return this;
        }

        /** Serve this store (e.g. a {@code MockSchemaRegistry} scope) instead of a new empty one. */
        public Builder registry(InMemorySchemaRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Require HTTP basic auth with these credentials on every request. */
        public Builder basicAuth(String username, String password) {
            if (username == null || username.isEmpty() || username.contains(":") || password == null) {
                throw new IllegalArgumentException("basic auth needs a non-empty user name without ':' and a password");
            }
            this.username = username;
            this.password = password;
            return this;
        }

        /** Serve HTTPS with this context (its key manager holds the server certificate). */
        public Builder tls(SSLContext sslContext) {
            return tls(sslContext, false);
        }

        /**
         * Serve HTTPS; with {@code requireClientCertificate}, only clients presenting a certificate that the
         * context's trust manager accepts are served (mutual TLS).
         */
        public Builder tls(SSLContext sslContext, boolean requireClientCertificate) {
            this.sslContext = sslContext;
            this.requireClientCertificate = requireClientCertificate;
            return this;
        }

        /** Request-handling threads; default 4. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        public EmbeddedSchemaRegistry start() {
            try {
                return new EmbeddedSchemaRegistry(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the schema registry on " + host + ":" + port, e);
            }
        }
    }
}
