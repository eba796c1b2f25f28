package com.bazaar.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public class AuthConfiguration {
    /** With {@link #adminPassword}, one admin user defined in the environment (BASIC_AUTH_USER / BASIC_AUTH_PASS). */
    private String adminUser;

    private String adminPassword;

    @Valid
    @NotNull
    private List<UserConfiguration> users = List.of();

    /** How long a verified name and password are remembered, so bcrypt is not paid on every request. */
    @NotNull
    private CaffeineSpec cachePolicy = CaffeineSpec.parse("maximumSize=10000, expireAfterWrite=10m");

    public String getAdminUser() {
        return adminUser;
    }

    public void setAdminUser(String adminUser) {
        this.adminUser = adminUser;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    /** Which admin-port paths need an admin's credentials, on both processes (ADMIN_AUTH). */
    @NotNull
    private AdminAccess adminAccess = AdminAccess.TASKS;

    public AdminAccess getAdminAccess() {
        return adminAccess;
    }

    public void setAdminAccess(AdminAccess adminAccess) {
        this.adminAccess = adminAccess;
    }

    public List<UserConfiguration> getUsers() {
        return users;
    }

    public void setUsers(List<UserConfiguration> users) {
        this.users = users;
    }

    public CaffeineSpec getCachePolicy() {
        return cachePolicy;
    }

    public void setCachePolicy(CaffeineSpec cachePolicy) {
        this.cachePolicy = cachePolicy;
    }

    /**
     * Every configured user, the environment's admin included (its password hashed here).
     *
     * @throws IllegalStateException when no user at all is configured: the service never runs open
     */
    public List<UserConfiguration> allUsers() {
        List<UserConfiguration> all = new ArrayList<>(users);
        boolean hasAdminUser = adminUser != null && !adminUser.isBlank();
        boolean hasAdminPassword = adminPassword != null && !adminPassword.isEmpty();
        if (hasAdminUser != hasAdminPassword) {
            throw new IllegalStateException("BASIC_AUTH_USER and BASIC_AUTH_PASS must be set together");
        }
        if (hasAdminUser) {
            String hash = BCrypt.withDefaults().hashToString(PasswordCheck.COST, adminPassword.toCharArray());
            all.add(new UserConfiguration(adminUser.strip(), hash, Set.of(RoleNames.ADMIN)));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("No user is configured: set BASIC_AUTH_USER and BASIC_AUTH_PASS, "
                    + "or list users with bcrypt hashes under auth.users in config.yml");
        }
        return all;
    }
}
