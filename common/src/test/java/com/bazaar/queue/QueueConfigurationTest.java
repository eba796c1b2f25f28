package com.bazaar.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class QueueConfigurationTest {

    @Test
    void callsAreSignedByDefaultWhereverTheQueueIs() {
        var queue = new QueueConfiguration();
        assertThat(queue.isSignRequests()).isTrue();
        assertThat(queue.isSignedUnlessOnLoopback()).isTrue();
    }

    @Test
    void unsignedCallsAreAllowedOnlyToAnEndpointOnLoopback() {
        assertThat(unsignedTo("http://127.0.0.1:9324").isSignedUnlessOnLoopback()).isTrue();
        assertThat(unsignedTo("http://localhost:9324").isSignedUnlessOnLoopback()).isTrue();
        assertThat(unsignedTo("http://[::1]:9324").isSignedUnlessOnLoopback()).isTrue();
        assertThat(unsignedTo("http://10.0.0.5:9324").isSignedUnlessOnLoopback()).isFalse();
        assertThat(unsignedTo("https://sqs.eu-west-1.amazonaws.com").isSignedUnlessOnLoopback()).isFalse();
        assertThat(unsignedTo(null).isSignedUnlessOnLoopback()).as("no endpoint: AWS itself").isFalse();
    }

    private static QueueConfiguration unsignedTo(String endpoint) {
        var queue = new QueueConfiguration();
        queue.setEndpoint(endpoint == null ? null : URI.create(endpoint));
        queue.setSignRequests(false);
        return queue;
    }
}
