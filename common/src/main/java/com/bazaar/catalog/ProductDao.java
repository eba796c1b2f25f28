package com.bazaar.catalog;

import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
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

    /** The product of each of these SKUs that one has. */
    @SqlQuery("SELECT sku, id FROM products WHERE sku = ANY(:skus)")
    @KeyColumn("sku")
    @ValueColumn("id")
    Map<String, Long> idsBySku(String[] skus);

    /** Empty when the name (case-insensitively) or the SKU is already taken. */
    @SqlQuery("""
            INSERT INTO products (name, sku) VALUES (:name, :sku)
            ON CONFLICT DO NOTHING
            RETURNING id, name, sku, created_at, updated_at, version
            """)
    Optional<Product> insertIfAbsent(String name, String sku);

    /** Inserts the rows in their order, leaving out each one whose name or SKU is taken (also by an earlier row). */
    @SqlQuery("""
            INSERT INTO products (name, sku)
            SELECT name, sku FROM unnest(CAST(:names AS varchar[]), CAST(:skus AS varchar[])) WITH ORDINALITY AS r (name, sku, n)
            ORDER BY n
            ON CONFLICT DO NOTHING
            RETURNING id, name, sku, created_at, updated_at, version
            """)
    List<Product> insertAllAbsent(String[] names, String[] skus);

    /** Which of these names (in lower case) a product has, in any case. */
    @SqlQuery("SELECT lower(name) FROM products WHERE lower(name) = ANY(:lowerNames)")
    Set<String> namesTaken(String[] lowerNames);

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
     * Inserts the rows that take no name or SKU already taken, with a PRODUCT_CREATED audit row each, in one
     * transaction; returns the products created.
     */
    @Transaction
    default List<Product> createAll(List<String> names, List<String> skus, String userId) {
        List<Product> created = insertAllAbsent(names.toArray(String[]::new), skus.toArray(String[]::new));
        audit().record(created.stream().map(product -> new AuditEntry(userId, AuditAction.PRODUCT_CREATED,
                String.valueOf(product.id()), values(product))).toList());
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
