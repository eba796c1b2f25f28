package com.bazaar.auth;

/** Which paths of an admin port need an admin's credentials. */
public enum AdminAccess {
    /** Only {@code /tasks/*}, everything that changes state; health checks, metrics, ping and threads stay readable. */
    TASKS("/tasks/*"),
    /** Every path, for ports a scraper reaches with credentials. */
    ALL("/*");

    private final String urlPattern;

    AdminAccess(String urlPattern) {
        this.urlPattern = urlPattern;
    }

    public String urlPattern() {
        return urlPattern;
    }
}
