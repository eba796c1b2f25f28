package com.bazaar.catalog;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(Store.class)
public interface StoreDao {
    @SqlQuery("SELECT id, name, location, created_at, updated_at, version FROM stores ORDER BY id")
    List<Store> findAll();

    @SqlQuery("SELECT id, name, location, created_at, updated_at, version FROM stores WHERE id = :id")
    Optional<Store> findById(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM stores WHERE id = :id)")
    boolean exists(long id);

    @SqlQuery("SELECT min(id) FROM stores")
    Optional<Long> lowestId();

    /** Empty when the name is already taken, case-insensitively. */
    @SqlQuery("""
            INSERT INTO stores (name, location) VALUES (:name, :location)
            ON CONFLICT DO NOTHING
            RETURNING id, name, location, created_at, updated_at, version
            """)
    Optional<Store> insertIfAbsent(String name, String location);

    @SqlQuery("SELECT id, name, location, created_at, updated_at, version FROM stores WHERE id = :id FOR UPDATE")
    Optional<Store> lockById(long id);

    /** Writes the new values and the next version; the table's trigger notifies every service instance at commit. */
    @SqlQuery("""
            UPDATE stores SET name = :name, location = :location, version = version + 1, updated_at = now()
            WHERE id = :id
            RETURNING id, name, location, created_at, updated_at, version
            """)
    Store write(@BindMethods Store store);

    @CreateSqlObject
    AuditDao audit();

    /** Inserts the store and its audit row in one transaction; empty if the name is taken. */
    @Transaction
    default Optional<Store> create(String name, String location, String userId) {
        Optional<Store> created = insertIfAbsent(name, location);
        created.ifPresent(store -> audit().record(
                List.of(new AuditEntry(userId, AuditAction.STORE_CREATED, String.valueOf(store.id()), values(store)))));
        return created;
    }

    /**
     * Locks the store, lets {@code decide} say what the PATCH does to it, and writes a change with its
     * STORE_UPDATED audit row (the values before and after) in one transaction. A name (or SKU) taken by
     * another row throws the unique violation, and nothing is written.
     */
    @Transaction
    default Patched<Store> patch(long id, Function<Store, Patched<Store>> decide, String userId) {
        Optional<Store> current = lockById(id);
        if (current.isEmpty()) {
            return new Patched.Missing<>();
        }
        Patched<Store> decided = decide.apply(current.get());
        if (!(decided instanceof Patched.Changed<Store> change)) {
            return decided;
        }
        Store written = write(change.after());
        audit().record(List.of(new AuditEntry(userId, AuditAction.STORE_UPDATED, String.valueOf(id),
                Map.of("before", values(change.before()), "after", values(written)))));
        return new Patched.Changed<>(change.before(), written);
    }

    /** What the audit trail records of a store. */
    static Map<String, Object> values(Store store) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", store.name());
        values.put("location", store.location());
        return values;
    }
}
