package com.bazaar.service.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {
    static final String CURRENT = EntityTags.of(3);

    @Test
    void aVersionIsAStrongQuotedTag() {
        assertThat(CURRENT).isEqualTo("\"3\"");
    }

    @Test
    void parsesListsWithWeakTagsWhiteSpaceAndCommasInsideQuotes() {
        assertThat(EntityTags.parse("\"1\", W/\"2\" ,\t\"a,b\"")).containsExactly("\"1\"", "W/\"2\"", "\"a,b\"");
        assertThat(EntityTags.parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "W/3", "\"3\" \"4\"", "\"3\"x", "w/\"3\""})
    void aMalformedListHasNoTags(String header) {
        assertThat(EntityTags.parse(header)).isEmpty();
    }

    @Test
    void ifMatchComparesStronglyAndAllowsAbsentOrAny() {
        assertThat(EntityTags.ifMatch(null, CURRENT)).isTrue();
        assertThat(EntityTags.ifMatch("*", CURRENT)).isTrue();
        assertThat(EntityTags.ifMatch("\"3\"", CURRENT)).isTrue();
        assertThat(EntityTags.ifMatch("\"1\", \"3\"", CURRENT)).isTrue();
        assertThat(EntityTags.ifMatch("\"2\"", CURRENT)).isFalse();
        assertThat(EntityTags.ifMatch("W/\"3\"", CURRENT)).as("a weak tag never matches If-Match").isFalse();
        assertThat(EntityTags.ifMatch("3", CURRENT)).as("unquoted: malformed").isFalse();
        assertThat(EntityTags.ifMatch("", CURRENT)).isFalse();
    }

    @Test
    void ifNoneMatchComparesWeaklyAndMatchesAny() {
        assertThat(EntityTags.ifNoneMatch(null, CURRENT)).isFalse();
        assertThat(EntityTags.ifNoneMatch("*", CURRENT)).isTrue();
        assertThat(EntityTags.ifNoneMatch("\"3\"", CURRENT)).isTrue();
        assertThat(EntityTags.ifNoneMatch("W/\"3\"", CURRENT)).isTrue();
        assertThat(EntityTags.ifNoneMatch("\"2\", W/\"3\"", CURRENT)).isTrue();
        assertThat(EntityTags.ifNoneMatch("\"2\"", CURRENT)).isFalse();
        assertThat(EntityTags.ifNoneMatch("\"3", CURRENT)).isFalse();
    }
}
