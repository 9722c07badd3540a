package io.sgdscope.experiment;

import java.io.PrintWriter;

/**
 * A progress bar over every job's samples. On a terminal it redraws one line; elsewhere (a pipe,
 * or {@code CI=true}) it prints a plain line at each tenth, so logs stay readable.
 */
public final class Progress {

    /** Shows nothing: for tests and library use. */
    public static final Progress NONE = new Progress(null, 1, false);

    private final PrintWriter out;
    private final boolean redraw;
    private long total;
    private long done;
    private int jobsDone;
    private int jobs;
    private int shown = -1;

    Progress(PrintWriter out, long total, boolean redraw) {
        this.out = out;
        this.total = Math.max(1, total);
        this.redraw = redraw;
    }

    /** A bar on {@code err}, redrawn in place when it is a terminal and not CI. */
    public static Progress on(PrintWriter err) {
        boolean tty = System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
        return new Progress(err, 1, tty);
    }

    synchronized void start(int jobCount, long samples) {
        this.jobs = jobCount;
        this.total = Math.max(1, samples);
    }

    synchronized void advance(long samples) {
        done += samples;
        show();
    }

    synchronized void jobDone() {
        jobsDone++;
        show();
        if (jobsDone == jobs && out != null && redraw) {
            out.println();
        }
    }

    private void show() {
        if (out == null) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        int step = redraw ? percent : percent / 10 * 10;
        if (step == shown && jobsDone < jobs) {
            return;
        }
        shown = step;
        int filled = percent * 30 / 100;
        String bar = "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + percent + "%  runs " + jobsDone
                + "/" + jobs;
        if (redraw) {
            out.print("\r" + bar);
            out.flush();
        } else {
            out.println(bar);
        }
    }
}
