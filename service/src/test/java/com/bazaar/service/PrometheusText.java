package com.bazaar.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), line by line: every line is
 * a HELP, a TYPE, a comment, blank, or a sample of the family its TYPE declared, with a valid name, valid
 * labels and a number. It fails on the first line that is none of these.
 */
public final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})? (\\S+)( -?\\d+)?");
    private static final Map<String, List<String>> SUFFIXES = Map.of(
            "counter", List.of("", "_total", "_created"),
            "gauge", List.of(""),
            "summary", List.of("", "_count", "_sum", "_created"),
            "histogram", List.of("_bucket", "_count", "_sum", "_created"),
            "untyped", List.of(""));

    private PrometheusText() {
    }

    /** @return every sample's value by its name and labels as written, e.g. {@code bazaar_x_total} or {@code a{q="0.5"}} */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> families = new HashSet<>();
        String family = null;
        String type = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            if (line.isEmpty() || (line.startsWith("#") && !line.startsWith("# HELP") && !line.startsWith("# TYPE"))) {
                continue;
            }
            if (line.startsWith("# HELP")) {
                require(HELP.matcher(line).matches(), "malformed HELP", where);
                continue;
            }
            Matcher typeLine = TYPE.matcher(line);
            if (typeLine.matches()) {
                family = typeLine.group(1);
                type = typeLine.group(2);
                require(families.add(family), "second TYPE for " + family, where);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            require(sample.matches(), "not a sample", where);
            String name = sample.group(1);
            String declared = family;
            require(declared != null && SUFFIXES.get(type).stream().anyMatch(suffix -> name.equals(declared + suffix)),
                    "sample outside its family " + family + " (" + type + ")", where);
            String key = name + (sample.group(2) == null ? "" : sample.group(2));
            require(samples.put(key, number(sample.group(3), where)) == null, "repeated sample", where);
        }
        return samples;
    }

    private static double number(String value, String where) {
        switch (value) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + where);
                }
        }
    }

    private static void require(boolean condition, String problem, String where) {
        if (!condition) {
            throw new IllegalArgumentException(problem + " at " + where);
        }
    }
}
