package com.bazaar.worker;

import com.bazaar.config.BazaarBootstrap;
import com.bazaar.db.Databases;
import com.bazaar.queue.QueueHealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
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
    }

    @Override
    public void run(WorkerConfiguration configuration, Environment environment) {
        Databases.jdbi(environment, configuration.getDatabase());

        SqsClient sqs = configuration.getQueue().buildClient(environment.lifecycle());
        environment.healthChecks().register("queue", new QueueHealthCheck(sqs, configuration.getQueue().getQueueName()));
    }
}
