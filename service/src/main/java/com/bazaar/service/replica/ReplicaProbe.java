package com.bazaar.service.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one probe of the replica saw.
 *
 * @param error                       why the replica could not be asked; null when it answered
 * @param inRecovery                  {@code pg_is_in_recovery()}: a standby, not a database of its own
 * @param receiving                   a WAL receiver runs: it is connected to its primary
 * @param caughtUp                    it has replayed all the WAL it received
 * @param secondsSinceReplayedCommit  {@code now() - pg_last_xact_replay_timestamp()}, null before any replay
 */
public record ReplicaProbe(Instant at, String error, boolean inRecovery, boolean receiving, boolean caughtUp,
                           Double secondsSinceReplayedCommit) {

    public static ReplicaProbe failed(Instant at, String error) {
        return new ReplicaProbe(at, error, false, false, false, null);
    }

    /**
     * Zero when nothing received is left to replay: a quiet primary sends no commits, and the time since the last
     * one is then no lag. Otherwise the age of the last commit replayed. Empty when it cannot be told.
     */
    public Optional<Duration> lag() {
        if (error != null) {
            return Optional.empty();
        }
        if (caughtUp) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.ofNullable(secondsSinceReplayedCommit)
                .map(seconds -> Duration.ofNanos(Math.round(Math.max(0, seconds) * 1e9)));
    }
}
