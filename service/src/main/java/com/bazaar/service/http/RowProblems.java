package com.bazaar.service.http;

import com.bazaar.errors.ErrorResponse;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/** The bad rows of an uploaded file, as one 400 that names the first ten with their lines (and counts them all). */
public final class RowProblems {
    static final int NAMED = 10;
    private final List<String> named = new ArrayList<>();
    private int rows;

    /** A bad row: its line and what is wrong with it, each problem in the words of the JSON endpoint's 400. */
    public void add(int line, List<String> problems) {
        rows++;
        if (named.size() < NAMED) {
            named.add("line " + line + ": " + String.join("; ", problems));
        }
    }

    /** The 400 if any row was bad; {@code consequence} says what was not done, such as "nothing was enqueued". */
    public void throwIfAny(String consequence) {
        if (rows == 0) {
            return;
        }
        String count = rows == 1 ? "1 row is" : rows + " rows are";
        String more = rows > named.size() ? "; and " + (rows - named.size()) + " more" : "";
        throw new BadRequestException(ErrorResponse.builder(400,
                count + " wrong, " + consequence + ": " + String.join("; ", named) + more, List.copyOf(named)).build());
    }
}
