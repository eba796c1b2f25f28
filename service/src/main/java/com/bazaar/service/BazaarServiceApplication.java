package com.bazaar.service;

import com.bazaar.audit.AuditDao;
import com.bazaar.auth.AdminAuthFilter;
import com.bazaar.auth.UserConfiguration;
import com.bazaar.catalog.KnownIds;
import com.bazaar.catalog.ProductDao;
import com.bazaar.catalog.StoreDao;
import com.bazaar.config.BazaarBootstrap;
import com.bazaar.db.Databases;
import com.bazaar.feed.FeedDao;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.json.StrictJson;
import com.bazaar.movement.LedgerDao;
import com.bazaar.ops.SupervisorHealthCheck;
import com.bazaar.queue.QueueConfiguration;
import com.bazaar.queue.QueueHealthCheck;
import com.bazaar.queue.QueueUrl;
import com.bazaar.service.apidocs.ApiDocs;
import com.bazaar.service.audit.AuditLogResource;
import com.bazaar.service.auth.HashPasswordCommand;
import com.bazaar.service.catalog.CatalogCaches;
import com.bazaar.service.catalog.CatalogIds;
import com.bazaar.service.catalog.CatalogChangeListener;
import com.bazaar.service.catalog.ProductImportResource;
import com.bazaar.service.catalog.ProductResource;
import com.bazaar.service.catalog.StoreResource;
import com.bazaar.service.errors.JsonErrorHandler;
import com.bazaar.service.http.BodySizeLimit;
import com.bazaar.service.http.CloseUnreadRequests;
import com.bazaar.service.http.RequestIdFilter;
import com.bazaar.service.http.RequestLimits;
import com.bazaar.service.http.SecurityHeadersFilter;
import com.bazaar.service.inventory.InventoryChangesResource;
import com.bazaar.service.reservation.ReservationResource;
import com.bazaar.service.reservation.StoreReservationResource;
import com.bazaar.reservation.ReservationDao;
import com.bazaar.service.inventory.ProductQuantityResource;
import com.bazaar.service.inventory.StoreInventoryResource;
import com.bazaar.service.movement.AcceptMovementResource;
import com.bazaar.service.movement.DefaultStore;
import com.bazaar.service.movement.DefaultStoreMovementResource;
import com.bazaar.service.movement.ImportProgressResource;
import com.bazaar.service.movement.MovementImportDao;
import com.bazaar.service.movement.MovementImportResource;
import com.bazaar.service.movement.SqsMovementPublisher;
import com.bazaar.service.movement.MovementResource;
import com.bazaar.service.movement.TransferResource;
import com.bazaar.service.ratelimit.ClientAddress;
import com.bazaar.service.ratelimit.FailedLogins;
import com.bazaar.service.ratelimit.LoginThrottleFilter;
import com.bazaar.service.ratelimit.RateLimitConfiguration;
import com.bazaar.service.ratelimit.RateLimitFilter;
import com.bazaar.service.replica.ReadDatabase;
import com.bazaar.service.replica.ReadDatabaseConfiguration;
import com.bazaar.service.replica.ReplicaHealthCheck;
import com.bazaar.service.replica.ReplicaMonitor;
import com.bazaar.service.webhook.WebhookResource;
import com.bazaar.webhook.WebhookDao;
import com.bazaar.webhook.WebhookUrl;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.sqs.SqsClient;

public class BazaarServiceApplication extends Application<ServiceConfiguration> {

    public static void main(String[] args) throws Exception {
        new BazaarServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "bazaar-service";
    }

    @Override
    public void initialize(Bootstrap<ServiceConfiguration> bootstrap) {
        BazaarBootstrap.configure(bootstrap);
        bootstrap.addCommand(new HashPasswordCommand());
    }

    @Override
    public void run(ServiceConfiguration configuration, Environment environment) {
        Clock clock = Clock.systemUTC();
        // Strict only from here on: config.yml and its overrides were parsed leniently by the same mapper.
        StrictJson.configure(environment.getObjectMapper());
        // The error body is part of the contract, so this application maps every exception itself.
        ((AbstractServerFactory) configuration.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        // The server is built from the factory after run(), so the TLS choice can still pick its connectors here.
        DefaultServerFactory serverFactory = (DefaultServerFactory) configuration.getServerFactory();
        serverFactory.setApplicationConnectors(configuration.getTls().applicationConnectors(serverFactory.getApplicationConnectors()));

        Jdbi jdbi = Databases.jdbi(environment, configuration.getDatabase());
        ReadDatabase reads = readDatabase(configuration, environment, jdbi, clock);
        ProductDao products = jdbi.onDemand(ProductDao.class);
        StoreDao stores = jdbi.onDemand(StoreDao.class);

        var catalogCaches = new CatalogCaches(configuration.getCatalogCache(), environment.metrics());
        var catalogListener = new CatalogChangeListener(configuration.getDatabase(), catalogCaches);
        environment.lifecycle().manage(catalogListener);
        environment.healthChecks().register("catalog-listener", catalogListener.healthCheck());

        var catalogIds = new CatalogIds(new KnownIds(stores::exists), new KnownIds(products::exists));
        InventoryDao inventory = jdbi.onDemand(InventoryDao.class);

        QueueConfiguration queue = configuration.getQueue();
        SqsClient sqs = queue.buildClient(environment.lifecycle());
        QueueUrl queueUrl = new QueueUrl(sqs, queue.getQueueName());
        environment.healthChecks().register("queue", new QueueHealthCheck(sqs, queueUrl));
        SupervisorHealthCheck.register(environment, configuration.getSupervisorRunDirectory());
        var sendClient = queue.buildSendClient(environment.lifecycle());
        var publisher = new SqsMovementPublisher(sendClient, queueUrl, queue.getSendCallsInFlight(),
                environment.metrics().timer("bazaar.service.movements.enqueue"),
                queue.getSendTimeout().toJavaDuration().plusSeconds(1));

        List<UserConfiguration> users = configuration.getAuth().allUsers();
        AdminAuthFilter.protect(environment, users, configuration.getAuth().getAdminAccess());
        RateLimitConfiguration rateLimits = configuration.getRateLimit();
        var failedLogins = new FailedLogins(rateLimits.getFailedLoginsPerClientAndUser(), rateLimits.getFailedLoginsPerUser(),
                rateLimits.getFailedLoginsPerClient(), rateLimits.getMaxClients(), clock);
        JerseyFoundation.components(users, configuration.getAuth().getCachePolicy(), failedLogins, environment.metrics())
                .forEach(environment.jersey()::register);

        var requestIds = environment.servlets().addFilter("request-id", new RequestIdFilter());
        requestIds.setAsyncSupported(true);
        requestIds.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        var headers = environment.servlets().addFilter("security-headers",
                new SecurityHeadersFilter(configuration.getTls().getHstsMaxAge().toSeconds()));
        headers.setAsyncSupported(true);
        headers.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        RequestLimits limits = configuration.getRequestLimits();
        environment.getApplicationContext().insertHandler(BodySizeLimit.others(limits.getMaxBodySize().toBytes()));
        environment.getApplicationContext().insertHandler(BodySizeLimit.imports(limits.getMaxImportSize().toBytes()));
        // Inserted last, so outside the size limit: its 413 says Connection: close too.
        environment.getApplicationContext().insertHandler(new CloseUnreadRequests());
        // After the request id (a 429 carries one too), before authentication (failed logins count).
        var clients = new ClientAddress(rateLimits.getTrustedProxies());
        var rateLimit = environment.servlets().addFilter("rate-limit", new RateLimitFilter(rateLimits, clients, clock,
                environment.getObjectMapper(), environment.metrics().meter("bazaar.service.rate-limited")));
        rateLimit.setAsyncSupported(true);
        rateLimit.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        var loginThrottle = environment.servlets().addFilter("login-throttle", new LoginThrottleFilter(failedLogins, clients,
                environment.getObjectMapper(), environment.metrics().meter("bazaar.service.auth.throttled")));
        loginThrottle.setAsyncSupported(true);
        loginThrottle.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        var errors = new JsonErrorHandler(environment.getObjectMapper(), serverFactory.getAllowedMethods());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));
        int maxConnections = configuration.getRequestLimits().getMaxConnections();
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            // Before the connectors start: the limit listens to their accepts only if it is there when they do.
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.addBean(new NetworkConnectionLimit(maxConnections, server));
                }
            }
        });
        environment.getApplicationContext().setErrorHandler(errors);

        environment.jersey().register(new ProductResource(products, reads.onDemand(ProductDao.class), catalogCaches.products()));
        environment.jersey().register(new ProductImportResource(products, environment.getValidator()));
        environment.jersey().register(new StoreResource(stores, reads.onDemand(StoreDao.class), catalogCaches.stores()));
        var acceptMovements = new AcceptMovementResource(catalogIds, publisher, clock);
        environment.jersey().register(acceptMovements);
        environment.jersey().register(new DefaultStoreMovementResource(
                new DefaultStore(configuration.getDefaultStoreId(), catalogIds.stores(), stores::lowestId), acceptMovements));
        MovementImportDao imports = jdbi.onDemand(MovementImportDao.class);
        environment.jersey().register(new MovementImportResource(catalogIds, publisher, products, imports,
                environment.getValidator(), clock));
        environment.jersey().register(new ImportProgressResource(imports));
        LedgerDao ledger = jdbi.onDemand(LedgerDao.class);
        environment.jersey().register(new MovementResource(ledger, reads.onDemand(LedgerDao.class)));
        environment.jersey().register(new TransferResource(catalogIds, publisher, ledger, clock));
        ReservationDao reservations = jdbi.onDemand(ReservationDao.class);
        environment.jersey().register(new StoreReservationResource(catalogIds, publisher, reservations,
                reads.onDemand(ReservationDao.class), clock));
        environment.jersey().register(new ReservationResource(publisher, reservations));
        environment.jersey().register(new StoreInventoryResource(catalogIds, inventory,
                reads.onDemand(InventoryDao.class), clock));
        environment.jersey().register(new ProductQuantityResource(catalogIds, reads.onDemand(InventoryDao.class)));
        environment.jersey().register(new InventoryChangesResource(jdbi.onDemand(FeedDao.class)));
        environment.jersey().register(new AuditLogResource(reads.onDemand(AuditDao.class)));
        environment.jersey().register(new WebhookResource(jdbi.onDemand(WebhookDao.class), catalogIds,
                configuration.getWebhooks().secretBox(), configuration.getWebhooks().isAllowPrivate(), WebhookUrl.Resolver.SYSTEM));
        ApiDocs.register(environment);
    }

    /** The primary alone, or with the read replica, its probe, its health check and its lag gauge. */
    private static ReadDatabase readDatabase(ServiceConfiguration configuration, Environment environment, Jdbi primary,
                                             Clock clock) {
        ReadDatabaseConfiguration replica = configuration.getReadDatabase();
        if (!replica.isConfigured()) {
            return ReadDatabase.primaryOnly(primary);
        }
        DataSourceFactory dataSource = replica.dataSource(configuration.getDatabase());
        Jdbi replicaJdbi = Databases.jdbi(environment, dataSource, "replica");
        var monitor = new ReplicaMonitor(replicaJdbi, replica, clock,
                environment.lifecycle().scheduledExecutorService("replica-probe").build());
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("replica", new ReplicaHealthCheck(monitor, dataSource.getUrl()));
        environment.metrics().gauge("bazaar.service.replica.lag-seconds", () -> monitor::lagSeconds);
        return ReadDatabase.withReplica(primary, replicaJdbi, monitor);
    }
}
