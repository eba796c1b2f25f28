package com.bazaar.service.replica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.replica.ReplicaRouting.Route;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplicaRoutingTest {
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final Duration MAX_LAG = Duration.ofSeconds(5);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    static Route decide(ReplicaProbe probe) {
        return ReplicaRouting.decide(probe, NOW, MAX_LAG, INTERVAL);
    }

    /** A streaming standby, probed just now, behind by {@code seconds} of WAL still to replay. */
    static ReplicaProbe behind(double seconds) {
        return new ReplicaProbe(NOW, null, true, true, false, seconds);
    }

    @Test
    void aStandbyWithinTheBoundIsUsed() {
        Route route = decide(behind(4.9));

        assertThat(route.useReplica()).isTrue();
        assertThat(route.reason()).isEqualTo("streaming, 4.9 s behind the primary (bound 5.0 s)");
    }

    @Test
    void aStandbyBeyondTheBoundIsBypassed() {
        Route route = decide(behind(5.1));

        assertThat(route.useReplica()).isFalse();
        assertThat(route.reason()).isEqualTo(
                "bypassed, reads go to the primary: lagging 5.1 s behind the primary, over the bound of 5.0 s");
    }

    @Test
    void aQuietPrimaryIsNoLag() {
        // Nothing received is left to replay: the last commit replayed an hour ago only says nobody wrote since.
        ReplicaProbe quiet = new ReplicaProbe(NOW, null, true, true, true, 3600.0);

        assertThat(quiet.lag()).contains(Duration.ZERO);
        assertThat(decide(quiet).useReplica()).isTrue();
    }

    @Test
    void walToReplayBeforeAnyReplayedCommitIsAnUnknownLag() {
        ReplicaProbe probe = new ReplicaProbe(NOW, null, true, true, false, null);

        assertThat(probe.lag()).isEmpty();
        assertThat(decide(probe).useReplica()).isFalse();
    }

    @Test
    void anUnreachableReplicaIsBypassedWithTheError() {
        Route route = decide(ReplicaProbe.failed(NOW, "Connection refused"));

        assertThat(route.useReplica()).isFalse();
        assertThat(route.reason()).endsWith("unreachable: Connection refused");
    }

    @Test
    void aDatabaseThatIsNotAStandbyIsBypassed() {
        assertThat(decide(new ReplicaProbe(NOW, null, false, false, true, null)).reason())
                .contains("not a standby");
    }

    @Test
    void aStandbyCutOffFromItsPrimaryIsBypassed() {
        // Caught up with what it received, but it receives nothing: it cannot tell how stale it is.
        assertThat(decide(new ReplicaProbe(NOW, null, true, false, true, 0.5)).reason())
                .contains("not receiving WAL from the primary");
    }

    @Test
    void noProbeYetOrAStaleProbeIsNoEvidence() {
        assertThat(decide(null).useReplica()).isFalse();

        ReplicaProbe old = new ReplicaProbe(NOW.minusSeconds(4), null, true, true, true, 0.0);
        assertThat(decide(old).useReplica()).isFalse();
        assertThat(decide(old).reason()).endsWith("no answer to the probe for 4.0 s");
        assertThat(decide(new ReplicaProbe(NOW.minusSeconds(3), null, true, true, true, 0.0)).useReplica()).isTrue();
    }
}
