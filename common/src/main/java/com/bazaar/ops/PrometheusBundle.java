package com.bazaar.ops;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code /metrics/prometheus} on the admin port: the application's Dropwizard registry (ours, JVM, Jetty,
 * Jdbi, connection pool) in Prometheus text format, converted at each scrape. Names follow the Dropwizard
 * ones, dots and dashes turned into underscores: {@code bazaar.worker.movements.applied} is
 * {@code bazaar_worker_movements_applied_total}.
 */
public class PrometheusBundle implements ConfiguredBundle<Object> {
    @Override
    public void run(Object configuration, Environment environment) {
        var registry = new PrometheusRegistry();
        registry.register(new PromtoolCleanNames(new DropwizardExports(environment.metrics())));
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping("/metrics/prometheus");
    }
}
