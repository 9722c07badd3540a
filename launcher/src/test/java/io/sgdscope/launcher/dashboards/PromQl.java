package io.sgdscope.launcher.dashboards;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the metric names a PromQL expression reads, as written in a Grafana panel (with {@code $var}
 * and {@code ${var}} template variables). A small tokenizer, not a parser: an identifier is a metric
 * name unless it is followed by {@code (} (a function or aggregation), is a keyword or aggregation
 * operator, or is a label name (inside {@code {}} or the label list of {@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left}, {@code group_right}). Strings, numbers, durations
 * and range brackets are skipped; {@code {__name__="x"}} names {@code x}. Unbalanced brackets and
 * unterminated strings are errors, so a broken query cannot pass as one with no names.
 */
public final class PromQl {

    /** Aggregation operators: they may be followed by {@code by (...)} instead of {@code (}. */
    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    /** Keywords followed by a parenthesised list of label names. */
    static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan");

    private enum Bracket { BRACE, PAREN, LABEL_LIST }

    private final String expr;
    private final Set<String> names = new LinkedHashSet<>();
    private final Deque<Bracket> open = new ArrayDeque<>();
    private int pos;
    private boolean labelListNext;
    private boolean nameMatcherNext;

    private PromQl(String expr) {
        this.expr = expr;
    }

    /** The metric names {@code expr} reads, in order of first appearance. */
    public static Set<String> metricNames(String expr) {
        PromQl t = new PromQl(expr);
        t.scan();
        return t.names;
    }

    private void scan() {
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            boolean wasLabelList = labelListNext;
            boolean wasNameMatcher = nameMatcherNext;
            labelListNext = false;
            nameMatcherNext = false;
            if (c == '#') {
                skipComment();
            } else if (c == '"' || c == '\'' || c == '`') {
                String s = string(c);
                if (wasNameMatcher) {
                    names.add(s);
                }
            } else if (c == '$') {
                skipVariable();
            } else if (c == '[') {
                skipRange();
            } else if (c == '{') {
                open.push(Bracket.BRACE);
                pos++;
            } else if (c == '(') {
                open.push(wasLabelList ? Bracket.LABEL_LIST : Bracket.PAREN);
                pos++;
            } else if (c == '}' || c == ')') {
                close(c);
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < expr.length() && Character.isDigit(expr.charAt(pos + 1)))) {
                skipNumber();
            } else if (isIdentifierStart(c)) {
                identifier();
            } else if (c == '=' && inside(Bracket.BRACE) && wasNameMatcher) {
                // the '=' of __name__="x": keep waiting for the string
                nameMatcherNext = true;
                pos++;
            } else if (c == ']') {
                throw error("unbalanced ']'");
            } else {
                pos++; // operators, commas, '@'
            }
        }
        if (!open.isEmpty()) {
            throw error("unclosed " + (open.peek() == Bracket.BRACE ? "'{'" : "'('"));
        }
    }

    private void identifier() {
        int start = pos;
        while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
            pos++;
        }
        String id = expr.substring(start, pos);
        String lower = id.toLowerCase(Locale.ROOT);
        if (inside(Bracket.BRACE)) {
            // a label matcher: only __name__= names a metric
            if (id.equals("__name__") && nextNonSpace() == '=' && charAfterNext('=') != '~') {
                nameMatcherNext = true;
            }
            return;
        }
        if (inside(Bracket.LABEL_LIST)) {
            return;
        }
        if (LABEL_LIST_KEYWORDS.contains(lower)) {
            labelListNext = true;
            return;
        }
        if (nextNonSpace() == '(' || AGGREGATIONS.contains(lower) || KEYWORDS.contains(lower)) {
            return;
        }
        names.add(id);
    }

    private boolean inside(Bracket b) {
        return open.peek() == b;
    }

    private void close(char c) {
        Bracket top = open.poll();
        boolean matches = c == '}' ? top == Bracket.BRACE : top == Bracket.PAREN || top == Bracket.LABEL_LIST;
        if (!matches) {
            throw error("unbalanced '" + c + "'");
        }
        pos++;
    }

    private String string(char quote) {
        StringBuilder s = new StringBuilder();
        pos++;
        while (pos < expr.length()) {
            char c = expr.charAt(pos++);
            if (c == quote) {
                return s.toString();
            }
            if (c == '\\' && quote != '`' && pos < expr.length()) {
                c = expr.charAt(pos++);
            }
            s.append(c);
        }
        throw error("unterminated string");
    }

    private void skipVariable() {
        pos++;
        if (pos < expr.length() && expr.charAt(pos) == '{') {
            int end = expr.indexOf('}', pos);
            if (end < 0) {
                throw error("unterminated ${...}");
            }
            pos = end + 1;
            return;
        }
        while (pos < expr.length() && isIdentifierPart(expr.charAt(pos)) && expr.charAt(pos) != ':') {
            pos++;
        }
    }

    /** A range or subquery: durations, a colon, template variables; never a metric name. */
    private void skipRange() {
        int end = expr.indexOf(']', pos);
        if (end < 0) {
            throw error("unclosed '['");
        }
        pos = end + 1;
    }

    private void skipNumber() {
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && (expr.charAt(pos - 1) == 'e' || expr.charAt(pos - 1) == 'E')
                    && !Character.isLetter(pos >= 2 ? expr.charAt(pos - 2) : ' ');
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int end = expr.indexOf('\n', pos);
        pos = end < 0 ? expr.length() : end + 1;
    }

    private char nextNonSpace() {
        int i = pos;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i < expr.length() ? expr.charAt(i) : '\0';
    }

    /** The character right after the next non-space one, which must be {@code expected}. */
    private char charAfterNext(char expected) {
        int i = expr.indexOf(expected, pos);
        return i + 1 < expr.length() ? expr.charAt(i + 1) : '\0';
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos + " in: " + expr);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c);
    }
}
