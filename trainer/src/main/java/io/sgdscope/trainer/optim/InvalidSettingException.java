package io.sgdscope.trainer.optim;

/**
 * A setting a record rejected, named by its word ({@code learning-rate}). The record does not know
 * whether the value came from {@code trainer.learning-rate} or from a variant, so the caller that
 * parsed it turns this into a {@code ConfigException} naming the full key.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String setting;

    /** @param problem what is wrong, read after the word: {@code "must be > 0, got -1.0"} */
    public InvalidSettingException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
    }

    /** The setting's word, as in {@code trainer.<word>} and in a variant's options. */
    public String setting() {
        return setting;
    }
}
