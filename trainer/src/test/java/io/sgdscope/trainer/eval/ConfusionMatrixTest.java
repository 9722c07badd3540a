package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** Wikipedia's Cohen's kappa example: 50 cases, 20/5 and 10/15; p_o = 0.7, p_e = 0.5, so κ = 0.4. */
    private static final ConfusionMatrix WIKI = new ConfusionMatrix(List.of("yes", "no"),
            new long[][] {{20, 5}, {10, 15}});

    @Test
    void kappaOfTheTextbookCase() {
        assertThat(WIKI.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(WIKI.kappa()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void macroF1OfTheTextbookCase() {
        // yes: 2·20/(40 + 10 + 5) = 8/11; no: 2·15/(30 + 5 + 10) = 2/3
        assertThat(WIKI.macroF1()).isCloseTo((8.0 / 11 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void perfectAgreementIsKappaOneAndChanceIsZero() {
        ConfusionMatrix perfect = new ConfusionMatrix(List.of("a", "b", "c"), new long[][] {{3, 0, 0}, {0, 5, 0}, {0, 0, 2}});
        assertThat(perfect.kappa()).isEqualTo(1.0);
        assertThat(perfect.macroF1()).isEqualTo(1.0);
        // predictions independent of the actual class: every row has the same proportions, κ = 0
        ConfusionMatrix chance = new ConfusionMatrix(List.of("a", "b"), new long[][] {{6, 2}, {3, 1}});
        assertThat(chance.kappa()).isCloseTo(0, within(1e-12));
    }

    @Test
    void kappaIsUndefinedWithOneClassOnly() {
        ConfusionMatrix one = new ConfusionMatrix(List.of("a", "b"), new long[][] {{7, 0}, {0, 0}});
        assertThat(one.kappa()).isNaN();
        // class b never occurs, as actual or predicted: F1 averages over a only
        assertThat(one.macroF1()).isEqualTo(1.0);
        assertThat(ConfusionMatrix.EMPTY.kappa()).isNaN();
        assertThat(ConfusionMatrix.EMPTY.macroF1()).isNaN();
    }

    @Test
    void threeClassesByHand() {
        // actual a: 4 right, 1 as b; actual b: 2 as a, 3 right; actual c: 1 as b, 1 right; n = 12
        ConfusionMatrix m = ConfusionMatrix.ofClasses(3, new long[] {4, 1, 0, 2, 3, 0, 0, 1, 1});
        // rows 5, 5, 2; columns 6, 5, 1; p_o = 8/12; p_e = (30 + 25 + 2)/144
        double po = 8.0 / 12;
        double pe = 57.0 / 144;
        assertThat(m.kappa()).isCloseTo((po - pe) / (1 - pe), within(1e-12));
        // F1: a 8/(8+2+1) = 8/11, b 6/(6+2+2) = 0.6, c 2/(2+0+1) = 2/3
        assertThat(m.macroF1()).isCloseTo((8.0 / 11 + 0.6 + 2.0 / 3) / 3, within(1e-12));
        assertThat(m.ratio(1, 0)).isCloseTo(2.0 / 12, within(1e-12));
        assertThat(m.classes()).containsExactly("0", "1", "2");
    }

    @Test
    void reducedKeepsTheTopClassesByCountAndPoolsTheRest() {
        // 5 classes with 1, 9, 3, 7, 2 actual samples; keep 3 labels: classes 1 and 3, then other
        long[][] c = new long[5][5];
        int[] actual = {1, 9, 3, 7, 2};
        for (int i = 0; i < 5; i++) {
            c[i][i] = actual[i] - 1L;
            c[i][(i + 1) % 5] = 1;
        }
        ConfusionMatrix m = new ConfusionMatrix(List.of("0", "1", "2", "3", "4"), c);
        ConfusionMatrix r = m.reduced(3);
        assertThat(r.classes()).containsExactly("1", "3", ConfusionMatrix.OTHER);
        assertThat(r.total()).isEqualTo(m.total());
        assertThat(r.count(0, 0)).isEqualTo(8);   // 1 → 1
        assertThat(r.count(0, 2)).isEqualTo(1);   // 1 → 2, pooled
        assertThat(r.count(1, 2)).isEqualTo(1);   // 3 → 4, pooled
        assertThat(r.count(2, 0)).isEqualTo(1);   // 0 → 1
        assertThat(r.count(2, 1)).isEqualTo(1);   // 2 → 3
        assertThat(r.count(2, 2)).isEqualTo(0 + 2 + 1 + 1);  // 0→0, 2→2 (2), 4→4 (1), 4→0 (1)
        assertThat(m.reduced(5)).isSameAs(m);
    }

    @Test
    void markdownHasOneRowPerActualClass() {
        String md = WIKI.toMarkdown();
        assertThat(md).startsWith("| actual \\ predicted | yes | no | n |");
        assertThat(md).contains("| yes | 0.400 | 0.100 | 25 |").contains("| no | 0.200 | 0.300 | 25 |");
        assertThat(md.lines()).hasSize(4);
    }
}
