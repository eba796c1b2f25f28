package com.bazaar.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Set;

/** One user in config.yml: a name, a bcrypt hash (never a password) and roles. */
public record UserConfiguration(
        @NotBlank String name,
        @NotBlank @Pattern(regexp = "\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}", message = "must be a bcrypt hash")
        String passwordHash,
        @NotEmpty Set<@Pattern(regexp = RoleNames.PATTERN, message = "must be one of admin, clerk, auditor") String> roles) {
}
