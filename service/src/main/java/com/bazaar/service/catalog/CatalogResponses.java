package com.bazaar.service.catalog;

import com.bazaar.catalog.Patched;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.postgresql.util.PSQLException;

/** The HTTP side of versioned catalog entries: ETags on reads and writes, 304, 412, and 409 from unique indexes. */
final class CatalogResponses {
    /**
     * A by-id read carries credentials, so no shared cache may keep it; the client's own cache may, as long as it
     * asks again each time (If-None-Match, answered 304 while the ETag holds).
     */
    static final String CACHE_CONTROL = "private, no-cache";

    private CatalogResponses() {
    }

    static Response read(Object entity, long version, String ifNoneMatch) {
        String etag = EntityTags.of(version);
        Response.ResponseBuilder response = EntityTags.ifNoneMatch(ifNoneMatch, etag)
                ? Response.notModified() : Response.ok(entity);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    static <T> Response patched(Patched<T> outcome, ToLongFunction<T> version, Supplier<String> missing) {
        if (outcome instanceof Patched.Missing<T>) {
            throw new NotFoundException(missing.get());
        }
        if (outcome instanceof Patched.PreconditionFailed<T> failed) {
            String etag = EntityTags.of(version.applyAsLong(failed.current()));
            throw new ClientErrorException("If-Match does not name the current version (ETag " + etag
                    + "): read it again, then send the change with that ETag",
                    Response.status(Response.Status.PRECONDITION_FAILED).header(HttpHeaders.ETAG, etag).build());
        }
        T current = outcome instanceof Patched.Changed<T> changed ? changed.after() : ((Patched.Unchanged<T>) outcome).current();
        return Response.ok(current).header(HttpHeaders.ETAG, EntityTags.of(version.applyAsLong(current))).build();
    }

    /** The unique index a failed write violated ({@code products_name_key} ...), if that is why it failed. */
    static Optional<String> violatedUniqueIndex(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException sql && "23505".equals(sql.getSQLState()) && sql.getServerErrorMessage() != null) {
                return Optional.ofNullable(sql.getServerErrorMessage().getConstraint());
            }
        }
        return Optional.empty();
    }
}
