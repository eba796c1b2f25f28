package com.bazaar.worker;

import com.bazaar.auth.AdminAuthFilter;
import com.bazaar.catalog.KnownIds;
import com.bazaar.catalog.ProductDao;
import com.bazaar.catalog.StoreDao;
import com.bazaar.config.BazaarBootstrap;
import com.bazaar.db.Databases;
import com.bazaar.json.StrictJson;
import com.bazaar.ops.SupervisorHealthCheck;
import com.bazaar.queue.QueueConfiguration;
import com.bazaar.queue.QueueHealthCheck;
import com.bazaar.queue.QueueUrl;
import com.bazaar.worker.backlog.BacklogHealthCheck;
import com.bazaar.worker.backlog.BacklogMonitor;
import com.bazaar.worker.consumer.MessageApplier;
import com.bazaar.worker.consumer.ConsumerConfiguration;
import com.bazaar.worker.consumer.ConsumerHealthCheck;
import com.bazaar.worker.consumer.ConsumerSwitchTask;
import com.bazaar.worker.consumer.MovementConsumer;
import com.bazaar.worker.consumer.MovementQueue;
import com.bazaar.worker.deadletter.DeadLetterSummaryTask;
import com.bazaar.worker.deadletter.RedriveDeadLettersTask;
import com.bazaar.worker.ledger.LedgerWriter;
import com.bazaar.worker.reservation.ExpirySweep;
import com.bazaar.worker.verify.LevelCheck;
import com.bazaar.worker.verify.LevelVerifier;
import com.bazaar.worker.verify.VerifyCommand;
import com.bazaar.worker.webhook.DispatchConfiguration;
import com.bazaar.worker.webhook.DispatchDao;
import com.bazaar.worker.webhook.SubscriptionRun;
import com.bazaar.worker.webhook.WebhookDispatcher;
import com.bazaar.worker.webhook.WebhookHealthCheck;
import com.bazaar.worker.webhook.WebhookMetrics;
import com.bazaar.worker.webhook.WebhookMonitor;
import com.bazaar.worker.webhook.WebhookSender;
import com.bazaar.webhook.SecretBox;
import com.bazaar.webhook.WebhookConfiguration;
import com.bazaar.webhook.WebhookUrl;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue consumer process: no HTTP API, an admin port with health checks and metrics. */
public class BazaarWorkerApplication extends Application<WorkerConfiguration> {

    public static void main(String[] args) throws Exception {
        new BazaarWorkerApplication().run(args);
    }

    @Override
    public String getName() {
        return "bazaar-worker";
    }

    @Override
    public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
        BazaarBootstrap.configure(bootstrap);
        bootstrap.addCommand(new VerifyCommand());
    }

    @Override
    public void run(WorkerConfiguration configuration, Environment environment) {
        // As the service writes JSON (the admin tasks' answers): ISO-8601 times.
        StrictJson.configure(environment.getObjectMapper());
        AdminAuthFilter.protect(environment, configuration.getAuth().allUsers(), configuration.getAuth().getAdminAccess());
        Jdbi jdbi = Databases.jdbi(environment, configuration.getDatabase());
        WorkerConfiguration.Settings worker = configuration.getWorker();
        Clock clock = Clock.systemUTC();
        var ledger = new LedgerWriter(jdbi,
                new KnownIds(jdbi.onDemand(StoreDao.class)::exists),
                new KnownIds(jdbi.onDemand(ProductDao.class)::exists),
                worker.isAllowNegativeStock(), clock);

        QueueConfiguration queue = configuration.getQueue();
        SqsClient sqs = queue.buildClient(environment.lifecycle());
        QueueUrl queueUrl = new QueueUrl(sqs, queue.getQueueName());
        QueueUrl deadLetterQueueUrl = new QueueUrl(sqs, queue.getDeadLetterQueueName());
        environment.healthChecks().register("queue", new QueueHealthCheck(sqs, queueUrl));
        SupervisorHealthCheck.register(environment, configuration.getSupervisorRunDirectory());

        ConsumerConfiguration consumer = worker.getConsumer();
        ExecutorService threads = environment.lifecycle().executorService("movement-consumer-%d")
                .minThreads(consumer.getThreads()).maxThreads(consumer.getThreads()).build();
        var movementConsumer = new MovementConsumer(new MovementQueue(sqs, queueUrl, deadLetterQueueUrl),
                new MessageApplier(ledger, environment.metrics(), clock), consumer, threads, environment.metrics());
        environment.lifecycle().manage(movementConsumer);
        environment.healthChecks().register("consumer", new ConsumerHealthCheck(movementConsumer, consumer));
        environment.admin().addTask(ConsumerSwitchTask.pause(movementConsumer));
        environment.admin().addTask(ConsumerSwitchTask.resume(movementConsumer));

        environment.lifecycle().manage(new ExpirySweep(ledger,
                environment.lifecycle().scheduledExecutorService("expiry-sweep").build(),
                worker.getExpirySweepInterval().toJavaDuration(), environment.metrics().meter("bazaar.worker.reservations.expired")));

        var levels = new LevelCheck(new LevelVerifier(jdbi), environment.lifecycle().scheduledExecutorService("level-check").build(),
                worker.getVerifyInterval().toJavaDuration(), environment.metrics());
        environment.lifecycle().manage(levels);
        environment.healthChecks().register("levels", levels);
        webhooks(configuration, environment, jdbi, clock);

        var backlog = new BacklogMonitor(sqs, queueUrl, deadLetterQueueUrl, movementConsumer,
                environment.lifecycle().scheduledExecutorService("backlog-monitor").build(), worker.getBacklog(), clock,
                environment.metrics());
        environment.lifecycle().manage(backlog);
        environment.healthChecks().register("backlog", new BacklogHealthCheck(backlog, worker.getBacklog(), clock));
        environment.admin().addTask(new DeadLetterSummaryTask(sqs, deadLetterQueueUrl, environment.getObjectMapper()));
        environment.admin().addTask(new RedriveDeadLettersTask(sqs, queueUrl, deadLetterQueueUrl, environment.getObjectMapper()));
    }

    /**
     * The webhook dispatcher (with WEBHOOK_SECRET_KEY; without, nothing can be signed and the health check says so when
     * there are subscriptions), its monitor and health check. In the worker because it already has what the dispatcher
     * needs: the database and its feed, a lifecycle, an admin port with health checks and metrics (docs/ARCHITECTURE.md).
     */
    private static void webhooks(WorkerConfiguration configuration, Environment environment, Jdbi jdbi, Clock clock) {
        DispatchConfiguration settings = configuration.getWorker().getWebhooks();
        WebhookConfiguration webhooks = configuration.getWebhooks();
        DispatchDao dispatch = jdbi.onDemand(DispatchDao.class);
        var metrics = new WebhookMetrics(environment.metrics());
        Optional<SecretBox> secrets = webhooks.secretBox();
        secrets.ifPresent(box -> {
            var sender = new WebhookSender(settings.getTimeout().toJavaDuration(), webhooks.isAllowPrivate(),
                    WebhookUrl.Resolver.SYSTEM, clock);
            environment.lifecycle().manage(new WebhookDispatcher(dispatch,
                    running -> new SubscriptionRun(dispatch, box, sender, settings, environment.getObjectMapper(), metrics, clock, running),
                    environment.lifecycle().executorService("webhook-poller").minThreads(1).maxThreads(1).build(),
                    environment.lifecycle().executorService("webhook-delivery-%d").minThreads(settings.getDeliveries())
                            .maxThreads(settings.getDeliveries()).build(),
                    settings, clock));
        });
        var monitor = new WebhookMonitor(dispatch::states, environment.lifecycle().scheduledExecutorService("webhook-monitor").build(),
                Duration.ofSeconds(5), environment.metrics(), metrics);
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("webhooks", new WebhookHealthCheck(monitor, secrets.isPresent()));
    }
}
