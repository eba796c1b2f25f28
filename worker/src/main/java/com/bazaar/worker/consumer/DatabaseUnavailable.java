package com.bazaar.worker.consumer;

/** A batch found the database unreachable: the consumer stops receiving and probes it (no stack trace, no message). */
final class DatabaseUnavailable extends RuntimeException {
    DatabaseUnavailable() {
        super(null, null, false, false);
    }
}
