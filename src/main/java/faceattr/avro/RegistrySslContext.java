package faceattr.avro;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import static faceattr.avro.SchemaRegistryClientConfig.*;

/** Builds the client's SSLContext from the schema.registry.ssl.* settings. */
final class RegistrySslContext {
    private RegistrySslContext() {
    }

    /** The context for the configured stores, or empty when none is configured (the JVM default applies). */
    static Optional<SSLContext> from(SchemaRegistryClientConfig config) {
        String truststore = config.getString(SSL_TRUSTSTORE_LOCATION);
        String keystore = config.getString(SSL_KEYSTORE_LOCATION);
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        try {
            TrustManager[] trustManagers = null;
            if (truststore != null) {
                KeyStore store = load(truststore, config.getString(SSL_TRUSTSTORE_TYPE),
                        config.getPassword(SSL_TRUSTSTORE_PASSWORD), SSL_TRUSTSTORE_LOCATION);
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trustManagers = factory.getTrustManagers();
            }
            KeyManager[] keyManagers = null;
            if (keystore != null) {
                Password storePassword = config.getPassword(SSL_KEYSTORE_PASSWORD);
                KeyStore store = load(keystore, config.getString(SSL_KEYSTORE_TYPE), storePassword, SSL_KEYSTORE_LOCATION);
                Password keyPassword = config.getPassword(SSL_KEY_PASSWORD);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, chars(keyPassword != null ? keyPassword : storePassword));
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password, String key) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Cannot load " + key + " " + location + " (type " + type + "): " + e.getMessage());
        }
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
