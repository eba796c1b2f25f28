package com.bazaar.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.bazaar.embedded.EmbeddedDatabase;
import com.bazaar.testing.Api;
import com.bazaar.testing.SharedTestStack;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The service as the tests run it: the repository's own config.yml on the shared embedded stack (migrated
 * once with the service's {@code db migrate}), random ports, an environment admin and one user per role.
 */
public final class ServiceTestApp {
    public static final String CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize().toString();
    public static final String ADMIN = "admin";
    public static final String CLERK = "clerk";
    public static final String AUDITOR = "auditor";
    public static final String CLERK_AND_AUDITOR = "clerk-auditor";
    /** The tests' WEBHOOK_SECRET_KEY (base64 of 32 bytes), which both processes get. */
    public static final String WEBHOOK_SECRET_KEY = "dGVzdHMtb25seS13ZWJob29rLXNlYWxpbmcta2V5ISE=";

    private ServiceTestApp() {
    }

    public static SharedTestStack startStack() {
        return SharedTestStack.start(ServiceTestApp::migrate);
    }

    /** Runs {@code db migrate config.yml} as an operator would, failing the test instead of exiting the JVM. */
    public static void migrate() {
        try {
            new BazaarServiceApplication() {
                @Override
                protected void onFatalError(Throwable t) {
                    throw new IllegalStateException("db migrate failed", t);
                }
            }.run("db", "migrate", CONFIG);
        } catch (Exception e) {
            throw new IllegalStateException("db migrate failed", e);
        }
    }

    /** Direct access to the test database, for asserting what a request did or did not write. */
    public static Jdbi database() {
        return Jdbi.create(startStack().database().jdbcUrl(), EmbeddedDatabase.USER, "");
    }

    /** As {@link Api#password}: the test users' passwords. */
    public static String password(String user) {
        return Api.password(user);
    }

    /** @param more overrides applied after the defaults below, so they win (a real rate limit, another queue) */
    public static DropwizardAppExtension<ServiceConfiguration> extension(ConfigOverride... more) {
        startStack();
        return new DropwizardAppExtension<>(BazaarServiceApplication.class, CONFIG, testConfig(),
                Stream.of(Stream.of(ConfigOverride.randomPorts()), Arrays.stream(bothProcesses()), Arrays.stream(more))
                        .flatMap(s -> s).toArray(ConfigOverride[]::new));
    }

    /** config.yml with one user per role besides the environment admin, and no rate limit or login throttling. */
    public static SubstitutingSourceProvider testConfig() {
        String users = "users:\n"
                + user(CLERK, "[clerk]")
                + user(AUDITOR, "[auditor]")
                + user(CLERK_AND_AUDITOR, "[clerk, auditor]");
        return new SubstitutingSourceProvider(path -> new ByteArrayInputStream(
                Files.readString(Path.of(path)).replace("users: []", users)
                        // Every test client is 127.0.0.1: no limit unless a test overrides these (RateLimitIT).
                        .replace("${RATE_LIMIT_RPS:-100}", "1000000").replace("${RATE_LIMIT_BURST:-200}", "1000000")
                        // Many tests send wrong passwords on purpose: no login throttling unless a test overrides it
                        // (LoginThrottleIT). Not a ConfigOverride: two overrides of one key apply in no set order.
                        .replace("{freeFailures: 5,", "{freeFailures: 1000,").replace("{freeFailures: 10,", "{freeFailures: 1000,")
                        .getBytes(StandardCharsets.UTF_8)),
                new EnvironmentVariableSubstitutor(false));
    }

    /**
     * The environment's admin (BASIC_AUTH_USER / BASIC_AUTH_PASS), as both processes read it, and the webhook secrets'
     * sealing key (WEBHOOK_SECRET_KEY) they share.
     */
    public static ConfigOverride[] bothProcesses() {
        return new ConfigOverride[] {ConfigOverride.config("auth.adminUser", ADMIN),
                ConfigOverride.config("auth.adminPassword", password(ADMIN)),
                ConfigOverride.config("webhooks.secretKey", WEBHOOK_SECRET_KEY)};
    }

    private static String user(String name, String roles) {
        String hash = BCrypt.withDefaults().hashToString(4, password(name).toCharArray());
        return "    - name: " + name + "\n      passwordHash: \"" + hash + "\"\n      roles: " + roles + "\n";
    }
}
