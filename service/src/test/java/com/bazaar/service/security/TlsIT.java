package com.bazaar.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS with a self-signed certificate made by the JDK's keytool, as {@code ./bazaar up --tls} makes it: the
 * handshake with the certificate trusted (curl --cacert), HSTS, no plain HTTP connector, and a client that does
 * not trust the certificate refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TlsIT {
    static final String KEYSTORE_PASSWORD = "ks-" + UUID.randomUUID();
    static final Path DIR = devCertificate();
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("tls.connector.keyStorePath", DIR.resolve("dev.p12").toString()),
            ConfigOverride.config("tls.connector.keyStorePassword", KEYSTORE_PASSWORD),
            ConfigOverride.config("tls.connector.port", "0"));

    /** The same keytool commands as {@code ./bazaar up --tls}. */
    static Path devCertificate() {
        try {
            Path dir = Files.createTempDirectory("bazaar-tls");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "bazaar", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", dir.resolve("dev.p12").toString(), "-storepass", KEYSTORE_PASSWORD);
            run(keytool, "-exportcert", "-rfc", "-alias", "bazaar", "-keystore", dir.resolve("dev.p12").toString(),
                    "-storepass", KEYSTORE_PASSWORD, "-file", dir.resolve("dev-cert.pem").toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", List.of(command).subList(0, 2)) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client that trusts exactly the exported PEM certificate. */
    static HttpClient trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(DIR.resolve("dev-cert.pem"))) {
            trusted.setCertificateEntry("bazaar", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    static HttpRequest products() {
        String password = ServiceTestApp.password(ServiceTestApp.ADMIN);
        return HttpRequest.newBuilder(URI.create("https://localhost:" + APP.getLocalPort() + "/products"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ServiceTestApp.ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void theApplicationPortSpeaksHttpsWithHsts() throws Exception {
        HttpResponse<String> response = trusting().send(products(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).doesNotContain(KEYSTORE_PASSWORD);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(products(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsOffOnTheApplicationPort() {
        var server = APP.getEnvironment().getApplicationContext().getServer();
        int adminPort = APP.getAdminPort();
        var applicationConnectors = List.of(server.getConnectors()).stream()
                .map(ServerConnector.class::cast).filter(c -> c.getLocalPort() != adminPort).toList();

        // the one left is the port the handshake test speaks HTTPS to
        assertThat(applicationConnectors).singleElement()
                .satisfies(connector -> assertThat(connector.getLocalPort()).isEqualTo(APP.getLocalPort()));
    }
}
