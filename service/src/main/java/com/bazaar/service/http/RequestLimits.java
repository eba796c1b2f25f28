package com.bazaar.service.http;

import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code requestLimits} block: the largest request body the application port reads (413 beyond it; a CSV import's
 * apart), and how
 * many connections the service holds open at once. Header and URI sizes are the connectors'
 * {@code maxRequestHeaderSize} (431 and 414 beyond it).
 */
public class RequestLimits {
    /**
     * Beyond this many open connections the service stops accepting new ones until some close (they wait in the
     * kernel's accept queue): each costs heap, and a client that opens a connection per unanswered request (seen:
     * 13,221 of them) otherwise fills the heap until the service does nothing but collect garbage.
     */
    @Min(1)
    private int maxConnections = 2000;

    @NotNull
    @MinDataSize(1)
    private DataSize maxBodySize = DataSize.mebibytes(1);

    /** The largest CSV import file (the endpoints ending in {@code /import}): 100,000 rows with long reasons fit. */
    @NotNull
    @MinDataSize(1)
    private DataSize maxImportSize = DataSize.mebibytes(64);

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public DataSize getMaxImportSize() {
        return maxImportSize;
    }

    public void setMaxImportSize(DataSize maxImportSize) {
        this.maxImportSize = maxImportSize;
    }
}
