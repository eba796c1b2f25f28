package com.bazaar.service.movement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.catalog.KnownIds;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultStoreTest {
    static final KnownIds STORES = new KnownIds(Set.of(3L, 5L)::contains);

    @Test
    void theConfiguredStoreWinsOverTheLowestId() {
        assertThat(new DefaultStore(5L, STORES, () -> Optional.of(3L)).id()).isEqualTo(5);
    }

    @Test
    void withoutOneItIsTheLowestId() {
        assertThat(new DefaultStore(null, STORES, () -> Optional.of(3L)).id()).isEqualTo(3);
    }

    @Test
    void aConfiguredStoreThatDoesNotExistIs404NamingTheSetting() {
        assertThatThrownBy(() -> new DefaultStore(4L, STORES, () -> Optional.of(3L)).id())
                .isInstanceOf(NotFoundException.class)
                .hasMessage("The default store 4 (DEFAULT_STORE_ID) does not exist");
    }

    @Test
    void noStoreAtAllIs404() {
        assertThatThrownBy(() -> new DefaultStore(null, STORES, Optional::empty).id())
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("There is no store yet");
    }
}
