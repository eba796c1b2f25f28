package com.bazaar.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the movement queue lives: real SQS by default, any SQS-compatible endpoint if set. */
public class QueueConfiguration {
    public static final String DEFAULT_QUEUE_NAME = "bazaar-stock-movements.fifo";
    public static final String DEFAULT_DEAD_LETTER_QUEUE_NAME = "bazaar-stock-movements-dlq.fifo";

    /** Null means the AWS endpoint of {@link #region}; set it for ElasticMQ or LocalStack. */
    private URI endpoint;

    @NotBlank
    private String region = "us-east-1";

    @NotBlank
    private String queueName = DEFAULT_QUEUE_NAME;

    @NotBlank
    private String deadLetterQueueName = DEFAULT_DEAD_LETTER_QUEUE_NAME;

    /**
     * How many SendMessageBatch calls of the service's single movements may be on the wire at once; a movement that
     * finds them all out waits for the next, with those that arrive meanwhile (up to ten a call).
     */
    @Min(1)
    @Max(64)
    private int sendCallsInFlight = 2;

    /**
     * False only for an endpoint that checks neither signatures nor transport (the embedded queue on loopback): calls
     * then go unsigned and without the MD5 checks of message bodies, work the SDK would otherwise do on every call
     * for a server that ignores it.
     */
    private boolean signRequests = true;

    /** How long an enqueue may take, retries included, before the request fails with 503. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration sendTimeout = Duration.seconds(5);

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getQueueName() {
        return queueName;
    }

    public void setQueueName(String queueName) {
        this.queueName = queueName;
    }

    public String getDeadLetterQueueName() {
        return deadLetterQueueName;
    }

    public void setDeadLetterQueueName(String deadLetterQueueName) {
        this.deadLetterQueueName = deadLetterQueueName;
    }

    public int getSendCallsInFlight() {
        return sendCallsInFlight;
    }

    public void setSendCallsInFlight(int sendCallsInFlight) {
        this.sendCallsInFlight = sendCallsInFlight;
    }

    /** Unsigned calls go only to a server on this machine: an endpoint elsewhere would refuse them, or worse, take them. */
    @JsonIgnore
    @ValidationMethod(message = "signRequests may be false only with an endpoint on loopback (the embedded queue)")
    public boolean isSignedUnlessOnLoopback() {
        if (signRequests) {
            return true;
        }
        if (endpoint == null || endpoint.getHost() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean isSignRequests() {
        return signRequests;
    }

    public void setSignRequests(boolean signRequests) {
        this.signRequests = signRequests;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    /** A synchronous client closed with the application. Credentials come from the AWS default chain. */
    public SqsClient buildClient(LifecycleEnvironment lifecycle) {
        var builder = SqsClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (!signRequests) {
            builder.credentialsProvider(AnonymousCredentialsProvider.create()).checksumValidationEnabled(false);
        }
        SqsClient client = builder.build();
        lifecycle.manage(new AutoCloseableManager(client));
        return client;
    }

    /**
     * An asynchronous (Netty) client for sends, whose calls are bounded by {@link #sendTimeout}; closed with the
     * application.
     */
    public SqsAsyncClient buildSendClient(LifecycleEnvironment lifecycle) {
        var builder = SqsAsyncClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(sendTimeout.toJavaDuration()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (!signRequests) {
            builder.credentialsProvider(AnonymousCredentialsProvider.create()).checksumValidationEnabled(false);
        }
        SqsAsyncClient client = builder.build();
        lifecycle.manage(new AutoCloseableManager(client));
        return client;
    }
}
