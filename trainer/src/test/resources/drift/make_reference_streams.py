"""Regenerates the reference streams of the documented examples of River's HDDM_A and KSWIN.

Python's `random` is the generator those examples were written with, so only Python can replay
them; this script writes them out for the Java tests. Run: python3 make_reference_streams.py
"""
import random

from scipy import stats

# River's HDDM_A example: 1000 fair bits, then 1000 bits with P(1) = 0.7.
rng = random.Random(42)
bits = rng.choices([0, 1], k=1000) + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
with open("hddm_a_river_example.txt", "w") as f:
    f.write("".join(map(str, bits)) + "\n")

# River's KSWIN example: 1000 values in {0, 1}, then 1000 in {4..7}; window 100, stat window 30,
# and the 30 reference positions that its detector (seeded 42) draws from the older 70 at each test.
rng = random.Random(12345)
values = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
draws = random.Random(42)
window, lines, detected = [], [], None
for i, x in enumerate(values):
    window = (window + [x])[-100:]
    if len(window) >= 100:
        picks = draws.sample(range(70), 30)
        lines.append(" ".join(map(str, picks)))
        st, p = stats.ks_2samp([window[r] for r in picks], window[70:])
        if p <= 0.0001 and st > 0.1:
            detected = i
            break
with open("kswin_river_example.txt", "w") as f:
    f.write("".join(map(str, values)) + "\n")
    f.write("\n".join(lines) + "\n")
print("kswin first detection at", detected)
