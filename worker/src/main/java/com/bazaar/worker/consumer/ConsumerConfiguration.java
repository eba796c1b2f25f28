package com.bazaar.worker.consumer;

import com.bazaar.worker.Doubling;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How the worker drains the queue: the {@code worker.consumer} block of config.yml. */
public class ConsumerConfiguration {
    /** The longest long poll SQS allows. */
    static final int LONGEST_WAIT_SECONDS = 20;

    @Min(1)
    @Max(64)
    private int threads = 16;

    /**
     * How many messages one thread takes off the queue for one transaction (in receives of ten): more per
     * transaction means fewer commits per movement, but a longer hold on the levels it locks.
     */
    @Min(1)
    @Max(100)
    private int messagesPerTransaction = 50;

    /**
     * Long polling: how long one receive waits for messages (SQS allows up to 20 s). 0 polls instead, pausing
     * between empty receives ({@link #idlePauseMillis}): what the embedded queue needs, whose long-poll bookkeeping
     * makes every send cost the whole backlog while a receive waits (docs/EMBEDDED-QUEUE.md).
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = LONGEST_WAIT_SECONDS, unit = TimeUnit.SECONDS)
    private Duration waitTime = Duration.seconds(LONGEST_WAIT_SECONDS);

    /**
     * With a {@code waitTime} of 0 (short polling), the longest a thread that keeps finding the queue empty waits
     * before it asks again; see {@link #idlePauseMillis}.
     */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 20, unit = TimeUnit.SECONDS)
    private Duration maxIdlePause = Duration.milliseconds(500);

    /**
     * With a {@code waitTime} of 0 (short polling), how long the one receiving thread waits in a receive once the queue
     * has stayed empty for it long enough to reach {@link #maxIdlePause}: a long poll, so that an idle worker asks the
     * queue a few times a minute rather than twice a second; a send during it is answered at once. 0 keeps polling.
     * See {@link #receiveWait}.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = LONGEST_WAIT_SECONDS, unit = TimeUnit.SECONDS)
    private Duration idleWaitTime = Duration.seconds(5);

    /**
     * How long a thread whose receive found a partial batch waits before taking more, so that a worker keeping up
     * commits full transactions rather than one per movement ({@link BatchingRule}): a little lag for a fraction
     * of the commits. 0 applies what each receive found at once.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration linger = Duration.milliseconds(50);

    /** How long a received message stays hidden from other consumers while its batch is applied. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 12, unit = TimeUnit.HOURS)
    private Duration visibilityTimeout = Duration.seconds(30);

    /** The first pause after a failure; each further failure doubles it, up to {@link #maxRetryBackoff}. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration retryBackoff = Duration.seconds(1);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 12, unit = TimeUnit.HOURS)
    private Duration maxRetryBackoff = Duration.seconds(60);

    /**
     * The pause before the next receive of a thread whose last {@code emptyReceives} receives in a row found nothing:
     * none when long polling (the receive itself waited) or after a receive that found messages; when short polling,
     * 10 ms after the first empty receive, doubling up to {@code maxIdlePause}.
     */
    public long idlePauseMillis(int emptyReceives) {
        if (waitTime.toNanoseconds() > 0 || emptyReceives == 0) {
            return 0;
        }
        return Doubling.step(10, emptyReceives, maxIdlePause.toMilliseconds());
    }

    /**
     * How long the next receive of a thread waits, given its {@code emptyReceives} in a row and how many threads
     * receive: {@code waitTime} when long polling; when short polling, {@code idleWaitTime} for a lone thread whose
     * pause between polls has reached {@code maxIdlePause} (about a second of an empty queue), else 0. Short polls
     * are kept while a backlog exists: the embedded queue's cost per send grows with its backlog while a receive waits.
     */
    public java.time.Duration receiveWait(int emptyReceives, int activeThreads) {
        if (waitTime.toNanoseconds() > 0) {
            return waitTime.toJavaDuration();
        }
        boolean idle = activeThreads == 1 && idlePauseMillis(emptyReceives) >= maxIdlePause.toMilliseconds();
        return idle ? idleWaitTime.toJavaDuration() : java.time.Duration.ZERO;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public int getMessagesPerTransaction() {
        return messagesPerTransaction;
    }

    public void setMessagesPerTransaction(int messagesPerTransaction) {
        this.messagesPerTransaction = messagesPerTransaction;
    }

    public Duration getWaitTime() {
        return waitTime;
    }

    public void setWaitTime(Duration waitTime) {
        this.waitTime = waitTime;
    }

    public Duration getMaxIdlePause() {
        return maxIdlePause;
    }

    public void setMaxIdlePause(Duration maxIdlePause) {
        this.maxIdlePause = maxIdlePause;
    }

    public Duration getIdleWaitTime() {
        return idleWaitTime;
    }

    public void setIdleWaitTime(Duration idleWaitTime) {
        this.idleWaitTime = idleWaitTime;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public Duration getVisibilityTimeout() {
        return visibilityTimeout;
    }

    public void setVisibilityTimeout(Duration visibilityTimeout) {
        this.visibilityTimeout = visibilityTimeout;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    /** The pause after the {@code attempt}-th failure in a row (1-based), in seconds. */
    public long backoffSeconds(int attempt) {
        return Doubling.step(retryBackoff.toSeconds(), attempt, maxRetryBackoff.toSeconds());
    }
}
