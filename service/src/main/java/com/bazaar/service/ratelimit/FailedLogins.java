package com.bazaar.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Failed logins remembered per user name and per client address, each key under its own {@link LoginPenalty}.
 * A record is dropped once its penalty has decayed away, or when more than {@code maxKeys} are kept.
 */
public class FailedLogins {
    /** What a failure did: the lock it started, if any, and how many failures the key has. */
    public record Penalty(int failures, Optional<Duration> lock) {
    }

    private final Keyed users;
    private final Keyed clients;

    public FailedLogins(LoginPenalty perUser, LoginPenalty perClient, long maxKeys, Clock clock) {
        this.users = new Keyed(perUser, maxKeys, clock);
        this.clients = new Keyed(perClient, maxKeys, clock);
    }

    /** How long a login as {@code user} (null: none given) from {@code client} is still refused. */
    public Optional<Duration> refusal(String user, String client) {
        return longer(clients.refusal(client), user == null ? Optional.empty() : users.refusal(user));
    }

    /** Records a failed login as {@code user} (null: unreadable credentials) from {@code client}. */
    public Penalty failed(String user, String client) {
        Penalty byClient = clients.failed(client);
        if (user == null) {
            return byClient;
        }
        Penalty byUser = users.failed(user);
        return new Penalty(Math.max(byUser.failures(), byClient.failures()), longer(byClient.lock(), byUser.lock()));
    }

    /** A correct password for {@code user} forgives that name's failures (not the client's: it may be guessing others). */
    public void succeeded(String user) {
        users.records.invalidate(user);
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    private static final class Keyed {
        final LoginPenalty penalty;
        final Clock clock;
        final Cache<String, LoginPenalty.Failures> records;

        Keyed(LoginPenalty penalty, long maxKeys, Clock clock) {
            this.penalty = penalty;
            this.clock = clock;
            this.records = Caffeine.newBuilder().maximumSize(maxKeys)
                    .expireAfter(Expiry.<String, LoginPenalty.Failures>writing((key, failures) ->
                            Duration.between(clock.instant(), penalty.forgottenAt(failures))))
                    .build();
        }

        Optional<Duration> refusal(String key) {
            return penalty.refusal(records.getIfPresent(key), clock.instant());
        }

        Penalty failed(String key) {
            var now = clock.instant();
            LoginPenalty.Failures after = records.asMap().compute(key, (k, before) -> penalty.afterFailure(before, now));
            return new Penalty(after.count(), penalty.refusal(after, now));
        }
    }
}
