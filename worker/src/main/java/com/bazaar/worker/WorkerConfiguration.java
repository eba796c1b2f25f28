package com.bazaar.worker;

import com.bazaar.config.BazaarConfiguration;
import com.bazaar.worker.backlog.BacklogConfiguration;
import com.bazaar.worker.consumer.ConsumerConfiguration;
import com.bazaar.worker.webhook.DispatchConfiguration;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The worker's view of config.yml. It serves no API, so its server is the {@code worker.server} block
 * (an admin port only) rather than the service's {@code server} block; {@code rateLimit}, {@code tls}, {@code requestLimits} and {@code catalogCache} are the service's.
 */
@JsonIgnoreProperties({"rateLimit", "tls", "requestLimits", "readDatabase", "catalogCache", "defaultStoreId"})
public class WorkerConfiguration extends BazaarConfiguration {
    @Valid
    @NotNull
    private Settings worker = new Settings();

    public Settings getWorker() {
        return worker;
    }

    public void setWorker(Settings worker) {
        this.worker = worker;
    }

    @Override
    public ServerFactory getServerFactory() {
        return worker.getServer();
    }

    public static class Settings {
        @Valid
        @NotNull
        private ServerFactory server = new DefaultServerFactory();

        @Valid
        @NotNull
        private ConsumerConfiguration consumer = new ConsumerConfiguration();

        @Valid
        @NotNull
        private BacklogConfiguration backlog = new BacklogConfiguration();

        @Valid
        @NotNull
        private DispatchConfiguration webhooks = new DispatchConfiguration();

        public DispatchConfiguration getWebhooks() {
            return webhooks;
        }

        public void setWebhooks(DispatchConfiguration webhooks) {
            this.webhooks = webhooks;
        }

        /** How often holds past their expiresAt are looked for and ended (see ExpirySweep). */
        @NotNull
        @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
        private Duration expirySweepInterval = Duration.milliseconds(500);

        /** How often every level is recomputed from the ledger and the holds (a scan of both: docs/OPERATIONS.md). */
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        private Duration verifyInterval = Duration.hours(1);

        /** Off by default: an out or manual movement larger than the stock on hand is rejected. */
        private boolean allowNegativeStock;

        public ConsumerConfiguration getConsumer() {
            return consumer;
        }

        public void setConsumer(ConsumerConfiguration consumer) {
            this.consumer = consumer;
        }

        public BacklogConfiguration getBacklog() {
            return backlog;
        }

        public void setBacklog(BacklogConfiguration backlog) {
            this.backlog = backlog;
        }

        public boolean isAllowNegativeStock() {
            return allowNegativeStock;
        }

        public void setAllowNegativeStock(boolean allowNegativeStock) {
            this.allowNegativeStock = allowNegativeStock;
        }

        public Duration getExpirySweepInterval() {
            return expirySweepInterval;
        }

        public void setExpirySweepInterval(Duration expirySweepInterval) {
            this.expirySweepInterval = expirySweepInterval;
        }

        public Duration getVerifyInterval() {
            return verifyInterval;
        }

        public void setVerifyInterval(Duration verifyInterval) {
            this.verifyInterval = verifyInterval;
        }

        public ServerFactory getServer() {
            return server;
        }

        public void setServer(ServerFactory server) {
            this.server = server;
        }
    }
}
