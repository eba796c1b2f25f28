package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Fixtures;
import com.bazaar.testing.Ledger;
import com.bazaar.testing.Movements;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Stopping the worker (SIGTERM) while a batch is inside its transaction: the stop waits, the batch commits and
 * its message is deleted, so nothing comes back to be applied again and nothing is lost.
 */
class GracefulStopIT {
    static final String QUEUE_NAME = "graceful-stop-test.fifo";
    /** Started and stopped by the test itself. */
    static final DropwizardAppExtension<WorkerConfiguration> WORKER =
            WorkerTestApp.extensionOnQueues(QUEUE_NAME, "graceful-stop-test-dlq.fifo");
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, QUEUE_NAME);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }


    static long messagesOnTheQueue() {
        var attributes = SQS.getQueueAttributes(r -> r.queueUrl(QUEUE).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void stoppingDuringABatchFinishesItBeforeTheProcessEnds() throws Exception {
        long store = Fixtures.store(DB, "Graceful");
        long product = Fixtures.product(DB, "Graceful");
        // The batch's ledger insert for this store sleeps, so the stop arrives while the transaction is open.
        DB.useHandle(h -> h.execute("""
                CREATE FUNCTION slow_store_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.store_id = %1$d THEN
                        PERFORM pg_sleep(3);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER slow_store_%1$d BEFORE INSERT ON stock_movements
                    FOR EACH ROW EXECUTE FUNCTION slow_store_%1$d();
                """.formatted(store)));
        try {
            WORKER.before();
            UUID movementId = UUID.randomUUID();
            WorkerTestApp.send(SQS, QUEUE, Movements.in(product, 6).id(movementId).at(store).message(), store + ":" + product);
            await().atMost(Duration.ofSeconds(30)).until(() -> DB.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'").mapTo(Long.class).one()) > 0);

            long stopping = System.nanoTime();
            WORKER.after();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

            assertThat(stopTook).as("the stop waited for the transaction").isGreaterThan(Duration.ofSeconds(1));
            assertThat(Ledger.rows(DB, movementId)).isEqualTo(1);
            assertThat(Ledger.level(DB, store, product)).isEqualTo(6);
            assertThat(messagesOnTheQueue()).as("deleted after the commit, before the process ended").isZero();
        } finally {
            DB.useHandle(h -> h.execute("DROP TRIGGER slow_store_%1$d ON stock_movements; DROP FUNCTION slow_store_%1$d();"
                    .formatted(store)));
        }
    }
}
