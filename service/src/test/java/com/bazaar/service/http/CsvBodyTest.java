package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvBodyTest {
    static final Set<String> COLUMNS = Set.of("sku", "quantity", "reason");

    static CsvBody read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), 10);
    }

    static CsvBody read(byte[] bytes, int maxRows) {
        return CsvBody.read(new ByteArrayInputStream(bytes), COLUMNS, maxRows);
    }

    @Test
    void readsQuotedFieldsCrlfAByteOrderMarkAndSkipsBlankLinesKeepingEachRowsFirstLine() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "sku,quantity,reason\r\nA-1,5,\"a, b\"\r\n\r\nB-2,7,\"two\r\nlines \"\"quoted\"\"\"\r\nC-3,1\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(text, 0, file, bom.length, text.length);

        CsvBody csv = read(file, 10);

        assertThat(csv.header()).containsExactly("sku", "quantity", "reason");
        assertThat(csv.rows()).containsExactly(
                new CsvBody.Row(2, Map.of("sku", "A-1", "quantity", "5", "reason", "a, b")),
                new CsvBody.Row(4, Map.of("sku", "B-2", "quantity", "7", "reason", "two\r\nlines \"quoted\"")),
                new CsvBody.Row(6, Map.of("sku", "C-3", "quantity", "1")));
    }

    @Test
    void anEmptyFieldReadsAsAbsent() {
        assertThat(read("sku,quantity\nA,\n").rows().get(0).get("quantity")).isNull();
    }

    @Test
    void refusesAnUnknownOrRepeatedColumnTooManyFieldsNoRowsAndTooManyRows() {
        assertThatThrownBy(() -> read("sku,qty\nA,1\n")).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Line 1: unknown column 'qty'");
        assertThatThrownBy(() -> read("sku,sku\nA,1\n")).hasMessage("Line 1: column 'sku' appears twice");
        assertThatThrownBy(() -> read("sku,quantity\nA,1\nB,2,3\n")).hasMessage("Line 3: 3 fields, the header has 2");
        assertThatThrownBy(() -> read("sku,quantity\r\n\r\n")).hasMessage("The file has a header and no rows");
        assertThatThrownBy(() -> read("")).hasMessageStartingWith("The file is empty");
        assertThatThrownBy(() -> read("sku\nA\nB\nC\n".getBytes(StandardCharsets.UTF_8), 2))
                .hasMessage("More than 2 rows: split the file");
    }

    @Test
    void refusesAFileThatIsNotUtf8OrNotCsv() {
        assertThatThrownBy(() -> read(new byte[] {'s', 'k', 'u', '\n', (byte) 0xC3, '(', '\n'}, 10))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("The file is not UTF-8");
        assertThatThrownBy(() -> read("sku,quantity\n\"A,1\n")).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Malformed CSV at line");
    }

    @Test
    void keepsTheHeadersOrder() {
        assertThat(List.copyOf(read("reason,sku\nx,A\n").header())).containsExactly("reason", "sku");
    }
}
