package com.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** This project as {@code ./bazaar up} runs it, on a fresh state directory and ports of its own. */
final class OwnStack implements BenchedSystem {
    private final StackUnderTest stack;
    private final ObjectMapper json = new ObjectMapper();
    private long store;
    private long[] products;

    OwnStack(Path root, Path state, int port) {
        this.stack = new StackUnderTest(root, state, port);
    }

    @Override
    public String name() {
        return "this project";
    }

    @Override
    public void launch() throws Exception {
        stack.launch();
        Waiting.await("the service answers", Duration.ofMinutes(5), () -> {
            HttpResponse<String> response = stack.send(stack.request("/products").GET());
            return response != null && response.statusCode() == 200;
        });
    }

    @Override
    public void setUp(int count) throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        store = json.readTree(post("/stores", "{\"name\": \"Bench store " + tag + "\"}")).at("/store/id").asLong();
        products = new long[count];
        for (int i = 0; i < count; i++) {
            products[i] = json.readTree(post("/products", "{\"name\": \"Bench product " + tag + "-" + i + "\"}"))
                    .get("productId").asLong();
        }
    }

    private String post(String path, String body) {
        return stack.send(stack.request(path).POST(HttpRequest.BodyPublishers.ofString(body))).body();
    }

    @Override
    public String movementUrl() {
        return "http://127.0.0.1:" + stack.port() + "/stores/" + store + "/stock-movements";
    }

    @Override
    public long[] products() {
        return products;
    }

    @Override
    public String password() {
        return "bazaar-dev";
    }

    @Override
    public long applied() throws Exception {
        return BenchedSystem.count(stack.database(), "SELECT count(*) FROM stock_movements WHERE store_id = ?", store);
    }

    @Override
    public Map<String, List<ProcessHandle>> processes() throws Exception {
        return stack.processes();
    }

    long queueStoreBytes() throws Exception {
        return stack.queueStoreBytes();
    }

    @Override
    public void stop() throws Exception {
        stack.stop();
    }
}
