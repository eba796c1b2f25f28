package com.bazaar.testing;

import com.codahale.metrics.MetricRegistry;

/** Reads a process's own metrics, for tests that check a counter moved. */
public final class Metrics {
    private Metrics() {
    }

    /** The count of a meter, or of a timer where there is no meter by that name. */
    public static long count(MetricRegistry metrics, String meterOrTimer) {
        return metrics.getMeters().containsKey(meterOrTimer) ? metrics.meter(meterOrTimer).getCount()
                : metrics.timer(meterOrTimer).getCount();
    }
}
