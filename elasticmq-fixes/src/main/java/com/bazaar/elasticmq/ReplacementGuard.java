package com.bazaar.elasticmq;

import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;

/**
 * Refuses to run ElasticMQ without this module's replacements of its classes. They shadow upstream's classes of
 * the same names, so which copy runs depends on the class path: with upstream's first, the queue would start
 * and silently lose the fixes (see UPSTREAM.md). Run as a main class it checks the class path it is started on.
 */
public final class ReplacementGuard {
    /** The classes replaced; embedded/pom.xml's shade filter excludes upstream's copies of exactly these. */
    public static final List<String> REPLACED = List.of(
            "org.elasticmq.FifoDeduplicationIdsHistory",
            "org.elasticmq.FifoDeduplicationIdsHistory$",
            "org.elasticmq.actor.queue.MessageQueue$");

    private ReplacementGuard() {
    }

    /** @throws IllegalStateException naming the class and where it was loaded from, unless every replacement is ours */
    public static void check() {
        check(ReplacementGuard.class.getClassLoader());
    }

    static void check(ClassLoader loader) {
        for (String name : REPLACED) {
            Class<?> loaded;
            try {
                loaded = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is not on the class path: is ElasticMQ missing?", e);
            }
            if (!isReplacement(loaded)) {
                throw new IllegalStateException("ElasticMQ's " + name + " is upstream's copy, not bazaar-elasticmq-fixes'"
                        + " replacement (it was loaded from " + location(loaded) + ", the replacements are in "
                        + location(ReplacementGuard.class) + "), so the queue would run without its fixes: put"
                        + " bazaar-elasticmq-fixes before ElasticMQ on the class path and keep upstream's copy out of"
                        + " a shaded jar (embedded/pom.xml)");
            }
        }
    }

    /** By the annotation's name: a class from another class loader carries that loader's copy of the annotation. */
    private static boolean isReplacement(Class<?> loaded) {
        return Arrays.stream(loaded.getDeclaredAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getName().equals(ReplacesUpstream.class.getName()));
    }

    private static String location(Class<?> loaded) {
        CodeSource source = loaded.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
    }

    public static void main(String[] args) {
        check();
        System.out.println("ElasticMQ runs bazaar-elasticmq-fixes' " + REPLACED.size() + " replacements, from "
                + location(ReplacementGuard.class));
    }
}
