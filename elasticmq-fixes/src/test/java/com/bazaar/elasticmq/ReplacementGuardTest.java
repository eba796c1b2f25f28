package com.bazaar.elasticmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.elasticmq.actor.queue.MessageQueue;
import org.junit.jupiter.api.Test;

class ReplacementGuardTest {
    @Test
    void passesOnThisModulesClassPath() {
        assertThatCode(ReplacementGuard::check).doesNotThrowAnyException();
    }

    @Test
    void passesOnAClassLoaderOfTheSameClassPath() throws Exception {
        try (URLClassLoader loader = loaderOf(testClassPath())) {
            assertThatCode(() -> ReplacementGuard.check(loader)).doesNotThrowAnyException();
        }
    }

    @Test
    void failsNamingTheClassAndItsJarWhenUpstreamsJarComesFirst() throws Exception {
        Path upstream = locationOf(MessageQueue.class);  // elasticmq-core, by a class this module does not replace
        List<Path> upstreamFirst = new ArrayList<>(testClassPath());
        assertThat(upstreamFirst.remove(upstream)).isTrue();
        upstreamFirst.add(0, upstream);
        try (URLClassLoader loader = loaderOf(upstreamFirst)) {
            assertThatThrownBy(() -> ReplacementGuard.check(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ElasticMQ's " + ReplacementGuard.REPLACED.get(0) + " is upstream's copy")
                    .hasMessageContaining("loaded from " + upstream.toUri().toURL());
        }
    }

    /** A class this module adds to ElasticMQ's packages is no replacement; one that upstream also has must be listed. */
    @Test
    void everyClassOfThisModuleThatUpstreamAlsoHasIsListedAndMarked() throws Exception {
        Path classes = locationOf(ReplacementGuard.class);
        List<String> shadowing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String resource = classes.relativize(file).toString().replace(File.separatorChar, '/');
                if (Collections.list(getClass().getClassLoader().getResources(resource)).size() > 1) {
                    shadowing.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
                }
            }
        }

        assertThat(shadowing).containsExactlyInAnyOrderElementsOf(ReplacementGuard.REPLACED);
        for (String name : ReplacementGuard.REPLACED) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).hasAnnotation(ReplacesUpstream.class);
        }
    }

    private static Path locationOf(Class<?> loaded) throws Exception {
        return Path.of(loaded.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> testClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    private static URLClassLoader loaderOf(List<Path> classPath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classPath) {
            urls.add(entry.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
