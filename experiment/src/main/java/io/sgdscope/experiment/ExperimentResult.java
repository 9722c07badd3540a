package io.sgdscope.experiment;

import java.time.Duration;
import java.util.List;

/** An experiment that ran: its spec as run, the curves, a verdict per expectation, and the wall time. */
public record ExperimentResult(ExperimentSpec spec, Curves curves, List<Verdict> verdicts, Duration wallTime) {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;

    public ExperimentResult {
        verdicts = List.copyOf(verdicts);
    }

    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::pass);
    }

    /** 0 when every expectation passes, 1 when one fails. */
    public int exitCode() {
        return passed() ? EXIT_PASS : EXIT_FAIL;
    }
}
