package com.bazaar.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.ws.rs.BadRequestException;

/**
 * An uploaded CSV file (RFC 4180, UTF-8, a header row) read whole, for the imports: quoted fields may hold commas,
 * quotes and line breaks, lines end in CRLF or LF, a byte order mark is ignored and blank lines are skipped. Each
 * row keeps the line it starts on, which is what an error names. A file that is not CSV or not UTF-8, a header with
 * a column not in {@code columns} or a column twice, a row with more fields than the header, no rows, or more than
 * {@code maxRows} is a 400.
 */
public record CsvBody(Set<String> header, List<Row> rows) {
    public static final String MEDIA_TYPE = "text/csv";
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    /** A data row; a field left empty (or missing at the end of the row) reads as null. */
    public record Row(int line, Map<String, String> fields) {
        public String get(String column) {
            return fields.get(column);
        }
    }

    public static CsvBody read(InputStream body, Set<String> columns, int maxRows) {
        String text = utf8(body);
        Lines lines = new Lines(text);
        try (CsvParser parser = (CsvParser) CSV.createParser(text)) {
            Record header = next(parser, lines);
            if (header == null) {
                throw new BadRequestException("The file is empty: it needs a header row and at least one row");
            }
            List<String> order = new ArrayList<>();
            for (String name : header.values()) {
                String column = name.strip();
                if (!columns.contains(column)) {
                    throw new BadRequestException("Line " + header.line() + ": unknown column '" + column
                            + "'; the columns are " + String.join(", ", columns));
                }
                if (order.contains(column)) {
                    throw new BadRequestException("Line " + header.line() + ": column '" + column + "' appears twice");
                }
                order.add(column);
            }
            List<Row> rows = new ArrayList<>();
            for (Record record = next(parser, lines); record != null; record = next(parser, lines)) {
                if (rows.size() == maxRows) {
                    throw new BadRequestException("More than " + maxRows + " rows: split the file");
                }
                if (record.values().size() > order.size()) {
                    throw new BadRequestException("Line " + record.line() + ": " + record.values().size()
                            + " fields, the header has " + order.size());
                }
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < record.values().size(); i++) {
                    if (!record.values().get(i).isEmpty()) {
                        fields.put(order.get(i), record.values().get(i));
                    }
                }
                rows.add(new Row(record.line(), fields));
            }
            if (rows.isEmpty()) {
                throw new BadRequestException("The file has a header and no rows");
            }
            return new CsvBody(new LinkedHashSet<>(order), rows);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Malformed CSV at line " + lines.at(e.getLocation().getCharOffset()) + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("The file could not be read: " + e.getMessage());
        }
    }

    private record Record(int line, List<String> values) {
    }

    /** The next record and the line it starts on, or null at the end. */
    private static Record next(CsvParser parser, Lines lines) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        // The record's own start is not kept by the parser (START_ARRAY's location is where the previous record ended).
        int line = 0;
        List<String> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            if (values.isEmpty()) {
                line = lines.at(parser.currentTokenLocation().getCharOffset());
            }
            values.add(parser.getText());
        }
        return new Record(line, values);
    }

    /** The body as text: strictly UTF-8 (a wrong byte is a 400 naming where it is), without a byte order mark. */
    private static String utf8(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new BadRequestException("The file could not be read: " + e.getMessage());
        }
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The file is not UTF-8: " + e.getMessage());
        }
        return text.length() > 0 && text.charAt(0) == '\uFEFF' ? text.subSequence(1, text.length()).toString() : text.toString();
    }

    /** Which line (from 1) a character offset of the text lies on. */
    private static final class Lines {
        private final int[] starts;

        Lines(String text) {
            List<Integer> found = new ArrayList<>(List.of(0));
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                found.add(i + 1);
            }
            starts = found.stream().mapToInt(Integer::intValue).toArray();
        }

        int at(long offset) {
            int found = Arrays.binarySearch(starts, (int) Math.max(0, offset));
            return (found >= 0 ? found : -found - 2) + 1;
        }
    }
}
