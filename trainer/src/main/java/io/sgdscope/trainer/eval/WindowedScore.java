package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** One per-sample score tracked three ways: cumulative, over a sliding window, and fading. */
public final class WindowedScore {
    private final Mean cumulative = new Mean();
    private final SlidingMean sliding;
    private final FadingMean fading;

    public WindowedScore(int window, double fadingFactor) {
        this.sliding = new SlidingMean(window);
        this.fading = new FadingMean(fadingFactor);
    }

    public void update(double x) {
        cumulative.update(x);
        sliding.update(x);
        fading.update(x);
    }

    public long count() {
        return cumulative.count();
    }

    public double cumulative() {
        return cumulative.value();
    }

    public double sliding() {
        return sliding.value();
    }

    public double fading() {
        return fading.value();
    }

    public void writeState(DataOutput out) throws IOException {
        cumulative.writeState(out);
        sliding.writeState(out);
        fading.writeState(out);
    }

    public void readState(DataInput in) throws IOException {
        cumulative.readState(in);
        sliding.readState(in);
        fading.readState(in);
    }
}
