package io.sgdscope.producers.source;

import io.sgdscope.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds {@link SampleSourceProvider}s with {@link ServiceLoader} and builds sources from params. */
public final class SourceProviders {

    private final ClassLoader loader;

    public SourceProviders(ClassLoader loader) {
        this.loader = loader;
    }

    /** The providers visible to this class's loader: the built-ins and any plug-in jar on the class path. */
    public static SourceProviders onClassPath() {
        return new SourceProviders(SourceProviders.class.getClassLoader());
    }

    public List<SampleSourceProvider> all() {
        List<SampleSourceProvider> out = new ArrayList<>();
        ServiceLoader.load(SampleSourceProvider.class, loader).forEach(out::add);
        return out;
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        all().forEach(p -> names.add(p.name()));
        return List.copyOf(names);
    }

    public SampleSourceProvider find(String type) {
        if (type == null || type.isEmpty()) {
            throw new ConfigException(SourceContext.key(SourceContext.TYPE), "is required; available: " + String.join(", ", names()));
        }
        for (SampleSourceProvider p : all()) {
            if (p.name().equalsIgnoreCase(type)) {
                return p;
            }
        }
        throw new ConfigException(SourceContext.key(SourceContext.TYPE), "unknown source type '" + type
                + "'; available: " + String.join(", ", names()));
    }

    /**
     * A source of {@code params.type()}. Keys no reader asked for are rejected; an
     * {@link IllegalArgumentException} from the provider becomes a {@link ConfigException} on {@code source}.
     */
    public SampleSource create(SourceContext params) {
        SampleSourceProvider provider = find(params.type());
        SampleSource source;
        try {
            source = provider.create(params);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SourceContext.SECTION, "source type '" + provider.name() + "': " + e.getMessage());
        }
        try {
            params.requireAllRead();
        } catch (ConfigException e) {
            source.close();
            throw e;
        }
        return source;
    }
}
