package com.bazaar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromtoolCleanNamesTest {
    @Test
    void turnsDropwizardNamesIntoSnakeCase() {
        assertThat(PromtoolCleanNames.snakeCase("io.dropwizard.db.ManagedPooledDataSource.postgresql.releasedIdle"))
                .isEqualTo("io_dropwizard_db_managed_pooled_data_source_postgresql_released_idle");
        assertThat(PromtoolCleanNames.snakeCase("bazaar.worker.movements.applied")).isEqualTo("bazaar_worker_movements_applied");
        assertThat(PromtoolCleanNames.snakeCase("jvm.memory.pools.CodeHeap-'non-nmethods'.used"))
                .isEqualTo("jvm_memory_pools_code_heap_non_nmethods_used");
    }
}
