package com.bazaar.bench;

import java.util.Arrays;

/** Latency percentiles, as the benchmark prints them. */
final class Percentiles {
    private Percentiles() {
    }

    /** p50, p90, p99 and max of {@code nanos}, in milliseconds. */
    static String of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    /** The {@code quantile} of {@code sorted} nanoseconds, in milliseconds; 0 of none. */
    static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
