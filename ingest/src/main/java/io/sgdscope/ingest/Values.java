package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.common.Label;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads typed values out of a decoded record; every problem is a {@link MappingFailure} with its reason. */
final class Values {

    private Values() {
    }

    /** The node at {@code pointer}, or null when it is absent or JSON null. */
    static JsonNode at(JsonNode root, JsonPointer pointer) {
        JsonNode n = root.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    /** A scalar as JSON text ({@code false}, {@code 1}, {@code DE}); objects and arrays are wrong types. */
    static String text(JsonNode node, String field) {
        if (node.isContainerNode()) {
            throw new MappingFailure(IngestFailure.WRONG_TYPE, "field " + field + " must be a scalar, got "
                    + node.getNodeType().name().toLowerCase());
        }
        return node.asText();
    }

    /** The text at {@code pointer}, required. */
    static String requiredText(JsonNode root, JsonPointer pointer, String field) {
        JsonNode n = at(root, pointer);
        if (n == null) {
            throw new MappingFailure(IngestFailure.MISSING_FIELD, "field " + field + " is missing");
        }
        return text(n, field);
    }

    /** A number, a numeric string, or a boolean as 0/1 (strings {@code true}/{@code false} too: CSV cells are text). */
    static double number(JsonNode node, String field) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1 : 0;
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (s.equalsIgnoreCase("true")) {
                return 1;
            }
            if (s.equalsIgnoreCase("false")) {
                return 0;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through: not a number
            }
        }
        throw new MappingFailure(IngestFailure.WRONG_TYPE, "field " + field + " must be a number, got "
                + describe(node));
    }

    /** Epoch milliseconds from a number, a string of digits, or an ISO-8601 instant, offset date-time or date. */
    static long epochMillis(JsonNode node, String field) {
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.longValue();
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (isDigits(s)) {
                return Long.parseLong(s);
            }
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the other ISO forms
            }
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // try a date
            }
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // not a timestamp
            }
        }
        throw new MappingFailure(IngestFailure.BAD_TIMESTAMP, "field " + field
                + " must be epoch milliseconds or an ISO-8601 instant, got " + describe(node));
    }

    /** An optional minus and 1 to 18 digits: epoch milliseconds as text (no regex on the hot path). */
    private static boolean isDigits(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() <= start || s.length() - start > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The label at {@code spec.field()}, or null when absent (unlabelled). */
    static Label label(JsonNode root, JsonPointer pointer, LabelSpec spec) {
        JsonNode n = at(root, pointer);
        if (n == null) {
            return null;
        }
        if (n.isContainerNode()) {
            throw new MappingFailure(IngestFailure.BAD_LABEL, "label " + spec.field() + " must be a scalar, got "
                    + describe(n));
        }
        if (spec.isTarget()) {
            double v;
            try {
                v = number(n, spec.field());
            } catch (MappingFailure e) {
                throw new MappingFailure(IngestFailure.BAD_LABEL, "label " + spec.field()
                        + " must be a number (target), got " + describe(n));
            }
            if (!Double.isFinite(v)) {
                throw new MappingFailure(IngestFailure.BAD_LABEL, "label " + spec.field() + " is not finite");
            }
            return Label.ofTarget(v);
        }
        int index = spec.classes().indexOf(n.asText());
        if (index < 0) {
            throw new MappingFailure(IngestFailure.BAD_LABEL, "label " + spec.field() + " value " + describe(n)
                    + " is not one of the classes " + spec.classes());
        }
        return Label.ofClass(index);
    }

    /** The record key as UTF-8 text, required. */
    static String key(IngestRecord record) {
        if (record.key() == null) {
            throw new MappingFailure(IngestFailure.MISSING_FIELD, "the record has no key");
        }
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    /** A short, bounded description of a value for DLQ messages. */
    static String describe(JsonNode node) {
        String s = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static List<String> stripped(List<String> pointers) {
        return pointers.stream().map(Values::stripped).toList();
    }

    /** A pointer as a feature name: without its leading slash ({@code /user/country} is {@code user/country}). */
    static String stripped(String pointer) {
        return pointer.startsWith("/") ? pointer.substring(1) : pointer;
    }
}
