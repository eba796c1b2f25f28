package com.bazaar.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Fixtures;
import com.bazaar.testing.Ledger;
import com.bazaar.testing.Movements;
import com.bazaar.worker.WorkerConfiguration;
import com.bazaar.worker.WorkerTestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * PostgreSQL out of disk while a backlog waits (a trigger raises SQLSTATE 53100, as PostgreSQL does when it cannot
 * extend a file): the worker keeps the batches it took hidden and tries them again, receives nothing more meanwhile,
 * and once the disk has room applies every movement once, with none on the dead-letter queue. Before, each retry was
 * a receive, and SQS moved a message to the dead-letter queue after five of them (docs/DURABILITY.md, "A full disk").
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DiskFullIT {
    static final String QUEUE_NAME = "disk-full-test.fifo";
    static final String DEAD_LETTER_QUEUE_NAME = "disk-full-test-dlq.fifo";
    static final int PRODUCTS = 10;
    static final int PER_PRODUCT = 10;
    /** Pauses of 1 and then 2 s: twenty seconds of a full disk are ten tries, twice the queue's five receives. */
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extensionOnQueues(
            QUEUE_NAME, DEAD_LETTER_QUEUE_NAME, ConfigOverride.config("worker.consumer.maxRetryBackoff", "2s"));
    static final Jdbi DB = ServiceTestApp.database();
    static final SqsClient SQS = WorkerTestApp.sqs();
    static final String QUEUE = WorkerTestApp.queueUrl(SQS, QUEUE_NAME);
    static final String DEAD_LETTERS = WorkerTestApp.queueUrl(SQS, DEAD_LETTER_QUEUE_NAME);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }


    static long messages(String queue) {
        var attributes = SQS.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static long ledgerRows(long store) {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM stock_movements WHERE store_id = :store")
                .bind("store", store).mapTo(Long.class).one());
    }

    static long received() {
        return WORKER.getEnvironment().metrics().meter("bazaar.worker.messages.received").getCount();
    }

    @Test
    void aFullDiskSpendsNoReceiveAndEveryMovementIsAppliedOnceItHasRoom() throws Exception {
        long store = Fixtures.store(DB, "Disk full");
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(Fixtures.product(DB, "Disk full"));
        }
        DB.useHandle(h -> h.execute("""
                CREATE FUNCTION full_disk_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.store_id = %1$d THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device (test)' USING ERRCODE = 'disk_full';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER full_disk_%1$d BEFORE INSERT ON stock_movements
                    FOR EACH ROW EXECUTE FUNCTION full_disk_%1$d();
                """.formatted(store)));
        boolean triggerInPlace = true;
        try {
            long receivedBefore = received();
            for (int round = 0; round < PER_PRODUCT; round++) {
                for (long product : products) {
                    WorkerTestApp.send(SQS, QUEUE, Movements.in(product, 1).at(store).message(), store + ":" + product);
                }
            }
            int sent = PRODUCTS * PER_PRODUCT;
            await().atMost(Duration.ofSeconds(30)).until(() -> received() - receivedBefore > 0);

            Thread.sleep(Duration.ofSeconds(20).toMillis());

            assertThat(messages(DEAD_LETTERS)).as("dead-lettered while the disk was full").isZero();
            assertThat(messages(QUEUE)).as("still on the queue, none applied").isEqualTo(sent);
            assertThat(received() - receivedBefore).as("each message received at most once during the outage")
                    .isBetween(1L, (long) sent);
            assertThat(ledgerRows(store)).isZero();

            DB.useHandle(h -> h.execute("DROP TRIGGER full_disk_%1$d ON stock_movements; DROP FUNCTION full_disk_%1$d();"
                    .formatted(store)));
            triggerInPlace = false;

            await().atMost(Duration.ofSeconds(60)).until(() -> messages(QUEUE) == 0);
            for (long product : products) {
                assertThat(Ledger.level(DB, store, product)).isEqualTo(PER_PRODUCT);
            }
            assertThat(ledgerRows(store)).isEqualTo(sent);
            assertThat(messages(DEAD_LETTERS)).isZero();
        } finally {
            if (triggerInPlace) {
                DB.useHandle(h -> h.execute("DROP TRIGGER full_disk_%1$d ON stock_movements; DROP FUNCTION full_disk_%1$d();"
                        .formatted(store)));
            }
        }
    }
}
