package com.bazaar.bench;

import static com.bazaar.bench.Waiting.await;
import static com.bazaar.bench.Waiting.pause;

import com.bazaar.queue.QueueConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The stack a chaos or steady-use run works on: {@code ./bazaar up} with its own state directory and five ports from
 * {@code port} (service, its admin, the worker's admin, PostgreSQL, the queue), its processes and the faults done
 * to them, and clients for each of its parts.
 */
final class StackUnderTest {
    private final Path root;
    private final Path state;
    private final int port;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString("admin:bazaar-dev".getBytes(StandardCharsets.UTF_8));
    private Process stack;

    StackUnderTest(Path root, Path state, int port) {
        this(root, state, port, Map.of());
    }

    /** @param environment more for {@code ./bazaar up}'s environment, e.g. its restart policy (BAZAAR_RESTART_*) */
    StackUnderTest(Path root, Path state, int port, Map<String, String> environment) {
        this.root = root;
        this.state = state;
        this.port = port;
        this.environment = environment;
    }

    /** {@code ./bazaar up} with its own state directory and ports, no build; returns once both admin ports answer. */
    void start() throws Exception {
        launch();
        await("./bazaar up answers", Duration.ofMinutes(5), () -> answers(port + 1, "/ping") && answers(port + 2, "/ping"));
    }

    /** {@code ./bazaar up} with its own state directory and ports, no build; returns at once. */
    void launch() throws Exception {
        for (int p = port; p <= port + 4; p++) {
            try (var socket = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + p + " is in use; choose other ports with --port", e);
            }
        }
        Files.createDirectories(state);
        ProcessBuilder up = new ProcessBuilder(root.resolve("bazaar").toString(), "up").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("up.log").toFile()));
        Map<String, String> env = up.environment();
        env.put("BAZAAR_STATE_DIR", state.toString());
        env.put("BAZAAR_NO_BUILD", "1");
        env.put("PORT", String.valueOf(port));
        env.put("ADMIN_PORT", String.valueOf(port + 1));
        env.put("WORKER_ADMIN_PORT", String.valueOf(port + 2));
        env.put("DB_PORT", String.valueOf(port + 3));
        env.put("SQS_PORT", String.valueOf(port + 4));
        env.put("RATE_LIMIT_RPS", "1000000");
        env.put("RATE_LIMIT_BURST", "1000000");
        env.putAll(environment);
        stack = up.start();
    }

    /**
     * Its processes by part, each with its descendants: the PostgreSQL launcher, PostgreSQL itself (the postmaster
     * and its backends), the queue server, the worker and the service.
     */
    Map<String, List<ProcessHandle>> processes() throws IOException {
        Map<String, List<ProcessHandle>> parts = new LinkedHashMap<>();
        List<ProcessHandle> postgresql = new ArrayList<>();
        Path postmaster = state.resolve("postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(postmaster).get(0).trim()))
                    .ifPresent(p -> postgresql.addAll(withDescendants(p)));
        }
        for (String name : List.of("postgres", "sqs", "worker", "service")) {
            ProcessHandle.of(pid(name)).ifPresent(p -> parts.put(name.equals("postgres") ? "postgres launcher" : name,
                    withDescendants(p).stream().filter(h -> !postgresql.contains(h)).toList()));
        }
        parts.put("postgresql", postgresql);
        return parts;
    }

    private static List<ProcessHandle> withDescendants(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(List.of(process));
        process.descendants().forEach(all::add);
        return all;
    }

    /** The disk the queue server's store takes. */
    long queueStoreBytes() throws IOException {
        Path sqs = state.resolve("sqs");
        if (!Files.exists(sqs)) {
            return 0;
        }
        try (var files = Files.walk(sqs)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    int port() {
        return port;
    }

    /** Stops the stack if it was started, then SIGKILLs whatever of it is left. */
    void stop() throws Exception {
        if (stack == null) {
            return;
        }
        stack.destroy();
        stack.waitFor(120, TimeUnit.SECONDS);
        killEverything();
    }

    /** SIGKILL to the supervisor, every process it runs and every PostgreSQL process of the stack's data directory. */
    void killEverything() throws Exception {
        List<ProcessHandle> victims = new ArrayList<>();
        ProcessHandle.of(stack.pid()).ifPresent(victims::add);
        ProcessHandle.of(stack.pid()).ifPresent(p -> p.descendants().forEach(victims::add));
        Path postmaster = state.resolve("postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(postmaster).get(0).trim())).ifPresent(p -> {
                victims.add(p);
                p.descendants().forEach(victims::add);
            });
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("  SIGKILL to %d processes%n", victims.size());
    }

    /** SIGKILLs the worker and waits until the supervisor has restarted it. */
    void killWorker() throws Exception {
        long killed = pid("worker");
        signal("KILL", killed);
        System.out.printf("  SIGKILL worker (pid %d)%n", killed);
        await("the supervisor restarts the worker", Duration.ofSeconds(120),
                () -> pid("worker") != killed && answers(port + 2, "/ping"));
    }

    /**
     * A worker that keeps dying: SIGKILLs the running worker, then each one the supervisor starts as soon as its pid
     * is known, {@code kills} times in all.
     */
    void crashLoopWorker(int kills) throws Exception {
        long killed = -1;
        for (int i = 0; i < kills; i++) {
            long previous = killed;
            await("the supervisor starts a worker again", Duration.ofSeconds(180),
                    () -> pid("worker") != previous && ProcessHandle.of(pid("worker")).isPresent());
            killed = pid("worker");
            signal("KILL", killed);
        }
        System.out.printf("  SIGKILL to %d workers, each as soon as it started%n", kills);
    }

    /** What {@code run/NAME.failed} says, or null while the supervisor does not count NAME as failing. */
    String failing(String name) {
        try {
            return Files.readString(state.resolve("run/" + name + ".failed")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** The service's {@code /healthcheck} answer, each check by name; a missing node when its admin port does not answer. */
    JsonNode serviceHealth() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + "/healthcheck"))
                .timeout(Duration.ofSeconds(5)).GET());
        return response == null ? MissingNode.getInstance() : new ObjectMapper().readTree(response.body());
    }

    /** Whether the worker answers {@code /ping} on its admin port. */
    boolean workerAnswers() {
        return answers(port + 2, "/ping");
    }

    /** What {@code ./bazaar status} prints for this stack. */
    String status() throws Exception {
        ProcessBuilder status = new ProcessBuilder(root.resolve("bazaar").toString(), "status").directory(root.toFile())
                .redirectErrorStream(true);
        status.environment().put("BAZAAR_STATE_DIR", state.toString());
        Process process = status.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** Stops a supervised process cleanly and keeps the supervisor from restarting it for {@code seconds}. */
    void outage(String name, int seconds) throws Exception {
        pause(Duration.ofSeconds(2));
        Path hold = state.resolve("run/" + name + ".hold");
        Files.createFile(hold);
        long pid = pid(name);
        signal("TERM", pid);
        System.out.printf("  stopped %s (pid %d) for %d s%n", name, pid, seconds);
        pause(Duration.ofSeconds(seconds));
        Files.delete(hold);
        await("the supervisor starts " + name + " again", Duration.ofSeconds(180), () -> pid(name) != pid);
    }

    /** The worker's admin task (pause-consumer, resume-consumer). */
    void workerTask(String task) {
        send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 2) + "/tasks/" + task))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A request to the service's API as its admin, to be completed and sent with {@link #send}. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json");
    }

    /** @return null when the server cannot be reached */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    SqsClient sqs() {
        return LocalSqs.client("http://127.0.0.1:" + (port + 4), "us-east-1");
    }

    static String queueUrl(SqsClient sqs) {
        return sqs.getQueueUrl(r -> r.queueName(QueueConfiguration.DEFAULT_QUEUE_NAME)).queueUrl();
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (port + 3) + "/bazaar", "postgres", "");
    }

    private long pid(String name) {
        try {
            return Long.parseLong(Files.readString(state.resolve("run/" + name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
    }

    private boolean answers(int adminPort, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(2)).GET());
        return response != null && response.statusCode() == 200;
    }
}
