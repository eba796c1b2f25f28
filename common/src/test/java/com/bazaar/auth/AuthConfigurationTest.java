package com.bazaar.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
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
            assertThat(user.roles()).containsExactly(RoleNames.ADMIN);
            assertThat(user.passwordHash()).startsWith("$2").doesNotContain("s3cret");
        });
        var passwords = new PasswordCheck(users);
        assertThat(passwords.verify("boss", "s3cret")).isPresent();
        assertThat(passwords.verify("boss", "S3cret")).isEmpty();
    }

    @Test
    void anUnknownUserIsRejected() {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        var passwords = new PasswordCheck(List.of(new UserConfiguration("known", hash, Set.of(RoleNames.CLERK))));
        assertThat(passwords.verify("known", "pw")).isPresent();
        assertThat(passwords.verify("unknown", "pw")).isEmpty();
    }

    @Test
    void onlyTasksNeedCredentialsUnlessConfiguredOtherwise() {
        assertThat(new AuthConfiguration().getAdminAccess()).isEqualTo(AdminAccess.TASKS);
        assertThat(AdminAccess.TASKS.urlPattern()).isEqualTo("/tasks/*");
        assertThat(AdminAccess.ALL.urlPattern()).isEqualTo("/*");
    }
}
