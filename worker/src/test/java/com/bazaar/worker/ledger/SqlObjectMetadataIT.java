package com.bazaar.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.db.Databases;
import com.bazaar.inventory.InventoryDao;
import com.bazaar.movement.LedgerDao;
import com.bazaar.service.ServiceTestApp;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.ExtensionMetadata;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

/**
 * The ledger writer attaches its DAOs to a new handle in every transaction; {@link Databases#describeSqlObjects} makes
 * every handle find their description instead of building it again (jdbi#2991).
 */
class SqlObjectMetadataIT {
    final Jdbi jdbi = ServiceTestApp.database().installPlugin(new SqlObjectPlugin());
    final ExtensionFactory sqlObjects = jdbi.getConfig(Extensions.class).findFactory(SqlObjectFactory.class).orElseThrow();

    @Test
    void everyHandleFindsTheDescriptionMadeForTheJdbi() {
        Databases.describeSqlObjects(jdbi, LedgerDao.class);
        ExtensionMetadata described = jdbi.getConfig(Extensions.class).findMetadata(LedgerDao.class, sqlObjects);

        assertThat(onANewHandle(LedgerDao.class)).isSameAs(described);
        assertThat(onANewHandle(LedgerDao.class)).isSameAs(described);
    }

    /**
     * The library's behaviour the workaround is for. When this fails, the Jdbi in use shares the description across
     * handles itself (3.55.0 does) and {@code describeSqlObjects} can go.
     */
    @Test
    void withoutItEachHandleDescribesTheTypeAgain() {
        assertThat(onANewHandle(InventoryDao.class)).isNotSameAs(onANewHandle(InventoryDao.class));
    }

    private ExtensionMetadata onANewHandle(Class<?> type) {
        return jdbi.withHandle(handle -> handle.getConfig(Extensions.class).findMetadata(type, sqlObjects));
    }
}
