package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.catalog.KnownIds;
import com.bazaar.db.WireNameEnums;
import com.bazaar.catalog.ProductDao;
import com.bazaar.catalog.StoreDao;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Movements;
import com.bazaar.worker.WorkerTestApp;
import com.bazaar.worker.ledger.LedgerWriter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A worker that dies after its commit and before its delete: the batch handler commits, nobody deletes,
 * SQS hands the same messages out again, and the second time round nothing changes. Runs on a queue of its
 * own, with no worker process competing for the messages.
 */
class MessageApplierIT {
    static final String QUEUE_NAME = "batch-handler-test.fifo";
    static final Jdbi DB = ServiceTestApp.database().installPlugin(new SqlObjectPlugin()).installPlugin(new Jackson2Plugin())
            .installPlugin(new WireNameEnums());
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE;

    static {
        ServiceTestApp.startStack().queue().createQueues(QUEUE_NAME, "batch-handler-test-dlq.fifo");
        QUEUE = WorkerTestApp.queueUrl(SQS, QUEUE_NAME);
    }

    final MessageApplier applier = new MessageApplier(new LedgerWriter(DB,
            new KnownIds(DB.onDemand(StoreDao.class)::exists), new KnownIds(DB.onDemand(ProductDao.class)::exists),
            false, Clock.systemUTC()), new MetricRegistry(), Clock.systemUTC());

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    @Test
    void aWorkerStoppedAfterCommitAndBeforeDeleteChangesNothingWhenTheMessagesComeBack() {
        long store = DB.onDemand(StoreDao.class).create("Crash store " + UUID.randomUUID(), null, "test").orElseThrow().id();
        long product = DB.onDemand(ProductDao.class).create("Crash product " + UUID.randomUUID(), null, "test").orElseThrow().id();
        String group = store + ":" + product;
        UUID movementId = UUID.randomUUID();
        WorkerTestApp.send(SQS, QUEUE, Movements.in(product, 5).id(movementId).at(store).message(), group);
        String withoutId = WorkerTestApp.send(SQS, QUEUE, Movements.out(product, 2).at(store).by("pos-terminal-7").message(), group);

        List<Message> first = receiveBoth(1);
        Disposition committed = applier.apply(first);
        assertThat(committed.delete()).hasSize(2);
        // ... and the worker dies here: no delete. The messages come back once their visibility times out.
        List<Message> again = receiveBoth(2);
        Disposition replayed = applier.apply(again);

        assertThat(replayed.delete()).hasSize(2);
        assertThat(replayed.retry()).isEmpty();
        assertThat(count("SELECT count(*) FROM stock_movements WHERE store_id = " + store)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM stock_movements WHERE movement_id = '" + withoutId + "'")).isEqualTo(1);
        assertThat(count("SELECT quantity FROM inventory_levels WHERE store_id = " + store)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM audit_logs WHERE entity_id IN ('%s', '%s')".formatted(movementId, withoutId)))
                .isEqualTo(2);
    }

    /** Receives the two messages of the test (hidden again for one second), on their {@code receive}-th delivery. */
    private List<Message> receiveBoth(int receive) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(SQS.receiveMessage(r -> r.queueUrl(QUEUE).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
            return received.size() >= 2;
        });
        assertThat(received).hasSize(2).allSatisfy(m -> assertThat(
                m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo(String.valueOf(receive)));
        return received;
    }

    private static long count(String sql) {
        return DB.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
