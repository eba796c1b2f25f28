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
    RESERVATION_CONSUMED("reservation"),
    /** An admin subscribed a URL to events (details: url, events, storeId; never the secret). */
    WEBHOOK_CREATED("webhook"),
    WEBHOOK_DELETED("webhook"),
    /** An admin restarted a subscription (details: the status it had). */
    WEBHOOK_RESUMED("webhook");

    private final String entityType;

    AuditAction(String entityType) {
        this.entityType = entityType;
    }

    public String entityType() {
        return entityType;
    }
}
