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
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
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
                new MessageApplier(ledger, environment.metrics(), clock), () -> Databases.isReachable(jdbi), consumer,
                threads, environment.metrics());
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

        var backlog = new BacklogMonitor(sqs, queueUrl, deadLetterQueueUrl, movementConsumer,
                environment.lifecycle().scheduledExecutorService("backlog-monitor").build(), worker.getBacklog(), clock,
                environment.metrics());
        environment.lifecycle().manage(backlog);
        environment.healthChecks().register("backlog", new BacklogHealthCheck(backlog, worker.getBacklog(), clock));
        environment.admin().addTask(new DeadLetterSummaryTask(sqs, deadLetterQueueUrl, environment.getObjectMapper()));
        environment.admin().addTask(new RedriveDeadLettersTask(sqs, queueUrl, deadLetterQueueUrl, environment.getObjectMapper()));
    }
}
