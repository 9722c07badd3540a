package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValuesTest {

    /** The fast path agrees with Instant.parse wherever it answers, and declines what it does not know. */
    @Property(tries = 1000)
    void utcMillisAgreesWithInstantParse(@ForAll @LongRange(min = -62_000_000_000_000L, max = 250_000_000_000_000L) long ms,
                                         @ForAll @LongRange(min = 0, max = 999_999) long micros) {
        Instant t = Instant.ofEpochMilli(ms).plusNanos(micros % 1000 * 1000);
        String text = t.toString();
        assertThat(Values.utcMillis(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @Test
    void utcMillisDeclinesOtherForms() {
        for (String s : new String[] {"2026-11-30T10:00:00+01:00", "2026-02-30T10:00:00Z", "2026-11-30T24:00:00Z",
                "2026-11-30 10:00:00Z", "2026-11-30T10:00:00.Z", "2026-13-01T00:00:00Z", "x026-11-30T10:00:00Z",
                "2026-11-30T10:00:60Z"}) {
            assertThat(Values.utcMillis(s)).as(s).isEqualTo(Long.MIN_VALUE);
        }
        // declined forms still reach the general parsers: an offset, and ISO's 24:00 (the next midnight)
        com.fasterxml.jackson.databind.node.TextNode offset = new com.fasterxml.jackson.databind.node.TextNode("2026-11-30T11:00:00+01:00");
        assertThat(Values.epochMillis(offset, "/ts")).isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        com.fasterxml.jackson.databind.node.TextNode midnight = new com.fasterxml.jackson.databind.node.TextNode("2026-11-30T24:00:00Z");
        assertThat(Values.epochMillis(midnight, "/ts")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(Values.utcMillis("2026-11-30T10:00:00.5Z")).isEqualTo(Instant.parse("2026-11-30T10:00:00.500Z").toEpochMilli());
    }
}
