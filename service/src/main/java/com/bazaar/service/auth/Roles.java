package com.bazaar.service.auth;

/** The contract's roles. {@code admin} may do everything, so endpoints name only the other roles they admit. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String CLERK = "clerk";
    public static final String AUDITOR = "auditor";
    public static final String PATTERN = "admin|clerk|auditor";

    private Roles() {
    }
}
