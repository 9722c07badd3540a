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
            long fast = utcMillis(s);
            if (fast != Long.MIN_VALUE) {
                return fast;
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

    /**
     * Epoch ms of the common form {@code 2026-11-30T10:00:00Z} or {@code 2026-11-30T10:00:00.123456Z}
     * without {@link java.time.format.DateTimeFormatter} (several times slower on the hot path), or
     * {@code Long.MIN_VALUE} when {@code s} has another form; the same result as
     * {@code Instant.parse(s).toEpochMilli()} (the fraction truncated to milliseconds).
     */
    static long utcMillis(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int millis = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return Long.MIN_VALUE;
            }
            for (int i = 20; i < n - 1; i++) {
                int d = digit(s.charAt(i));
                if (d < 0) {
                    return Long.MIN_VALUE;
                }
                if (i < 23) {
                    millis = millis * 10 + d;
                }
            }
            for (int i = n - 1; i < 23; i++) {
                millis *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
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
