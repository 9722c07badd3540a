package io.sgdscope.launcher;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample out of a Prometheus text exposition, the way a scraper would. */
public final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** The value of {@code series} (name plus exact label set), or NaN when it is absent. */
    public static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * The sum over every series of {@code name} whose labels include all of {@code labels} (other
     * labels may be there too), or NaN when there is none: PromQL's {@code sum(name{labels})}.
     */
    public static double sum(String exposition, String name, Map<String, String> labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        double total = Double.NaN;
        while (m.find()) {
            Map<String, String> have = new HashMap<>();
            if (m.group(1) != null) {
                Matcher l = LABEL.matcher(m.group(1));
                while (l.find()) {
                    have.put(l.group(1), l.group(2));
                }
            }
            if (have.entrySet().containsAll(labels.entrySet())) {
                double v = Double.parseDouble(m.group(2));
                total = Double.isNaN(total) ? v : total + v;
            }
        }
        return total;
    }
}
