package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftSettingsTest {

    static DriftSettings settings(Map<String, String> values) {
        return DriftSettings.from(RawConfig.of(values, "test"));
    }

    @Test
    void defaults() {
        DriftSettings s = DriftSettings.defaults();
        assertThat(s.detectors()).containsExactly("adwin", "page-hinkley", "ddm", "hddm-a");
        assertThat(s.kswinAlpha()).isEqualTo(0.005);
        assertThat(s.kswinWindow()).isEqualTo(100);
        assertThat(s.kswinStat()).isEqualTo(30);
        assertThat(s.hddmDrift()).isEqualTo(0.001);
        assertThat(s.hddmWarning()).isEqualTo(0.005);
        assertThat(s.hddmTwoSided()).isFalse();
        assertThat(s.adwinDelta()).isEqualTo(0.002);
        assertThat(s.phDelta()).isEqualTo(0.005);
        assertThat(s.phLambda()).isEqualTo(50);
        assertThat(s.phAlpha()).isEqualTo(0.9999);
        assertThat(s.ddmWarning()).isEqualTo(2);
        assertThat(s.ddmDrift()).isEqualTo(3);
        assertThat(s.minSamples()).isEqualTo(30);
        assertThat(s.horizon()).isEqualTo(2000);
    }

    @Test
    void createBuildsTheListedDetectorsInOrderAndOnlyForBinaryErrors() {
        DriftSettings s = settings(Map.of(DriftSettings.DETECTORS, " ddm , ADWIN"));
        assertThat(s.create(true)).extracting(DriftDetector::name).containsExactly("ddm", "adwin");
        assertThat(s.detectorNames(true)).containsExactly("ddm", "adwin");
        assertThat(s.create(false)).isEmpty();
        assertThat(s.detectorNames(false)).isEmpty();
        assertThat(DriftSettings.defaults().create(true)).extracting(DriftDetector::name)
                .containsExactly("adwin", "page-hinkley", "ddm", "hddm-a");
        assertThat(settings(Map.of(DriftSettings.DETECTORS, "kswin,hddm-a")).create(true)).extracting(DriftDetector::name)
                .containsExactly("kswin", "hddm-a");
        assertThat(s.create(true).get(0)).isNotSameAs(s.create(true).get(0));
    }

    @Test
    void kswinAndHddmSettingsAreValidatedByKey() {
        assertThatThrownBy(() -> settings(Map.of(DriftSettings.KSWIN_WINDOW, "40")))
                .hasMessageContaining(DriftSettings.KSWIN_WINDOW).hasMessageContaining("60");
        assertThatThrownBy(() -> settings(Map.of(DriftSettings.HDDM_WARNING, "0.0005")))
                .hasMessageContaining(DriftSettings.HDDM_WARNING);
        DriftSettings two = settings(Map.of(DriftSettings.HDDM_TWO_SIDED, "true", DriftSettings.DETECTORS, "hddm-a"));
        assertThat(two.hddmTwoSided()).isTrue();
    }

    @Test
    void anEmptyListTurnsDetectionOff() {
        assertThat(settings(Map.of(DriftSettings.DETECTORS, "")).create(true)).isEmpty();
    }

    @Test
    void settingsReachTheDetectors() throws Exception {
        DriftSettings s = settings(Map.of(DriftSettings.ADWIN_DELTA, "0.01", DriftSettings.PH_LAMBDA, "20",
                DriftSettings.PH_DELTA, "0", DriftSettings.PH_ALPHA, "1", DriftSettings.MIN_SAMPLES, "1",
                DriftSettings.DDM_WARNING, "1.5", DriftSettings.DDM_DRIFT, "2.5", DriftSettings.HORIZON, "300"));
        assertThat(s.horizon()).isEqualTo(300);
        var detectors = s.create(true);
        assertThat(((Adwin) detectors.get(0)).delta()).isEqualTo(0.01);
        // a restore checks the settings: each detector accepts the state of one built directly with them
        assertRoundTrip(new Adwin(0.01), detectors.get(0));
        assertRoundTrip(new PageHinkley(0, 20, 1, 1), detectors.get(1));
        assertRoundTrip(new Ddm(1.5, 2.5, 1), detectors.get(2));
    }

    private static void assertRoundTrip(DriftDetector direct, DriftDetector configured) throws Exception {
        DriftDetectorContract.restore(configured, DriftDetectorContract.state(direct));
    }

    @Test
    void anUnknownDetectorIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> settings(Map.of(DriftSettings.DETECTORS, "adwin,cusum")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DriftSettings.DETECTORS).hasMessageContaining("cusum")
                .hasMessageContaining("adwin, page-hinkley, ddm, hddm-a, kswin");
        assertThatThrownBy(() -> settings(Map.of(DriftSettings.DETECTORS, "ddm,ddm")))
                .hasMessageContaining(DriftSettings.DETECTORS).hasMessageContaining("twice");
    }

    @Test
    void eachBadValueNamesItsKey() {
        Map<String, String> bad = Map.of(
                DriftSettings.ADWIN_DELTA, "1",
                DriftSettings.PH_DELTA, "-0.1",
                DriftSettings.PH_LAMBDA, "0",
                DriftSettings.PH_ALPHA, "1.5",
                DriftSettings.DDM_WARNING, "-2",
                DriftSettings.MIN_SAMPLES, "0",
                DriftSettings.HORIZON, "0");
        bad.forEach((key, value) -> assertThatThrownBy(() -> settings(Map.of(key, value)))
                .as(key).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(value));
        for (String key : DriftSettings.KEYS) {
            if (!key.equals(DriftSettings.DETECTORS)) {
                assertThatThrownBy(() -> settings(Map.of(key, "many"))).as(key)
                        .isInstanceOf(ConfigException.class).hasMessageContaining(key);
            }
        }
    }

    @Test
    void theDriftLevelMustExceedTheWarningLevel() {
        assertThatThrownBy(() -> settings(Map.of(DriftSettings.DDM_WARNING, "3", DriftSettings.DDM_DRIFT, "2")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(DriftSettings.DDM_DRIFT));
    }

    @Test
    void keysListsEverySetting() {
        assertThat(DriftSettings.KEYS).hasSize(15).allSatisfy(k -> assertThat(k).startsWith("trainer.drift."));
    }
}
