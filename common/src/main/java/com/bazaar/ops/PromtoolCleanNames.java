package com.bazaar.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.Locale;

/**
 * Renames the Dropwizard metrics as {@code promtool check metrics} wants them: snake_case (Jetty, Jdbi and
 * the pool name theirs after Java classes, e.g. {@code ManagedPooledDataSource}) and no {@code _count}
 * suffix on a gauge (the JVM thread and buffer counts), which Prometheus reserves for summaries.
 */
final class PromtoolCleanNames implements MultiCollector {
    private final MultiCollector exports;

    PromtoolCleanNames(MultiCollector exports) {
        this.exports = exports;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(exports.collect().stream().map(PromtoolCleanNames::rename).toList());
    }

    private static MetricSnapshot rename(MetricSnapshot snapshot) {
        String name = snakeCase(snapshot.getMetadata().getName());
        String help = snapshot.getMetadata().getHelp();
        if (snapshot instanceof CounterSnapshot counter) {
            return new CounterSnapshot(new MetricMetadata(name, help), counter.getDataPoints());
        }
        if (snapshot instanceof GaugeSnapshot gauge) {
            String gaugeName = name.endsWith("_count") ? name.substring(0, name.length() - "_count".length()) : name;
            return new GaugeSnapshot(new MetricMetadata(gaugeName, help), gauge.getDataPoints());
        }
        if (snapshot instanceof SummarySnapshot summary) {
            return new SummarySnapshot(new MetricMetadata(name, help), summary.getDataPoints());
        }
        return snapshot;
    }

    static String snakeCase(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT).replaceAll("_+", "_");
    }
}
