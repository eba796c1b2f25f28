package com.bazaar.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {

    @Test
    void adminImpliesEveryRole() {
        assertThat(new User("a", Set.of(Roles.ADMIN)).hasRole(Roles.AUDITOR)).isTrue();
        assertThat(new User("c", Set.of(Roles.CLERK)).hasRole(Roles.AUDITOR)).isFalse();
        assertThat(new User("c", Set.of(Roles.CLERK)).hasRole(Roles.ADMIN)).isFalse();
    }
}
