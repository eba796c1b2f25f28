package com.bazaar.worker.webhook;

import com.bazaar.worker.Doubling;
import java.time.Duration;
import java.time.Instant;

/**
 * When an event that failed is tried again: {@code first} after the first failure, doubling, at most {@code max}
 * apart; once it has failed for {@code failAfter} since its first failure the subscription gives up (turns failing).
 */
public record RetrySchedule(Duration first, Duration max, Duration failAfter) {

    /** What follows a failed attempt. */
    public sealed interface Next permits Retry, GiveUp {
    }

    public record Retry(Instant at) implements Next {
    }

    public record GiveUp() implements Next {
    }

    /**
     * @param attempts     the failed attempts of this event so far, this one included (1 after the first failure)
     * @param failingSince the time of its first failure
     */
    public Next afterFailure(int attempts, Instant failingSince, Instant now) {
        if (!now.isBefore(failingSince.plus(failAfter))) {
            return new GiveUp();
        }
        return new Retry(now.plus(delay(attempts)));
    }

    /** The wait after the {@code attempts}-th failure: first * 2^(attempts - 1), capped at max. */
    Duration delay(int attempts) {
        return Duration.ofMillis(Doubling.step(first.toMillis(), attempts, max.toMillis()));
    }
}
