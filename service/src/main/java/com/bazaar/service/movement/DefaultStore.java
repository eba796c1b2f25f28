package com.bazaar.service.movement;

import com.bazaar.catalog.KnownIds;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store of the Stage 1 route {@code POST /stock-movements}, which names none: the one {@code DEFAULT_STORE_ID}
 * names, else the store with the lowest id; a 404 saying which when there is none.
 */
public final class DefaultStore {
    private final Long configured;
    private final KnownIds stores;
    private final Supplier<Optional<Long>> lowestId;

    /** {@code configured} null: the lowest id, asked of {@code lowestId} each time (a store created first may commit last). */
    public DefaultStore(Long configured, KnownIds stores, Supplier<Optional<Long>> lowestId) {
        this.configured = configured;
        this.stores = stores;
        this.lowestId = lowestId;
    }

    public long id() {
        if (configured == null) {
            return lowestId.get().orElseThrow(() -> new NotFoundException(
                    "There is no store yet: POST /stock-movements records at the store with the lowest id "
                            + "(or the one DEFAULT_STORE_ID names); create one with POST /stores"));
        }
        if (!stores.contains(configured)) {
            throw new NotFoundException("The default store " + configured + " (DEFAULT_STORE_ID) does not exist");
        }
        return configured;
    }
}
