package com.bazaar.service.inventory;

import com.bazaar.inventory.InventoryExportRow;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * A store's inventory as CSV (RFC 4180: a header row, CRLF, fields quoted where they hold a comma, a quote or a line
 * break; UTF-8 without a byte order mark), written row by row as the database hands them over.
 */
final class InventoryCsv {
    static final String MEDIA_TYPE = "text/csv";
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(InventoryExportRow.class).withHeader().withLineSeparator("\r\n");

    private InventoryCsv() {
    }

    /** @param rows hands each row to the consumer it is given, in order */
    static StreamingOutput of(Consumer<Consumer<InventoryExportRow>> rows) {
        return out -> {
            try (SequenceWriter writer = CSV.writer(SCHEMA).writeValues(out)) {
                rows.accept(row -> {
                    try {
                        writer.write(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
    }
}
