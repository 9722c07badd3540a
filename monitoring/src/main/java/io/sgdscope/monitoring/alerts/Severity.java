package io.sgdscope.monitoring.alerts;

import java.util.Locale;

/**
 * How urgent an alert is: the {@code severity} label of the Prometheus alerts, by which
 * Alertmanager routes them, and the severity the live dashboard shows.
 */
public enum Severity {
    /** Pages: training is broken or stopped. */
    CRITICAL,
    /** Tickets: the model or the pipeline is unhealthy but still learning. */
    WARNING,
    /** Informs: something happened that a person may want to see, such as a detected drift. */
    INFO;

    /** The label value, as the rule files and Alertmanager's routes write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
