package io.sgdscope.launcher.cli;

import java.util.Map;

/** Turns the flags a user actually gave into config keys; absent flags leave lower layers alone. */
final class Flags {
    private Flags() {
    }

    static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
