package com.bazaar.bench;

import java.util.List;
import java.util.Map;

/** A system the steady-use run measures: this project's stack or the synchronous reference. */
interface BenchedSystem {
    String name();

    /** Starts it from nothing and returns once its API answers. */
    void launch() throws Exception;

    /** A store and {@code count} products through its API, for the load. */
    void setUp(int count) throws Exception;

    String movementUrl();

    /** A movement's JSON body with {@code %d} for the product. */
    String movementBody();

    long[] products();

    String user();

    String password();

    /** Movements it has applied to the run's store (committed where a reader sees them). */
    long applied() throws Exception;

    Map<String, List<ProcessHandle>> processes() throws Exception;

    void stop() throws Exception;
}
