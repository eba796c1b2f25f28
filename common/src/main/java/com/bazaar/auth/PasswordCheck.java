package com.bazaar.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a name and password against the configured bcrypt hashes. An unknown name is verified against a
 * dummy hash so that it takes as long as a wrong password and does not reveal which names exist.
 */
public class PasswordCheck {
    public static final int COST = 10;
    private static final String UNKNOWN_USER_HASH = BCrypt.withDefaults().hashToString(COST, "unknown".toCharArray());

    private final Map<String, UserConfiguration> users;

    public PasswordCheck(List<UserConfiguration> users) {
        this.users = users.stream().collect(Collectors.toMap(UserConfiguration::name, Function.identity()));
    }

    public Optional<UserConfiguration> verify(String name, String password) {
        UserConfiguration user = users.get(name);
        String hash = user == null ? UNKNOWN_USER_HASH : user.passwordHash();
        boolean verified = BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
        return verified && user != null ? Optional.of(user) : Optional.empty();
    }
}
