package io.sgdscope.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scaling table's runs and arithmetic, on a made-up trainer whose rates are known. */
class TrainerScalingTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();

    /**
     * Each sample costs the model's hidden width (linear: 100) per variant, so samples/s with n
     * variants is 1/n of 1 variant's and a width's cost is H/64 of H=64's; the rounds of a point
     * come out ×1, ×5, ×2, whose median is ×2.
     */
    private double fake(String model, int variants) {
        String key = model + "×" + variants;
        calls.add(key);
        int round = seen.merge(key, 1, Integer::sum);
        double factor = new double[] {1, 5, 2}[(round - 1) % 3];
        double width = model.startsWith("linear") ? 100 : Integer.parseInt(model.split("-")[1]);
        return factor * 1_000_000 / (width * variants);
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyPointRunsOncePerRoundAndEachRowHasItsMedianAndRatios() throws Exception {
        StringWriter out = new StringWriter();
        Map<String, Object> json = new TrainerScaling(64, this::fake).run(3, true, new PrintWriter(out, true));

        // warm-up of each family, then 12 distinct points per round: the 1-variant mlp:64-128-2 serves both tables
        assertThat(calls).hasSize(2 + 3 * 12);
        assertThat(calls.subList(0, 2)).containsExactly("linear:64-2×1", "mlp:64-128-2×1");
        assertThat(calls.subList(2, 14)).doesNotHaveDuplicates();
        assertThat(calls.subList(14, 26)).isEqualTo(calls.subList(2, 14));

        List<Map<String, Object>> variants = (List<Map<String, Object>>) json.get("variants");
        assertThat(variants).hasSize(8);
        for (Map<String, Object> row : variants) {
            int n = (Integer) row.get("variants");
            double width = row.get("model").equals("linear:64-2") ? 100 : 128;
            // the warm-up was the first call of the 1-variant points, so their rounds are ×5, ×2, ×1
            assertThat((double) row.get("samplesPerSecond")).isCloseTo(2 * 1_000_000 / (width * n), within(1e-6));
            assertThat((double) row.get("perVariantRatio")).isCloseTo(1.0 / n, within(1e-9));
            assertThat((double) row.get("modelStepRatio")).isCloseTo(1.0, within(1e-9));
        }
        List<Map<String, Object>> width = (List<Map<String, Object>>) json.get("width");
        assertThat(width).extracting(r -> r.get("hidden")).containsExactly(64, 128, 256, 512, 1024);
        for (Map<String, Object> row : width) {
            assertThat((double) row.get("costPerSampleVsBase")).isCloseTo((double) row.get("idealCostVsBase"),
                    within(1e-9));
        }
        assertThat((double) width.get(4).get("idealCostVsBase")).isEqualTo(16.0);

        String printed = out.toString();
        for (String model : List.of("linear:64-2", "mlp:64-64-2", "mlp:64-128-2", "mlp:64-256-2", "mlp:64-512-2",
                "mlp:64-1024-2")) {
            assertThat(printed).contains(model);
        }
        assertThat(printed.lines().filter(l -> l.startsWith("  linear:64-2 "))).hasSize(4);
        assertThat(printed.lines().filter(l -> l.startsWith("  mlp:64-128-2 "))).hasSize(5);
    }
}
