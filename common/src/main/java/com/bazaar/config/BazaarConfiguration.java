package com.bazaar.config;

import com.bazaar.auth.AuthConfiguration;
import com.bazaar.queue.QueueConfiguration;
import com.bazaar.webhook.WebhookConfiguration;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The blocks of config.yml that both processes read. Each process extends it with its own block
 * and names the other's block as ignored, so that one file serves both and a typo still fails.
 */
public class BazaarConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private MigrationCredentials migrations = new MigrationCredentials();

    @Valid
    @NotNull
    private QueueConfiguration queue = new QueueConfiguration();

    /** Users and roles: the service's API and both admin ports. */
    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    /** The webhook secrets' sealing key and the private-address switch: the service's API and the worker's dispatcher. */
    @Valid
    @NotNull
    private WebhookConfiguration webhooks = new WebhookConfiguration();

    public WebhookConfiguration getWebhooks() {
        return webhooks;
    }

    public void setWebhooks(WebhookConfiguration webhooks) {
        this.webhooks = webhooks;
    }

    /** Where {@code ./bazaar up}'s supervisor keeps its markers (BAZAAR_RUN_DIR); none outside it. */
    private String supervisorRunDirectory;

    public String getSupervisorRunDirectory() {
        return supervisorRunDirectory;
    }

    public void setSupervisorRunDirectory(String supervisorRunDirectory) {
        this.supervisorRunDirectory = supervisorRunDirectory;
    }

    public AuthConfiguration getAuth() {
        return auth;
    }

    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    public MigrationCredentials getMigrations() {
        return migrations;
    }

    public void setMigrations(MigrationCredentials migrations) {
        this.migrations = migrations;
    }

    public QueueConfiguration getQueue() {
        return queue;
    }

    public void setQueue(QueueConfiguration queue) {
        this.queue = queue;
    }
}
