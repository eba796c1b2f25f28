package com.bazaar.audit;

/**
 * Verifies the chain one row at a time, rows given in id order, so that any number of them is checked in constant
 * memory. A row is invalid when its hash is not the link from the row before it (it was changed, or a row before it
 * was removed, or it was inserted with a hash of its own), or when it lies beyond the head that the writers recorded
 * (appended without the chain's lock). Rows removed from the end show as the head naming a row that is not there.
 */
public final class ChainCheck {
    private final ChainHead head;
    private String previous = AuditChain.GENESIS;
    private long rows;
    private long lastId;
    private Long firstInvalidId;

    /** @param head the chain head read in the same snapshot as the rows */
    public ChainCheck(ChainHead head) {
        this.head = head;
    }

    public void accept(AuditLog row) {
        rows++;
        boolean valid = row.id() <= head.lastId() && AuditChain.link(previous, row).equals(row.hash());
        if (!valid && firstInvalidId == null) {
            firstInvalidId = row.id();
        }
        previous = row.hash();
        lastId = row.id();
    }

    public ChainVerification result() {
        Long invalid = firstInvalidId;
        if (invalid == null && lastId < head.lastId()) {
            invalid = lastId + 1;
        } else if (invalid == null && !previous.equals(head.hash())) {
            invalid = lastId;
        }
        return new ChainVerification(rows, invalid == null, invalid, previous);
    }
}
