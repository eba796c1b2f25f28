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

@RegisterConstructorMapper(Product.class)
public interface ProductDao {
    @SqlQuery("SELECT id, name, sku, created_at, updated_at FROM products ORDER BY id")
    List<Product> findAll();

    @SqlQuery("SELECT id, name, sku, created_at, updated_at FROM products WHERE id = :id")
    Optional<Product> findById(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM products WHERE id = :id)")
    boolean exists(long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM products WHERE lower(name) = lower(:name))")
    boolean nameTaken(String name);

    /** Empty when the name (case-insensitively) or the SKU is already taken. */
    @SqlQuery("""
            INSERT INTO products (name, sku) VALUES (:name, :sku)
            ON CONFLICT DO NOTHING
            RETURNING id, name, sku, created_at, updated_at
            """)
    Optional<Product> insertIfAbsent(String name, String sku);

    @CreateSqlObject
    AuditDao audit();

    /** Inserts the product and its audit row in one transaction; empty if the name or SKU is taken. */
    @Transaction
    default Optional<Product> create(String name, String sku, String userId) {
        Optional<Product> created = insertIfAbsent(name, sku);
        created.ifPresent(product -> {
            Map<String, Object> details = new HashMap<>();
            details.put("name", product.name());
            details.put("sku", product.sku());
            audit().record(List.of(new AuditEntry(userId, AuditAction.PRODUCT_CREATED, String.valueOf(product.id()), details)));
        });
        return created;
    }
}
