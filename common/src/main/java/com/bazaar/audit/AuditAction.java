package com.bazaar.audit;

/** What an audit row records, stored by name in audit_logs.action_type. */
public enum AuditAction {
    PRODUCT_CREATED("product"),
    STORE_CREATED("store"),
    PRODUCT_UPDATED("product"),
    STORE_UPDATED("store"),
    MOVEMENT_APPLIED("stock_movement"),
    MOVEMENT_REJECTED("stock_movement"),
    /** A level went from above its threshold to at or under it; entity id {@code storeId:productId}. */
    LOW_STOCK_REACHED("inventory_level"),
    /** An admin set or cleared a level's threshold (details: before and after); entity id {@code storeId:productId}. */
    LOW_STOCK_THRESHOLD_SET("inventory_level"),
    /** The worker took a hold (entity id: the reservation's); the rest of a hold's life follows. */
    RESERVATION_CREATED("reservation"),
    RESERVATION_REJECTED("reservation"),
    RESERVATION_RELEASED("reservation"),
    RESERVATION_EXPIRED("reservation"),
    RESERVATION_CONSUMED("reservation");

    private final String entityType;

    AuditAction(String entityType) {
        this.entityType = entityType;
    }

    public String entityType() {
        return entityType;
    }
}
