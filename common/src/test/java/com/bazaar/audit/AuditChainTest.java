package com.bazaar.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");

    static AuditLog row(long id, String details, String hash) {
        return new AuditLog(id, AT, "admin", "PRODUCT_CREATED", "product", "7", details, hash);
    }

    @Test
    void canonicalContentIsEachFieldLengthPrefixedWithMicroseconds() {
        assertThat(AuditChain.canonical(12, Instant.parse("2026-11-24T10:15:30Z"), "zoë", "PRODUCT_CREATED", "product",
                "7", "{\"name\": \"A\"}")).isEqualTo("""
                2:12
                27:2026-11-24T10:15:30.000000Z
                4:zoë
                15:PRODUCT_CREATED
                7:product
                1:7
                13:{"name": "A"}
                """);
    }

    /** A value holding the separator cannot pass for two fields: the lengths differ. */
    @Test
    void fieldsCannotRunIntoEachOther() {
        assertThat(AuditChain.canonical(1, AT, "a\n1:b", "X", "y", "z", "{}"))
                .isNotEqualTo(AuditChain.canonical(1, AT, "a", "b", "X", "y", "{}"));
    }

    /** SHA-256 of the previous hash's text followed by the content's UTF-8: the FIPS 180-2 test vector for "abc". */
    @Test
    void linkIsHexSha256OfThePreviousHashThenTheContent() {
        assertThat(AuditChain.link("a", "bc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheLink() {
        AuditLog base = row(1, "{}", null);
        String link = AuditChain.link(AuditChain.GENESIS, base);
        assertThat(List.of(
                AuditChain.link("1".repeat(64), base),
                AuditChain.link(AuditChain.GENESIS, row(2, "{}", null)),
                AuditChain.link(AuditChain.GENESIS, new AuditLog(1, AT.plusNanos(1000), "admin", "PRODUCT_CREATED", "product", "7", "{}", null)),
                AuditChain.link(AuditChain.GENESIS, new AuditLog(1, AT, "clerk", "PRODUCT_CREATED", "product", "7", "{}", null)),
                AuditChain.link(AuditChain.GENESIS, new AuditLog(1, AT, "admin", "STORE_CREATED", "product", "7", "{}", null)),
                AuditChain.link(AuditChain.GENESIS, new AuditLog(1, AT, "admin", "PRODUCT_CREATED", "store", "7", "{}", null)),
                AuditChain.link(AuditChain.GENESIS, new AuditLog(1, AT, "admin", "PRODUCT_CREATED", "product", "8", "{}", null)),
                AuditChain.link(AuditChain.GENESIS, row(1, "{\"a\": 1}", null))))
                .doesNotContain(link).doesNotHaveDuplicates();
        assertThat(AuditChain.link(AuditChain.GENESIS, row(1, "{}", "any stored hash"))).as("the row's own hash is not content")
                .isEqualTo(link);
    }

    static List<AuditLog> chain(int n) {
        List<AuditLog> rows = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (long id = 1; id <= n; id++) {
            AuditLog row = row(id, "{\"n\": " + id + "}", null);
            previous = AuditChain.link(previous, row);
            rows.add(new AuditLog(id, AT, row.userId(), row.actionType(), row.entityType(), row.entityId(), row.details(), previous));
        }
        return rows;
    }

    static ChainVerification check(List<AuditLog> rows, ChainHead head) {
        ChainCheck check = new ChainCheck(head);
        rows.forEach(check::accept);
        return check.result();
    }

    static ChainHead headOf(List<AuditLog> rows) {
        AuditLog last = rows.get(rows.size() - 1);
        return new ChainHead(last.id(), last.hash());
    }

    @Test
    void anIntactChainIsValidAndItsHeadIsTheLastHash() {
        List<AuditLog> rows = chain(5);
        assertThat(check(rows, headOf(rows))).isEqualTo(new ChainVerification(5, true, null, rows.get(4).hash()));
        assertThat(check(List.of(), new ChainHead(0, AuditChain.GENESIS)))
                .isEqualTo(new ChainVerification(0, true, null, AuditChain.GENESIS));
    }

    @Test
    void aChangedRowIsInvalidAtItsId() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        AuditLog third = rows.get(2);
        rows.set(2, new AuditLog(3, AT, "mallory", third.actionType(), third.entityType(), third.entityId(), third.details(), third.hash()));
        assertThat(check(rows, head)).isEqualTo(new ChainVerification(5, false, 3L, rows.get(4).hash()));
    }

    /** Even with its hash recomputed: the next row's link no longer matches. */
    @Test
    void aChangedRowWithARecomputedHashIsFoundAtTheNextRow() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        AuditLog forged = new AuditLog(3, AT, "mallory", "PRODUCT_CREATED", "product", "7", "{}", null);
        rows.set(2, new AuditLog(3, AT, "mallory", "PRODUCT_CREATED", "product", "7", "{}",
                AuditChain.link(rows.get(1).hash(), forged)));
        assertThat(check(rows, head).firstInvalidId()).isEqualTo(4L);
    }

    @Test
    void aRemovedRowIsFoundAtTheRowAfterIt() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        rows.remove(2);
        assertThat(check(rows, head)).isEqualTo(new ChainVerification(4, false, 4L, rows.get(3).hash()));
    }

    @Test
    void rowsRemovedFromTheEndAreFoundByTheHead() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        assertThat(check(rows.subList(0, 3), head).firstInvalidId()).isEqualTo(4L);
    }

    @Test
    void theLastRowRewrittenWithAValidLinkIsFoundByTheHead() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        AuditLog forged = new AuditLog(5, AT, "mallory", "PRODUCT_CREATED", "product", "7", "{}", null);
        rows.set(4, new AuditLog(5, AT, "mallory", "PRODUCT_CREATED", "product", "7", "{}",
                AuditChain.link(rows.get(3).hash(), forged)));
        assertThat(check(rows, head).firstInvalidId()).isEqualTo(5L);
    }

    @Test
    void anInsertedRowIsInvalidAtItsIdWhateverItsHash() {
        List<AuditLog> rows = new ArrayList<>(chain(5));
        ChainHead head = headOf(rows);
        AuditLog appended = row(6, "{}", null);
        List<AuditLog> withLinkedRow = new ArrayList<>(rows);
        withLinkedRow.add(new AuditLog(6, AT, "admin", "PRODUCT_CREATED", "product", "7", "{}",
                AuditChain.link(rows.get(4).hash(), appended)));
        assertThat(check(withLinkedRow, head).firstInvalidId()).as("beyond the head").isEqualTo(6L);

        List<AuditLog> inTheMiddle = new ArrayList<>(rows);
        inTheMiddle.add(2, new AuditLog(2, AT, "admin", "PRODUCT_CREATED", "product", "7", "{}", "f".repeat(64)));
        assertThat(check(inTheMiddle, head).firstInvalidId()).isEqualTo(2L);
    }
}
