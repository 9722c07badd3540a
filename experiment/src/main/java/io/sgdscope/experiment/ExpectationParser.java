package io.sgdscope.experiment;

import io.sgdscope.experiment.Expectation.AtSamples;
import io.sgdscope.experiment.Expectation.AtStep;
import io.sgdscope.experiment.Expectation.Condition;
import io.sgdscope.experiment.Expectation.Constant;
import io.sgdscope.experiment.Expectation.End;
import io.sgdscope.experiment.Expectation.First;
import io.sgdscope.experiment.Expectation.Op;
import io.sgdscope.experiment.Expectation.Point;
import io.sgdscope.experiment.Expectation.Ref;
import io.sgdscope.experiment.Expectation.Shift;
import io.sgdscope.experiment.Expectation.Side;
import io.sgdscope.experiment.Expectation.Start;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectation grammar, by recursive descent over a small token list:
 * <pre>
 * expect    := compare | trend
 * compare   := side OP side 'at' point [every]
 * trend     := [VARIANT ':'] METRIC ('rises' | 'falls') ['after' condition | 'between' point 'and' point] [every]
 * side      := NUMBER | [NUMBER '*'] VARIANT ':' METRIC
 * point     := 'start' | 'end' | 'step' INT | 'samples' INT | ['after'] 'shift' INT | 'first' condition
 * condition := METRIC OP NUMBER
 * every     := 'in' 'every' 'seed'
 * OP        := '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * </pre>
 * Variant and metric names are checked against the experiment's variants and {@link Metrics}.
 */
public final class ExpectationParser {

    /** A line that does not parse: the 1-based column of the offending token and what was expected. */
    public static final class SyntaxException extends RuntimeException {
        private final int column;

        SyntaxException(int column, String message) {
            super(message + " (column " + column + ")");
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private record Token(Kind kind, String text, int column) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        @Override
        public String toString() {
            return kind == Kind.END ? "the end of the line" : "'" + text + "'";
        }
    }

    private enum Kind { WORD, NUMBER, COLON, STAR, OP, END }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<num>-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_.-]*)"
                    + "|(?<op><=|>=|==|=|<|>)|(?<colon>:)|(?<star>\\*))");

    private final Set<String> variants;
    private List<Token> tokens;
    private int pos;

    /** @param variants the experiment's variant names, which a line may name */
    public ExpectationParser(Set<String> variants) {
        this.variants = Set.copyOf(variants);
    }

    public Expectation parse(String line) {
        tokens = tokenize(line);
        pos = 0;
        Expectation e = expectation(line.strip());
        expect(Kind.END, "nothing more");
        return e;
    }

    private Expectation expectation(String text) {
        Token first = peek();
        if (first.kind() == Kind.WORD && !first.text().isEmpty()) {
            // VARIANT ':' METRIC (rises|falls | OP ...)  or  METRIC rises|falls
            if (peek(1).kind() == Kind.COLON) {
                String variant = variant(next());
                next();
                String metric = metric(next());
                if (peek().is("rises") || peek().is("falls")) {
                    return trend(text, variant, metric);
                }
                return compare(text, new Ref(1, variant, metric));
            }
            String metric = metric(next());
            if (!(peek().is("rises") || peek().is("falls"))) {
                throw error(peek(), "expected 'rises' or 'falls' after a metric with no variant (or write VARIANT: "
                        + metric + ")");
            }
            return trend(text, null, metric);
        }
        return compare(text, side());
    }

    private Expectation trend(String text, String variant, String metric) {
        boolean rises = next().is("rises");
        Point from = new Start();
        Point to = new End();
        if (peek().is("after")) {
            next();
            from = new First(condition());
        } else if (peek().is("between")) {
            next();
            from = point();
            word("and");
            to = point();
        }
        return new Expectation.Trend(text, variant, metric, rises, from, to, every());
    }

    private Expectation compare(String text, Side left) {
        Op op = op(next());
        Side right = side();
        if (left instanceof Constant && right instanceof Constant) {
            throw error(peek(), "at least one side must name VARIANT: METRIC");
        }
        word("at");
        Point at = point();
        return new Expectation.Compare(text, left, op, right, at, every());
    }

    private Side side() {
        Token t = peek();
        if (t.kind() == Kind.NUMBER) {
            double n = number(next());
            if (peek().kind() != Kind.STAR) {
                return new Constant(n);
            }
            next();
            return ref(n);
        }
        return ref(1);
    }

    private Ref ref(double factor) {
        Token v = next();
        if (v.kind() != Kind.WORD || peek().kind() != Kind.COLON) {
            throw error(v, "expected a number or VARIANT: METRIC, got " + v);
        }
        String variant = variant(v);
        next();
        return new Ref(factor, variant, metric(next()));
    }

    private Point point() {
        Token t = next();
        if (t.is("start")) {
            return new Start();
        }
        if (t.is("end")) {
            return new End();
        }
        if (t.is("step")) {
            return new AtStep(integer(next()));
        }
        if (t.is("samples")) {
            return new AtSamples(integer(next()));
        }
        if (t.is("shift")) {
            return new Shift(shiftIndex(next()), false);
        }
        if (t.is("after")) {
            word("shift");
            return new Shift(shiftIndex(next()), true);
        }
        if (t.is("first")) {
            return new First(condition());
        }
        throw error(t, "expected a point (start, end, step N, samples N, shift K, after shift K, first METRIC OP "
                + "NUMBER), got " + t);
    }

    private Condition condition() {
        String metric = metric(next());
        Op op = op(next());
        return new Condition(metric, op, number(next()));
    }

    private boolean every() {
        if (!peek().is("in")) {
            return false;
        }
        next();
        word("every");
        word("seed");
        return true;
    }

    private String variant(Token t) {
        if (!variants.contains(t.text())) {
            throw error(t, "unknown variant '" + t.text() + "'; the experiment's variants are "
                    + String.join(", ", new java.util.TreeSet<>(variants)));
        }
        return t.text();
    }

    private String metric(Token t) {
        if (t.kind() != Kind.WORD) {
            throw error(t, "expected a metric name, got " + t);
        }
        if (!Metrics.isKnown(t.text())) {
            throw error(t, "unknown metric '" + t.text() + "'; see `sgdscope experiment --metrics`");
        }
        return t.text();
    }

    private Op op(Token t) {
        Op op = t.kind() == Kind.OP ? Op.of(t.text()) : null;
        if (op == null) {
            throw error(t, "expected one of < <= > >=, got " + t
                    + (t.kind() == Kind.OP ? " (equality of measured values is never exact: use >= or <=)" : ""));
        }
        return op;
    }

    private double number(Token t) {
        if (t.kind() != Kind.NUMBER) {
            throw error(t, "expected a number, got " + t);
        }
        return Double.parseDouble(t.text());
    }

    private long integer(Token t) {
        if (t.kind() != Kind.NUMBER || !t.text().matches("\\d+")) {
            throw error(t, "expected a whole number >= 0, got " + t);
        }
        return Long.parseLong(t.text());
    }

    private int shiftIndex(Token t) {
        long k = integer(t);
        if (k < 1 || k > Integer.MAX_VALUE) {
            throw error(t, "shifts count from 1, got " + t);
        }
        return (int) k;
    }

    private void word(String w) {
        Token t = next();
        if (!t.is(w)) {
            throw error(t, "expected '" + w + "', got " + t);
        }
    }

    private void expect(Kind kind, String what) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", got " + t);
        }
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private static SyntaxException error(Token t, String message) {
        return new SyntaxException(t.column(), message);
    }

    private static List<Token> tokenize(String line) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        int at = 0;
        while (at < line.length()) {
            if (line.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw new SyntaxException(at + 1, "unexpected character '" + line.charAt(at) + "'");
            }
            if (m.group("num") != null) {
                out.add(new Token(Kind.NUMBER, m.group("num"), m.start("num") + 1));
            } else if (m.group("word") != null) {
                out.add(new Token(Kind.WORD, m.group("word"), m.start("word") + 1));
            } else if (m.group("op") != null) {
                out.add(new Token(Kind.OP, m.group("op"), m.start("op") + 1));
            } else if (m.group("colon") != null) {
                out.add(new Token(Kind.COLON, ":", m.start("colon") + 1));
            } else if (m.group("star") != null) {
                out.add(new Token(Kind.STAR, "*", m.start("star") + 1));
            } else {
                // only whitespace matched: a character no token starts with
                int c = m.end();
                throw new SyntaxException(c + 1, "unexpected character '" + line.charAt(c) + "'");
            }
            at = m.end();
        }
        out.add(new Token(Kind.END, "", line.length() + 1));
        return out;
    }
}
