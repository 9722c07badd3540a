package io.sgdscope.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private final CsvFormat csv = new CsvFormat(List.of("id", "amount", "note"), ',');

    private static IngestRecord record(String line) {
        return new IngestRecord("t", 0, 0, 0, null, line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfc4180QuotingHoldsDelimitersQuotesAndLineBreaks() throws Exception {
        JsonNode t = csv.decode(record("t-1,12.5,\"says \"\"hi\"\", then\r\nleaves\"\r\n"));
        assertThat(t.at("/id").asText()).isEqualTo("t-1");
        assertThat(t.at("/amount").asText()).isEqualTo("12.5");
        assertThat(t.at("/note").asText()).isEqualTo("says \"hi\", then\r\nleaves");
    }

    @Test
    void anEmptyCellIsMissingButAnEmptyQuotedCellIsText() throws Exception {
        JsonNode t = csv.decode(record("t-1,,\"\""));
        assertThat(t.has("amount")).isFalse();
        assertThat(t.at("/note").asText()).isEmpty();
        assertThat(t.at("/note").isTextual()).isTrue();
    }

    @Test
    void otherDelimiters() throws Exception {
        JsonNode t = new CsvFormat(List.of("a", "b"), ';').decode(record("1,5;x"));
        assertThat(t.at("/a").asText()).isEqualTo("1,5");
        assertThat(t.at("/b").asText()).isEqualTo("x");
    }

    @Test
    void badLinesAreUnparsable() {
        for (String bad : List.of("a,b", "a,b,c,d", "a,\"b,c", "a,\"b\"x,c", "a,b\"c,d", "id,amount,note", "a,b\nc,d")) {
            assertThatThrownBy(() -> csv.decode(record(bad))).as(bad).isInstanceOf(IngestDecodeException.class)
                    .extracting(e -> ((IngestDecodeException) e).failure()).isEqualTo(IngestFailure.UNPARSABLE);
        }
        assertThatThrownBy(() -> csv.decode(new IngestRecord("t", 0, 0, 0, null, new byte[] {(byte) 0xC3, 0x28, ',', ','})))
                .hasMessageContaining("UTF-8");
    }
}
