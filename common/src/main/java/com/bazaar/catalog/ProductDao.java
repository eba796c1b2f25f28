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

@RegisterConstructorMapper(Product.class)
public interface ProductDao {
    @SqlQuery("SELECT id, name, sku, created_at, updated_at, version FROM products ORDER BY id")
    List<Product> findAll();

    @SqlQuery("SELECT id, name, sku, created_at, updated_at, version FROM products WHERE id = :id")
    Optional<Product> findById(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM products WHERE id = :id)")
    boolean exists(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM products WHERE lower(name) = lower(:name))")
    boolean nameTaken(String name);

    /** Empty when the name (case-insensitively) or the SKU is already taken. */
    @SqlQuery("""
            INSERT INTO products (name, sku) VALUES (:name, :sku)
            ON CONFLICT DO NOTHING
            RETURNING id, name, sku, created_at, updated_at, version
            """)
    Optional<Product> insertIfAbsent(String name, String sku);

    @SqlQuery("SELECT id, name, sku, created_at, updated_at, version FROM products WHERE id = :id FOR UPDATE")
    Optional<Product> lockById(long id);

    /** Writes the new values and the next version; the table's trigger notifies every service instance at commit. */
    @SqlQuery("""
            UPDATE products SET name = :name, sku = :sku, version = version + 1, updated_at = now()
            WHERE id = :id
            RETURNING id, name, sku, created_at, updated_at, version
            """)
    Product write(@BindMethods Product product);

    @CreateSqlObject
    AuditDao audit();

    /** Inserts the product and its audit row in one transaction; empty if the name or SKU is taken. */
    @Transaction
    default Optional<Product> create(String name, String sku, String userId) {
        Optional<Product> created = insertIfAbsent(name, sku);
        created.ifPresent(product -> audit().record(
                List.of(new AuditEntry(userId, AuditAction.PRODUCT_CREATED, String.valueOf(product.id()), values(product)))));
        return created;
    }

    /**
     * Locks the product, lets {@code decide} say what the PATCH does to it, and writes a change with its
     * PRODUCT_UPDATED audit row (the values before and after) in one transaction. A name (or SKU) taken by
     * another row throws the unique violation, and nothing is written.
     */
    @Transaction
    default Patched<Product> patch(long id, Function<Product, Patched<Product>> decide, String userId) {
        Optional<Product> current = lockById(id);
        if (current.isEmpty()) {
            return new Patched.Missing<>();
        }
        Patched<Product> decided = decide.apply(current.get());
        if (!(decided instanceof Patched.Changed<Product> change)) {
            return decided;
        }
        Product written = write(change.after());
        audit().record(List.of(new AuditEntry(userId, AuditAction.PRODUCT_UPDATED, String.valueOf(id),
                Map.of("before", values(change.before()), "after", values(written)))));
        return new Patched.Changed<>(change.before(), written);
    }

    /** What the audit trail records of a product. */
    static Map<String, Object> values(Product product) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", product.name());
        values.put("sku", product.sku());
        return values;
    }
}
