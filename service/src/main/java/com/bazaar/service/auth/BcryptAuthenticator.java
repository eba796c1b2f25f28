package com.bazaar.service.auth;

import com.bazaar.auth.PasswordCheck;
import com.bazaar.auth.UserConfiguration;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.List;
import java.util.Optional;

/** Basic credentials checked by {@link PasswordCheck}, as the API's {@link User}. */
public class BcryptAuthenticator implements Authenticator<BasicCredentials, User> {
    private final PasswordCheck passwords;

    public BcryptAuthenticator(List<UserConfiguration> users) {
        this.passwords = new PasswordCheck(users);
    }

    @Override
    public Optional<User> authenticate(BasicCredentials credentials) {
        return passwords.verify(credentials.getUsername(), credentials.getPassword())
                .map(user -> new User(user.name(), user.roles()));
    }
}
