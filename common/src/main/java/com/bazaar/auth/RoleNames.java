package com.bazaar.auth;

/** The contract's roles, for both processes. {@code admin} may do everything, on the API and on the admin ports. */
public final class RoleNames {
    public static final String ADMIN = "admin";
    public static final String CLERK = "clerk";
    public static final String AUDITOR = "auditor";
    public static final String PATTERN = "admin|clerk|auditor";

    private RoleNames() {
    }
}
