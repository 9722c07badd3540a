package io.sgdscope.launcher.broker;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedKafkaBroker} per test class and injects it into test constructors
 * and methods that declare an {@code EmbeddedKafkaBroker} parameter.
 *
 * <p>Tests in a class share the broker, so each test should use its own topics and
 * {@code application.id}/{@code group.id}, e.g. prefixed with {@link #uniquePrefix()}.
 * {@code @Nested} classes reuse the broker of their enclosing class.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String BROKER_KEY = "broker";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /**
     * A prefix such as {@code "t7-3f9a2c-"} that is unique within this JVM (counter) and
     * unlikely to repeat across runs (random part), valid in topic names and ids.
     */
    public static String uniquePrefix() {
        return "t" + COUNTER.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000)) + "-";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() only looks at this class's own store, so a @Nested class leaves its parent's broker running.
        EmbeddedKafkaBroker broker = context.getStore(NAMESPACE).remove(BROKER_KEY, EmbeddedKafkaBroker.class);
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    /**
     * The broker of the nearest class-level context, started on first use: with
     * {@code @TestInstance(PER_CLASS)} the constructor is resolved before {@link #beforeAll}.
     */
    private static EmbeddedKafkaBroker broker(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        // Lookups see the stores of enclosing contexts too, so nested classes find an existing broker.
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                BROKER_KEY, key -> EmbeddedKafkaBroker.start(EmbeddedBrokerConfig.defaults()), EmbeddedKafkaBroker.class);
    }
}
