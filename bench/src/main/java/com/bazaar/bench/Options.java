package com.bazaar.bench;

import java.util.HashMap;
import java.util.Map;

/** The tools' command lines: {@code --name value} pairs over a map of defaults, which also names every option. */
final class Options {
    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new HashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + defaults.keySet());
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }
}
