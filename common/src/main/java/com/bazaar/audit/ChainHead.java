package com.bazaar.audit;

/** The last row of the chain as its writers recorded it (table audit_chain): its id and hash. */
public record ChainHead(long lastId, String hash) {
}
