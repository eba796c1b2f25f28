package com.bazaar.service.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Failed logins remembered per (client address, user name), per user name and per client address alone, each key
 * under its own {@link LoginPenalty} (the pure decision; this class keeps the records and reads the clock). A login
 * is refused while any of its keys is locked. The registers of a store share one public address: one register's
 * wrong passwords lock its own (address, name), never a colleague's, and the address alone only locks at the far
 * higher count of a client trying many names. A record is dropped once its penalty has decayed away, or when more
 * than {@code maxKeys} are kept.
 */
public class FailedLogins {
    /** What a failure did: the lock it started, if any, and how many failures its most failed key has. */
    public record Penalty(int failures, Optional<Duration> lock) {
    }

    private record ClientAndUser(String client, String user) {
    }

    private final Keyed<ClientAndUser> clientAndUser;
    private final Keyed<String> users;
    private final Keyed<String> clients;

    public FailedLogins(LoginPenalty perClientAndUser, LoginPenalty perUser, LoginPenalty perClient, long maxKeys,
                        Clock clock) {
        this.clientAndUser = new Keyed<>(perClientAndUser, maxKeys, clock);
        this.users = new Keyed<>(perUser, maxKeys, clock);
        this.clients = new Keyed<>(perClient, maxKeys, clock);
    }

    /** How long a login as {@code user} (null: none given) from {@code client} is still refused. */
    public Optional<Duration> refusal(String user, String client) {
        Optional<Duration> byClient = clients.refusal(client);
        if (user == null) {
            return byClient;
        }
        return longest(Stream.of(byClient, users.refusal(user), clientAndUser.refusal(new ClientAndUser(client, user))));
    }

    /** Records a failed login as {@code user} (null: unreadable credentials, counted against the client) from {@code client}. */
    public Penalty failed(String user, String client) {
        Penalty byClient = clients.failed(client);
        if (user == null) {
            return byClient;
        }
        Penalty byUser = users.failed(user);
        Penalty byBoth = clientAndUser.failed(new ClientAndUser(client, user));
        int failures = Math.max(byBoth.failures(), Math.max(byUser.failures(), byClient.failures()));
        return new Penalty(failures, longest(Stream.of(byClient.lock(), byUser.lock(), byBoth.lock())));
    }

    /**
     * A correct password for {@code user} forgives that name's failures from anywhere. Not the client's (it may be
     * guessing others), nor the (client, name) pair's, which decays by itself: the authenticator that tells of a
     * success does not know the client.
     */
    public void succeeded(String user) {
        users.records.invalidate(user);
    }

    private static Optional<Duration> longest(Stream<Optional<Duration>> locks) {
        return locks.flatMap(Optional::stream).max(Duration::compareTo);
    }

    private static final class Keyed<K> {
        final LoginPenalty penalty;
        final Clock clock;
        final Cache<K, LoginPenalty.Failures> records;

        Keyed(LoginPenalty penalty, long maxKeys, Clock clock) {
            this.penalty = penalty;
            this.clock = clock;
            this.records = Caffeine.newBuilder().maximumSize(maxKeys)
                    .expireAfter(Expiry.<K, LoginPenalty.Failures>writing((key, failures) ->
                            Duration.between(clock.instant(), penalty.forgottenAt(failures))))
                    .build();
        }

        Optional<Duration> refusal(K key) {
            return penalty.refusal(records.getIfPresent(key), clock.instant());
        }

        Penalty failed(K key) {
            var now = clock.instant();
            LoginPenalty.Failures after = records.asMap().compute(key, (k, before) -> penalty.afterFailure(before, now));
            return new Penalty(after.count(), penalty.refusal(after, now));
        }
    }
}
