package com.bazaar.service.auth;

import java.security.Principal;
import java.util.Set;

public record User(String name, Set<String> roles) implements Principal {
    @Override
    public String getName() {
        return name;
    }

    public boolean hasRole(String role) {
        return roles.contains(Roles.ADMIN) || roles.contains(role);
    }
}
