package com.bazaar.worker;

/** The worker's one rule for pauses that grow: the first, doubling with each further step, never above a cap. */
public final class Doubling {
    private Doubling() {
    }

    /** @return {@code first * 2^(step - 1)} (first > 0), at most {@code most}; step 0 or 1 gives {@code first} */
    public static long step(long first, int step, long most) {
        int doublings = Math.max(0, step - 1);
        if (doublings >= Long.numberOfLeadingZeros(first) - 1) {
            return most;
        }
        return Math.min(most, first << doublings);
    }
}
