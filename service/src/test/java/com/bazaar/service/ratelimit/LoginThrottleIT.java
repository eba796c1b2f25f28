package com.bazaar.service.ratelimit;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The failed-login penalties with small numbers: a (client, name) is locked after its fourth failure, a user name
 * after its sixth, a client alone after its ninth, for 1 s doubling to 2 s. 127.0.0.1 is a trusted proxy, so each test is its own client through
 * X-Forwarded-For.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginThrottleIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("rateLimit.trustedProxies", "127.0.0.1"),
            ConfigOverride.config("rateLimit.failedLoginsPerClientAndUser.freeFailures", "3"),
            ConfigOverride.config("rateLimit.failedLoginsPerClientAndUser.maxLock", "2s"),
            ConfigOverride.config("rateLimit.failedLoginsPerClient.freeFailures", "8"),
            ConfigOverride.config("rateLimit.failedLoginsPerClient.maxLock", "2s"),
            ConfigOverride.config("rateLimit.failedLoginsPerUser.freeFailures", "5"),
            ConfigOverride.config("rateLimit.failedLoginsPerUser.maxLock", "2s"));
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void captureLog() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(LoginThrottleFilter.class)).addAppender(LOG);
    }

    @AfterAll
    static void releaseLog() {
        ((Logger) LoggerFactory.getLogger(LoginThrottleFilter.class)).detachAppender(LOG);
    }

    HttpResponse<String> get(String client, String user, String password) {
        Api api = Api.at(APP.getLocalPort()).as(user, password);
        return api.send(api.request("/products").header("X-Forwarded-For", client).GET());
    }

    long throttled() {
        return APP.getEnvironment().metrics().meter("bazaar.service.auth.throttled").getCount();
    }

    @Test
    void aGuessingLoopFromOneClientIsRefusedWithinAHandfulOfTriesAndRecovers() {
        String client = "198.51.100.21";
        long before = throttled();
        for (int i = 1; i <= 4; i++) {
            assertThat(get(client, ServiceTestApp.CLERK, "guess-" + i).statusCode()).as("guess %d", i).isEqualTo(401);
        }

        HttpResponse<String> refused = get(client, ServiceTestApp.CLERK, "guess-5");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(refused).get("code").asInt()).isEqualTo(429);
        assertThat(json(refused).get("message").asText()).contains("failed logins");
        // the right password is refused too while the pair is locked: the lock is not an oracle
        assertThat(get(client, ServiceTestApp.CLERK, ServiceTestApp.password(ServiceTestApp.CLERK)).statusCode()).isEqualTo(429);
        assertThat(throttled()).isEqualTo(before + 2);
        // another user behind the same address (a store's other register) is not locked out
        assertThat(get(client, ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN)).statusCode()).isEqualTo(200);
        assertThat(LOG.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("user 'clerk' from " + client, "logins refused for 1 s").doesNotContain("guess-"));
        // the lock ends on its own
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                get(client, ServiceTestApp.CLERK, ServiceTestApp.password(ServiceTestApp.CLERK)).statusCode() == 200);
    }

    @Test
    void oneClientTryingManyNamesIsRefusedByItsAddressAtTheHigherCount() {
        String client = "198.51.100.23";
        for (int i = 1; i <= 9; i++) {
            assertThat(get(client, "nobody-" + i, "guess").statusCode()).as("name %d", i).isEqualTo(401);
        }

        assertThat(get(client, ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN)).statusCode()).isEqualTo(429);
        assertThat(get("198.51.100.24", ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void oneNameGuessedFromManyClientsIsRefusedForABoundedTime() {
        for (int i = 1; i <= 6; i++) {
            assertThat(get("203.0.113." + i, ServiceTestApp.AUDITOR, "spray").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = get("203.0.113.50", ServiceTestApp.AUDITOR, ServiceTestApp.password(ServiceTestApp.AUDITOR));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(get("203.0.113.50", ServiceTestApp.CLERK, ServiceTestApp.password(ServiceTestApp.CLERK)).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                get("203.0.113.51", ServiceTestApp.AUDITOR, ServiceTestApp.password(ServiceTestApp.AUDITOR)).statusCode() == 200);
    }

    @Test
    void requestsWithoutCredentialsAreNotLogins() {
        Api anonymous = Api.at(APP.getLocalPort());
        for (int i = 0; i < 8; i++) {
            assertThat(anonymous.send(anonymous.request("/products").header("X-Forwarded-For", "198.51.100.30").GET())
                    .statusCode()).isEqualTo(401);
        }
        assertThat(get("198.51.100.30", ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN)).statusCode())
                .isEqualTo(200);
    }
}
