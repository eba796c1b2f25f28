package com.bazaar.worker.consumer;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** What the consumer threads measure, under the names docs/OPERATIONS.md's metrics table lists. */
record ConsumerMetrics(Timer receive, Timer batch, Timer delete, Histogram batchSize, Meter received,
                       Meter deadLettered, Meter retried) {

    static ConsumerMetrics in(MetricRegistry metrics) {
        return new ConsumerMetrics(metrics.timer("bazaar.worker.receive"), metrics.timer("bazaar.worker.batch"),
                metrics.timer("bazaar.worker.delete"), metrics.histogram("bazaar.worker.batch-size"),
                metrics.meter("bazaar.worker.messages.received"), metrics.meter("bazaar.worker.messages.dead-lettered"),
                metrics.meter("bazaar.worker.messages.retried"));
    }
}
