package io.sgdscope.launcher.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A foreign team's payment events, as they would sit on their own topic: nested JSON with
 * categorical, numeric and missing values, and a small share of malformed records; the fraud
 * label comes on a second topic, keyed by transaction id, some time later.
 *
 * <p>Whether a payment is fraud is a known function of its fields plus noise (a logistic draw),
 * so a linear model on the mapped features can beat always guessing the majority class; the
 * baseline is computed here, from the labels actually drawn.
 */
final class ForeignPayments {

    static final String[] CHANNELS = {"web", "app", "pos"};
    static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "IT", "PL", "SE"};
    /** Event time of the first payment, and the gap between two. */
    static final long START_MS = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();
    static final long GAP_MS = 100;
    /** How long after its payment a label becomes known, in event time. */
    static final long LABEL_DELAY_MS = 60_000;

    enum Malformed {
        /** Cut off in the middle: not JSON at all. */
        TRUNCATED,
        /** The amount as a word. */
        AMOUNT_NOT_A_NUMBER
    }

    /** One payment: its bytes, and for a well-formed one its fraud label; for a malformed one what is wrong. */
    record Payment(String txnId, byte[] bytes, long eventTimeMs, Boolean fraud, Malformed malformed) {
        byte[] labelBytes() {
            ObjectNode n = JSON.createObjectNode();
            n.put("txn_id", txnId);
            n.put("fraud", fraud);
            n.put("ts", eventTimeMs + LABEL_DELAY_MS);
            return n.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ForeignPayments() {
    }

    /** {@code n} payments, about 1% of them malformed, from {@code seed}. */
    static List<Payment> generate(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Payment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format("t-%06d", i);
            long ts = START_MS + i * GAP_MS;
            String channel = CHANNELS[rng.nextInt(CHANNELS.length)];
            String country = COUNTRIES[Math.min(rng.nextInt(COUNTRIES.length), rng.nextInt(COUNTRIES.length))];
            double amount = Math.round(Math.exp(3 + rng.nextGaussian()) * 100) / 100.0;
            Integer age = rng.nextDouble() < 0.1 ? null : 18 + rng.nextInt(63);
            boolean hasChannel = rng.nextDouble() >= 0.05;

            ObjectNode e = JSON.createObjectNode();
            e.put("txn_id", id);
            ObjectNode user = e.putObject("user");
            if (age != null) {
                user.put("age", age);
            }
            user.put("country", country);
            e.put("amount", amount);
            if (hasChannel) {
                e.put("channel", channel);
            }
            e.put("ts", Instant.ofEpochMilli(ts).toString());

            double u = rng.nextDouble();
            if (u < 0.005) {
                byte[] whole = e.toString().getBytes(StandardCharsets.UTF_8);
                byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
                out.add(new Payment(id, cut, ts, null, Malformed.TRUNCATED));
                continue;
            }
            if (u < 0.01) {
                e.put("amount", "twelve");
                out.add(new Payment(id, e.toString().getBytes(StandardCharsets.UTF_8), ts, null,
                        Malformed.AMOUNT_NOT_A_NUMBER));
                continue;
            }
            double z = -1.2
                    + (hasChannel && channel.equals("web") ? 2.5 : 0)
                    - (hasChannel && channel.equals("pos") ? 1.5 : 0)
                    + (country.equals("PL") || country.equals("SE") ? 2.0 : 0)
                    + 0.8 * (Math.log1p(amount) - 3)
                    + (age == null ? 0 : -0.02 * (age - 45));
            boolean fraud = rng.nextDouble() < 1 / (1 + Math.exp(-z));
            out.add(new Payment(id, e.toString().getBytes(StandardCharsets.UTF_8), ts, fraud, null));
        }
        return out;
    }

    /** The accuracy of always answering the more common label, over the well-formed payments. */
    static double majorityBaseline(List<Payment> payments) {
        long labelled = payments.stream().filter(p -> p.fraud() != null).count();
        long fraud = payments.stream().filter(p -> Boolean.TRUE.equals(p.fraud())).count();
        return (double) Math.max(fraud, labelled - fraud) / labelled;
    }
}
