package com.bazaar.queue;

import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the movement queue lives: real SQS by default, any SQS-compatible endpoint if set. */
public class QueueConfiguration {
    /** Null means the AWS endpoint of {@link #region}; set it for ElasticMQ or LocalStack. */
    private URI endpoint;

    @NotBlank
    private String region = "us-east-1";

    @NotBlank
    private String queueName = "bazaar-stock-movements.fifo";

    @NotBlank
    private String deadLetterQueueName = "bazaar-stock-movements-dlq.fifo";

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

    /** A synchronous client closed with the application. Credentials come from the AWS default chain. */
    public SqsClient buildClient(LifecycleEnvironment lifecycle) {
        var builder = SqsClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        SqsClient client = builder.build();
        lifecycle.manage(new AutoCloseableManager(client));
        return client;
    }
}
