package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.elasticmq.ReplacementGuard;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** The jar ./bazaar up runs (packaged before this test) holds bazaar-elasticmq-fixes' replacements, not upstream's. */
class ShadedJarIT {
    @Test
    void theGuardPassesOnTheShadedJar() throws Exception {
        Path jar = Path.of(System.getProperty("shaded.jar"));
        Process guard = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), ReplacementGuard.class.getName()).redirectErrorStream(true).start();
        String output = new String(guard.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(guard.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(guard.exitValue()).as(output).isZero();
        assertThat(output).contains("replacements, from ").contains(jar.getFileName().toString());
    }

    /** Upstream's copies are kept out by name: without the exclusion the shade plugin keeps whichever comes first. */
    @Test
    void theShadeFilterExcludesExactlyTheReplacedClasses() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"));
        NodeList excludes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                "//plugin[artifactId='maven-shade-plugin']//filter[artifact='org.elasticmq:elasticmq-core_2.13']"
                        + "/excludes/exclude", pom, XPathConstants.NODESET);
        List<String> excluded = new ArrayList<>();
        for (int i = 0; i < excludes.getLength(); i++) {
            excluded.add(excludes.item(i).getTextContent().trim());
        }

        assertThat(excluded).containsExactlyInAnyOrderElementsOf(
                ReplacementGuard.REPLACED.stream().map(name -> name.replace('.', '/') + ".class").toList());
    }
}
