package com.bazaar.service.auth;

import com.bazaar.auth.RoleNames;

/** The contract's roles for {@code @RolesAllowed}. {@code admin} may do everything, so endpoints name only the other roles they admit. */
public final class Roles {
    public static final String ADMIN = RoleNames.ADMIN;
    public static final String CLERK = RoleNames.CLERK;
    public static final String AUDITOR = RoleNames.AUDITOR;

    private Roles() {
    }
}
