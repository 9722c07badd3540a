package io.sgdscope.launcher.broker;

/** The embedded broker could not be started; it has already been cleaned up. */
public final class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
