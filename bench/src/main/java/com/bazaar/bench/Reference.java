package com.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synchronous reference (Express + Sequelize + PostgreSQL, one INSERT per movement), started and stopped by
 * {@code bench/reference.sh} where it is installed (docs/BENCHMARKS.md, "The synchronous reference").
 */
final class Reference implements BenchedSystem {
    private static final String URL = "http://127.0.0.1:3000";
    private final Path script;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private long store;
    private long[] products;

    Reference(Path root) {
        this.script = root.resolve("bench/reference.sh");
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public void launch() throws Exception {
        run("stop");
        run("start");
        Waiting.await("the reference answers", Duration.ofMinutes(1), () -> send("GET", "/products", null).statusCode() == 200);
    }

    @Override
    public void setUp(int count) throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        store = json.readTree(send("POST", "/stores", "{\"name\": \"Bench store " + tag + "\", \"location\": \"bench\"}")
                .body()).at("/store/id").asLong();
        products = new long[count];
        for (int i = 0; i < count; i++) {
            products[i] = json.readTree(send("POST", "/products", "{\"name\": \"Bench product " + tag + "-" + i + "\"}")
                    .body()).at("/product/id").asLong();
        }
    }

    @Override
    public String movementUrl() {
        return URL + "/stores/" + store + "/stock-movements";
    }

    @Override
    public long[] products() {
        return products;
    }

    @Override
    public String password() {
        return "admin";
    }

    @Override
    public long applied() throws Exception {
        return BenchedSystem.count(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5433/bazaar_peer", "bazaar",
                "bazaar"), "SELECT count(*) FROM \"StockMovements\" WHERE \"storeId\" = ?", store);
    }

    /** node, and PostgreSQL with its backends, as {@code reference.sh pids} lists them. */
    @Override
    public Map<String, List<ProcessHandle>> processes() throws Exception {
        Process pids = new ProcessBuilder(script.toString(), "pids").redirectErrorStream(true).start();
        String output = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pids.waitFor();
        Map<String, List<ProcessHandle>> parts = new LinkedHashMap<>();
        parts.put("node", new ArrayList<>());
        parts.put("postgresql", new ArrayList<>());
        output.lines().map(String::trim).filter(l -> l.matches("\\d+")).map(Long::parseLong)
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .forEach(p -> parts.get(p.info().command().orElse("").endsWith("node") ? "node" : "postgresql").add(p));
        return parts;
    }

    @Override
    public void stop() throws Exception {
        run("stop");
    }

    private void run(String command) throws Exception {
        Process process = new ProcessBuilder(script.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0 && !command.equals("stop")) {
            throw new IllegalStateException("bench/reference.sh " + command + " failed (is the reference installed? "
                    + "docs/BENCHMARKS.md, \"The synchronous reference\")");
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(URL + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
