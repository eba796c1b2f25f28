package com.bazaar.service.http;

import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tls} block: Dropwizard's HTTPS connector for the application port, on when it names a key store
 * (TLS_KEYSTORE). Then the plain HTTP connectors are dropped unless {@code keepHttp}, and HTTPS answers carry
 * {@code Strict-Transport-Security} for {@code hstsMaxAge}.
 */
public class TlsConfiguration {
    private boolean keepHttp;

    @NotNull
    private Duration hstsMaxAge = Duration.days(365);

    /** Not {@code @Valid}: its checks demand a key store even while TLS is off; {@link #isKeyStoreUsable} stands in. */
    @NotNull
    private HttpsConnectorFactory connector = new HttpsConnectorFactory();

    @ValidationMethod(message = "TLS_KEYSTORE needs TLS_KEYSTORE_PASSWORD")
    public boolean isKeyStoreUsable() {
        return !isEnabled() || (connector.getKeyStorePassword() != null && !connector.getKeyStorePassword().isEmpty());
    }

    public boolean isEnabled() {
        return connector.getKeyStorePath() != null && !connector.getKeyStorePath().isBlank();
    }

    /** The application connectors to serve instead of {@code configured}: unchanged while TLS is off. */
    public List<ConnectorFactory> applicationConnectors(List<ConnectorFactory> configured) {
        if (!isEnabled()) {
            return configured;
        }
        List<ConnectorFactory> connectors = new ArrayList<>(keepHttp ? configured : List.of());
        connectors.add(0, connector);
        return connectors;
    }

    public boolean isKeepHttp() {
        return keepHttp;
    }

    public void setKeepHttp(boolean keepHttp) {
        this.keepHttp = keepHttp;
    }

    public Duration getHstsMaxAge() {
        return hstsMaxAge;
    }

    public void setHstsMaxAge(Duration hstsMaxAge) {
        this.hstsMaxAge = hstsMaxAge;
    }

    public HttpsConnectorFactory getConnector() {
        return connector;
    }

    public void setConnector(HttpsConnectorFactory connector) {
        this.connector = connector;
    }
}
