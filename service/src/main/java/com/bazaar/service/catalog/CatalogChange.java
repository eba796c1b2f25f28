package com.bazaar.service.catalog;

import java.util.Optional;

/**
 * One NOTIFY on {@link #CHANNEL}: the table and id of a product or store whose update committed. The database
 * sends them (migration 006's trigger, payload {@code products:12} or {@code stores:3}).
 */
public record CatalogChange(Table table, long id) {
    public static final String CHANNEL = "bazaar_catalog";

    public enum Table { PRODUCTS, STORES }

    /** Empty for a payload this version does not know, which a listener skips. */
    public static Optional<CatalogChange> parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Table table = switch (payload.substring(0, colon)) {
            case "products" -> Table.PRODUCTS;
            case "stores" -> Table.STORES;
            default -> null;
        };
        try {
            long id = Long.parseLong(payload.substring(colon + 1));
            return table == null || id < 1 ? Optional.empty() : Optional.of(new CatalogChange(table, id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
