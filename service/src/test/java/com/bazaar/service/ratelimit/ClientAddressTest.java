package com.bazaar.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress address = new ClientAddress(List.of("10.0.0.1", "10.0.0.2"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(address.of("203.0.113.9", null)).isEqualTo("203.0.113.9");
        assertThat(address.of("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheNearestHopThatIsNoProxy() {
        assertThat(address.of("10.0.0.1", "198.51.100.7")).isEqualTo("198.51.100.7");
        // the client may write anything at the left; only what the proxies appended counts
        assertThat(address.of("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2")).isEqualTo("198.51.100.7");
        assertThat(address.of("10.0.0.1", " 198.51.100.7 ")).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxyWithoutForwardingOrWithOnlyProxiesIsItsOwnClient() {
        assertThat(address.of("10.0.0.1", null)).isEqualTo("10.0.0.1");
        assertThat(address.of("10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.2");
    }
}
