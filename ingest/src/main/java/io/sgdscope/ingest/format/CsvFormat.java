package io.sgdscope.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.RecordFormat;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format: csv}: one CSV record per Kafka record, quoted as RFC 4180 says (a field in double
 * quotes may hold the delimiter, line breaks and doubled quotes {@code ""}), with the columns declared in
 * {@code csv.columns}. The tree is an object of the columns as text, addressed as {@code /column};
 * an empty unquoted cell is absent (a missing value). A record whose cells are the column names (a
 * header line written into the topic) is unparsable, as is a record with another number of cells.
 */
public final class CsvFormat implements RecordFormat {

    private final List<String> columns;
    private final char delimiter;

    public CsvFormat(List<String> columns, char delimiter) {
        this.columns = List.copyOf(columns);
        this.delimiter = delimiter;
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
        }
    }

    @Override
    public JsonNode decode(IngestRecord record) throws IngestDecodeException {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(JsonFormat.requireValue(record))).toString();
        } catch (CharacterCodingException e) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not UTF-8 text");
        }
        List<String> cells = split(line);
        if (cells.size() != columns.size()) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "a CSV line with " + cells.size()
                    + " cells, but " + columns.size() + " columns are declared");
        }
        if (cells.equals(columns)) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "a CSV header line, not a record");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            if (cells.get(i) != null) {
                o.put(columns.get(i), cells.get(i));
            }
        }
        return o;
    }

    /** The cells of one RFC 4180 record; an empty unquoted cell is null. A trailing line break is ignored. */
    List<String> split(String line) throws IngestDecodeException {
        String s = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            cell.setLength(0);
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IngestDecodeException(IngestFailure.UNPARSABLE, "a quoted CSV cell is not closed");
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < s.length() && s.charAt(i) != delimiter) {
                    throw new IngestDecodeException(IngestFailure.UNPARSABLE,
                            "text after a closing quote at character " + i);
                }
                cells.add(cell.toString());
            } else {
                while (i < s.length() && s.charAt(i) != delimiter) {
                    char c = s.charAt(i++);
                    if (c == '"' || c == '\n' || c == '\r') {
                        throw new IngestDecodeException(IngestFailure.UNPARSABLE, (c == '"' ? "a quote" : "a line break")
                                + " inside an unquoted CSV cell at character " + (i - 1));
                    }
                    cell.append(c);
                }
                cells.add(cell.length() == 0 ? null : cell.toString());
            }
            if (i >= s.length()) {
                return cells;
            }
            i++; // the delimiter
        }
    }
}
