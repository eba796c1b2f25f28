package com.bazaar.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthConfigurationTest {

    @Test
    void refusesToRunWithNoUser() {
        assertThatThrownBy(() -> new AuthConfiguration().allUsers())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BASIC_AUTH_USER");
    }

    @Test
    void refusesHalfAnEnvironmentAdmin() {
        AuthConfiguration auth = new AuthConfiguration();
        auth.setAdminUser("admin");
        assertThatThrownBy(auth::allUsers).hasMessageContaining("together");
    }

    @Test
    void theEnvironmentAdminIsHashedNotKeptInClear() {
        AuthConfiguration auth = new AuthConfiguration();
        auth.setAdminUser("boss");
        auth.setAdminPassword("s3cret");

        List<UserConfiguration> users = auth.allUsers();

        assertThat(users).singleElement().satisfies(user -> {
            assertThat(user.name()).isEqualTo("boss");
            assertThat(user.roles()).containsExactly(Roles.ADMIN);
            assertThat(user.passwordHash()).startsWith("$2").doesNotContain("s3cret");
        });
        var authenticator = new BcryptAuthenticator(users);
        assertThat(authenticator.authenticate(new BasicCredentials("boss", "s3cret"))).isPresent();
        assertThat(authenticator.authenticate(new BasicCredentials("boss", "S3cret"))).isEmpty();
    }

    @Test
    void adminImpliesEveryRole() {
        assertThat(new User("a", Set.of(Roles.ADMIN)).hasRole(Roles.AUDITOR)).isTrue();
        assertThat(new User("c", Set.of(Roles.CLERK)).hasRole(Roles.AUDITOR)).isFalse();
        assertThat(new User("c", Set.of(Roles.CLERK)).hasRole(Roles.ADMIN)).isFalse();
    }

    @Test
    void anUnknownUserIsRejected() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        var authenticator = new BcryptAuthenticator(List.of(new UserConfiguration("known", hash, Set.of(Roles.CLERK))));
        assertThat(authenticator.authenticate(new BasicCredentials("known", "pw"))).isPresent();
        assertThat(authenticator.authenticate(new BasicCredentials("unknown", "pw"))).isEmpty();
    }
}
