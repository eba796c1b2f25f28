package com.bazaar.catalog;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(Store.class)
public interface StoreDao {
    @SqlQuery("SELECT id, name, location, created_at, updated_at FROM stores ORDER BY id")
    List<Store> findAll();

    @SqlQuery("SELECT id, name, location, created_at, updated_at FROM stores WHERE id = :id")
    Optional<Store> findById(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM stores WHERE id = :id)")
    boolean exists(long id);

    /** Empty when the name is already taken, case-insensitively. */
    @SqlQuery("""
            INSERT INTO stores (name, location) VALUES (:name, :location)
            ON CONFLICT DO NOTHING
            RETURNING id, name, location, created_at, updated_at
            """)
    Optional<Store> insertIfAbsent(String name, String location);

    @CreateSqlObject
    AuditDao audit();

    /** Inserts the store and its audit row in one transaction; empty if the name is taken. */
    @Transaction
    default Optional<Store> create(String name, String location, String userId) {
        Optional<Store> created = insertIfAbsent(name, location);
        created.ifPresent(store -> {
            Map<String, Object> details = new HashMap<>();
            details.put("name", store.name());
            details.put("location", store.location());
            audit().record(List.of(new AuditEntry(userId, AuditAction.STORE_CREATED, String.valueOf(store.id()), details)));
        });
        return created;
    }
}
