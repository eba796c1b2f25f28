package com.bazaar.worker.consumer;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The worker's consumer threads: each runs {@link QueueRound}s, one batch at a time (receive, apply in one
 * transaction, then delete, dead-letter or delay through the {@link MovementQueue}). How many of them receive, and
 * how long one lingers to fill a partial batch, is the {@link BatchingRule}'s; the others stand by. When the database
 * cannot take a batch (down, disk full: {@code Databases.isUnavailable}) the thread keeps that batch hidden on the
 * queue and tries it again with growing pauses, and no other thread receives meanwhile: SQS counts every receive
 * and moves a message to the dead-letter queue after a few, whatever the reason, so an outage must not spend them.
 * On stop it finishes the batches in hand.
 */
public class MovementConsumer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(MovementConsumer.class);

    private final QueueRound round;
    private final ConsumerConfiguration config;
    private final ExecutorService threads;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped;
    private final ThreadActivity activity;
    private final PauseSwitch pauseSwitch = new PauseSwitch();
    private final BatchingRule batching;
    private final ActiveThreads active;
    /** Threads holding a batch that the database could not take; while there are any, no thread receives. */
    private final AtomicInteger holdingForTheDatabase = new AtomicInteger();

    public MovementConsumer(MovementQueue queue, MessageApplier messages, ConsumerConfiguration config,
                            ExecutorService threads, MetricRegistry metrics) {
        this.round = new QueueRound(queue, messages, config, ConsumerMetrics.in(metrics));
        this.config = config;
        this.threads = threads;
        this.stopped = new CountDownLatch(config.getThreads());
        this.activity = new ThreadActivity(config.getThreads());
        this.batching = BatchingRule.of(config);
        this.active = new ActiveThreads(batching);
        metrics.gauge("bazaar.worker.consumer.active-threads", () -> active::count);
    }

    @Override
    public void start() {
        for (int i = 0; i < config.getThreads(); i++) {
            int thread = i;
            threads.execute(() -> consume(thread));
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopping.countDown();
        active.wakeAll();
        long grace = patience().toSeconds();
        if (!stopped.await(grace, TimeUnit.SECONDS)) {
            LOG.warn("Consumer threads still busy after {} s; their messages will be redelivered", grace);
        }
    }

    /**
     * Stops receiving (an operator's switch, e.g. for database maintenance) and waits for the receives and
     * batches in hand to finish.
     *
     * @return true once no thread holds messages; false if some still did after {@code patience}
     */
    public boolean pause(Duration patience) throws InterruptedException {
        return pauseSwitch.pause(patience);
    }

    /** How long a pause or a stop waits for the batches in hand: a whole long poll, then a whole visibility timeout. */
    public Duration patience() {
        long longestReceive = Math.max(config.getWaitTime().toSeconds(), config.getIdleWaitTime().toSeconds());
        return Duration.ofSeconds(longestReceive + config.getVisibilityTimeout().toSeconds());
    }

    public void resume() {
        pauseSwitch.resume();
    }

    public boolean isPaused() {
        return pauseSwitch.isPaused();
    }

    /** The threads that have not polled the queue within {@code bound}, each with what it is doing instead. */
    public List<String> stalledThreads(Duration bound) {
        return activity.stalled(bound);
    }

    /** When SQS received the oldest message of the latest batch taken off the queue; empty before the first. */
    public Optional<Instant> lastTakenSentAt() {
        return round.lastTakenSentAt();
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void consume(int thread) {
        int failures = 0;
        int emptyReceives = 0;
        Duration wait = Duration.ZERO;
        try {
            while (running()) {
                activity.polling(thread);
                if (!active.includes(thread)) {
                    activity.doing(thread, "standing by while fewer threads keep up");
                    standBy(thread);
                    continue;
                }
                if (holdingForTheDatabase.get() > 0) {
                    activity.doing(thread, "waiting for the database, which could not take a batch");
                    pause(1);
                    continue;
                }
                if (!pauseSwitch.mayPoll()) {
                    activity.doing(thread, "paused");
                    pause(1);
                    continue;
                }
                try {
                    try {
                        wait = config.receiveWait(emptyReceives, active.count());
                        emptyReceives = pollOnce(thread, wait) ? 0 : emptyReceives + 1;
                    } catch (DatabaseUnavailable e) {
                        holdUntilTaken(thread, e.held(), e.getMessage());
                    } finally {
                        pauseSwitch.settled();
                    }
                    failures = 0;
                    if (wait.isZero()) {
                        pauseMillis(config.idlePauseMillis(emptyReceives));
                    }
                } catch (RuntimeException e) {
                    failures++;
                    LOG.error("Consumer error; pausing {} s", config.backoffSeconds(failures), e);
                    activity.doing(thread, "backing off after " + e);
                    pause(config.backoffSeconds(failures));
                }
            }
        } finally {
            activity.doing(thread, "stopped");
            stopped.countDown();
        }
    }

    /** @return whether the receive found messages */
    private boolean pollOnce(int thread, Duration wait) {
        activity.doing(thread, wait.isZero() ? "receiving" : "waiting up to " + wait.toSeconds() + " s for messages");
        List<Message> messages = round.receive(wait);
        if (!messages.isEmpty()) {
            active.holding(thread);
        }
        long linger = batching.lingerMillis(messages.size());
        if (linger > 0) {
            activity.doing(thread, "lingering to fill a batch of " + messages.size());
            pauseMillis(linger);
            if (running()) {
                messages = round.receiveMore(messages);
            }
        }
        if (messages.isEmpty()) {
            active.afterBatch(thread, 0);
            return false;
        }
        activity.doing(thread, "handling a batch of " + messages.size());
        try {
            round.handle(messages);
        } finally {
            active.afterBatch(thread, messages.size());
        }
        return true;
    }

    /**
     * Tries a batch the database could not take again and again, with growing pauses, its messages kept hidden
     * meanwhile; gives them back to the queue on a stop or an operator's pause.
     */
    private void holdUntilTaken(int thread, List<Message> held, String why) {
        holdingForTheDatabase.incrementAndGet();
        try {
            for (int failures = 1; ; failures++) {
                long seconds = config.backoffSeconds(failures);
                LOG.warn("Database unavailable ({}); holding a batch of {} messages, trying it again in {} s", why,
                        held.size(), seconds);
                activity.doing(thread, "waiting for the database, which is unavailable, holding a batch of " + held.size());
                round.hold(held, seconds);
                if (!waitUnlessPausedOrStopping(seconds)) {
                    round.release(held);
                    return;
                }
                try {
                    round.handle(held);
                    return;
                } catch (DatabaseUnavailable stillDown) {
                    why = stillDown.getMessage();
                }
            }
        } finally {
            holdingForTheDatabase.decrementAndGet();
        }
    }

    /** @return false as soon as the consumer is stopping or paused by an operator */
    private boolean waitUnlessPausedOrStopping(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (running() && !pauseSwitch.isPaused()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return true;
            }
            pauseMillis(Math.min(left, 1000));
        }
        return false;
    }

    /** A standing-by thread still ticks now and then: liveness counts it, and a stop ends it. */
    private void standBy(int thread) {
        try {
            active.standBy(thread, TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    private void pause(long seconds) {
        pauseMillis(TimeUnit.SECONDS.toMillis(seconds));
    }

    private void pauseMillis(long millis) {
        if (millis == 0) {
            return;
        }
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
