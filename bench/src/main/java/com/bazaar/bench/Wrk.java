package com.bazaar.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * A closed-loop POST load from wrk (Debian's {@code wrk}; a C client, so the load takes less of the machine than a
 * JVM would): {@code clients} connections, each sending the next request as soon as the last was answered. Each
 * request moves one unit of a random one of the products.
 */
final class Wrk {
    /** What one run answered: requests, those not 2xx, socket errors, and latency in ms. */
    record Result(long requests, long non2xx, long errors, double seconds, double p50, double p99) {
        long ok() {
            return requests - non2xx;
        }

        double rate() {
            return ok() / seconds;
        }
    }

    private Wrk() {
    }

    /**
     * @param bodyFormat the JSON body with {@code %d} where the product id goes
     */
    static Result post(String url, String user, String password, String bodyFormat, long[] products, int clients,
                       int seconds) throws Exception {
        Path script = Files.createTempFile("bazaar-bench-", ".lua");
        try {
            Files.writeString(script, """
                    local ids = {%s}
                    wrk.method = "POST"
                    wrk.headers["Content-Type"] = "application/json"
                    wrk.headers["Authorization"] = "Basic %s"
                    request = function()
                      return wrk.format(nil, nil, nil, string.format('%s', ids[math.random(#ids)]))
                    end
                    done = function(summary, latency, requests)
                      local e = summary.errors
                      io.write(string.format("WRK %%d %%d %%d %%d %%d %%d\\n", summary.requests, e.status,
                        e.connect + e.read + e.write + e.timeout, summary.duration, latency:percentile(50), latency:percentile(99)))
                    end
                    """.formatted(Arrays.stream(products).mapToObj(Long::toString).collect(Collectors.joining(",")),
                    Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                    bodyFormat));
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                    "-s", script.toString(), url).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            String[] line = output.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no summary: " + output)).split(" ");
            return new Result(Long.parseLong(line[1]), Long.parseLong(line[2]), Long.parseLong(line[3]),
                    Long.parseLong(line[4]) / 1e6, Long.parseLong(line[5]) / 1e3, Long.parseLong(line[6]) / 1e3);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
