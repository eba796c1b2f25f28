package com.bazaar.audit;

import io.swagger.v3.oas.annotations.media.Schema;

/** What verifying the audit chain found. */
public record ChainVerification(
        @Schema(description = "Audit rows read") long rows,
        boolean valid,
        @Schema(description = "The id at which the chain first fails to verify; null when valid", nullable = true)
        Long firstInvalidId,
        @Schema(description = "The hash of the last row (the genesis hash, 64 zeros, when there is none): record it "
                + "elsewhere to detect a later rewrite of the whole chain") String head) {
}
