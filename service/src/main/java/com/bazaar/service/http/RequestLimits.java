package com.bazaar.service.http;

import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code requestLimits} block: the largest request body the application port reads (413 beyond it).
 * Header and URI sizes are the connectors' {@code maxRequestHeaderSize} (431 and 414 beyond it).
 */
public class RequestLimits {
    @NotNull
    @MinDataSize(1)
    private DataSize maxBodySize = DataSize.mebibytes(1);

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }
}
