package com.bazaar.service.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks Basic credentials against the configured bcrypt hashes. An unknown name is verified against a
 * dummy hash so that it takes as long as a wrong password and does not reveal which names exist.
 */
public class BcryptAuthenticator implements Authenticator<BasicCredentials, User> {
    static final int COST = 10;
    private static final String UNKNOWN_USER_HASH = BCrypt.withDefaults().hashToString(COST, "unknown".toCharArray());

    private final Map<String, UserConfiguration> users;

    public BcryptAuthenticator(List<UserConfiguration> users) {
        this.users = users.stream().collect(Collectors.toMap(UserConfiguration::name, Function.identity()));
    }

    @Override
    public Optional<User> authenticate(BasicCredentials credentials) {
        UserConfiguration user = users.get(credentials.getUsername());
        String hash = user == null ? UNKNOWN_USER_HASH : user.passwordHash();
        boolean verified = BCrypt.verifyer().verify(credentials.getPassword().toCharArray(), hash).verified;
        return verified && user != null ? Optional.of(new User(user.name(), user.roles())) : Optional.empty();
    }
}
