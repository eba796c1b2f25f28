package com.bazaar.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.queue.QueueConfiguration;
import com.bazaar.testing.SharedTestStack;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The embedded queue takes the calls `./bazaar up` makes unsigned and without MD5 checks (SQS_SIGN_REQUESTS=false). */
class UnsignedQueueCallsIT {
    private static final String QUEUE = "unsigned-calls-test.fifo";

    @Test
    void unsignedSendsOfTheServicesClientAreReceivedAndDeletedUnsigned() throws Exception {
        SharedTestStack stack = SharedTestStack.start(() -> { });
        try (var admin = stack.queue().client()) {
            admin.createQueue(r -> r.queueName(QUEUE).attributesWithStrings(Map.of("FifoQueue", "true")));
        }
        var config = new QueueConfiguration();
        config.setEndpoint(stack.queue().endpoint());
        config.setSignRequests(false);
        assertThat(config.isSignedUnlessOnLoopback()).isTrue();
        var lifecycle = new LifecycleEnvironment(new MetricRegistry());
        var sync = config.buildClient(lifecycle);
        var async = config.buildSendClient(lifecycle);
        String url = sync.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
        String body = "{\"unsigned\": \"" + UUID.randomUUID() + "\"}";

        async.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("g")
                .messageDeduplicationId(UUID.randomUUID().toString())).get();
        Message received = sync.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages().get(0);
        sync.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.receiptHandle()));

        assertThat(received.body()).isEqualTo(body);
        assertThat(sync.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(0)).messages()).isEmpty();
        async.close();
        sync.close();
    }
}
