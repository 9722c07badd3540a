package io.sgdscope.launcher.dashboards;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names in a Prometheus text exposition, as a query can use them. */
public final class ExportedNames {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final String[] HISTOGRAM_SUFFIXES = {"_bucket", "_sum", "_count"};

    private final Set<String> samples = new TreeSet<>();
    private final Set<String> histograms = new TreeSet<>();

    private ExportedNames(String exposition) {
        Matcher s = SAMPLE.matcher(exposition);
        while (s.find()) {
            samples.add(s.group(1));
        }
        Matcher t = TYPE.matcher(exposition);
        while (t.find()) {
            if (t.group(2).equals("histogram") || t.group(2).equals("summary")) {
                histograms.add(t.group(1));
            }
        }
    }

    public static ExportedNames of(String exposition) {
        return new ExportedNames(exposition);
    }

    /** Names that have a sample line in the exposition. */
    public Set<String> samples() {
        return samples;
    }

    /** A sample's name, or a histogram's or summary's family name plus {@code _bucket}, {@code _sum} or {@code _count}. */
    public boolean contains(String name) {
        if (samples.contains(name)) {
            return true;
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (name.endsWith(suffix) && histograms.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
