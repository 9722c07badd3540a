package io.sgdscope.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample out of a Prometheus text exposition, the way a scraper would. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of {@code series} (name plus exact label set), or NaN when it is absent. */
    public static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
