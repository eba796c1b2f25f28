package com.bazaar.config;

import io.dropwizard.db.DataSourceFactory;

/**
 * Who {@code db migrate} (and the other {@code db} commands) connect as: the role that owns the schema, while service
 * and worker connect as {@code database.user}, an application role that may not change it (docs/OPERATIONS.md,
 * "Database roles"). No user: the {@code db} commands use the database block's credentials.
 */
public class MigrationCredentials {
    private String user;
    private String password;

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** The database block with these credentials in place of its own, when a user is set. */
    public DataSourceFactory applyTo(DataSourceFactory database) {
        if (user != null && !user.isBlank()) {
            database.setUser(user);
            database.setPassword(password == null ? "" : password);
        }
        return database;
    }
}
