package com.bazaar.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The system as a user runs it, everything at once (the worker running), beside the synchronous reference in the
 * same run, one after the other: <b>cold</b> (from start to serving, then the first {@code cold-seconds} of load),
 * <b>warm-up</b>, <b>steady</b> ({@code clients} closed loop: movements applied per second, the backlog left, p50/p99),
 * <b>paced</b> (a fixed offered rate: the reference's steady rate, then {@code trickle-rate}), <b>orders</b> (this
 * project only: {@code orders-rate} orders a second, each a hold and its sale, alongside the closed loop and alongside
 * {@code orders-movement-rate} paced movements), <b>idle</b> (CPU per process), and resident memory at the end. Every phase prints the CPU per movement of each process. Options:
 * --name value, see {@link #DEFAULTS}.
 */
public final class SteadyUse {
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("root", "."),
            Map.entry("systems", "reference,ours"),
            Map.entry("port", "29080"),   // below Linux's ephemeral range (32768-60999), where a client socket may hold the port
            Map.entry("products", "100"),
            Map.entry("clients", "32"),
            Map.entry("cold-seconds", "60"),
            Map.entry("warmup-seconds", "120"),
            Map.entry("steady-seconds", "60"),
            Map.entry("paced-rate", "0"),
            Map.entry("paced-seconds", "30"),
            Map.entry("trickle-rate", "100"),
            Map.entry("orders-rate", "500"),
            Map.entry("orders-movement-rate", "1000"),
            Map.entry("orders-seconds", "30"),
            Map.entry("idle-seconds", "60"));

    private final Map<String, String> options;
    private final Map<String, Map<String, Double>> figures = new LinkedHashMap<>();

    private SteadyUse(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new SteadyUse(Options.parse(args, DEFAULTS)).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        System.out.printf("steady use: %d cores, java %s; options %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), new TreeMap<>(options));
        Path root = Path.of(options.get("root")).toAbsolutePath();
        for (String which : options.get("systems").split(",")) {
            BenchedSystem system = switch (which) {
                case "reference" -> new Reference(root);
                case "ours" -> new OwnStack(root, root.resolve(".bazaar/bench-steady-" + System.currentTimeMillis()),
                        option("port"));
                default -> throw new IllegalArgumentException("--systems takes reference and/or ours, not " + which);
            };
            try {
                figures.put(system.name(), measure(system));
            } finally {
                system.stop();
            }
        }
        printTable();
    }

    private Map<String, Double> measure(BenchedSystem system) throws Exception {
        Map<String, Double> f = new LinkedHashMap<>();
        String name = system.name();
        long launched = System.nanoTime();
        system.launch();
        double serving = (System.nanoTime() - launched) / 1e9;
        system.setUp(option("products"));
        System.out.printf("%n== %s: serving %.1f s after the start; a store and %d products set up after %.1f s%n", name,
                serving, option("products"), (System.nanoTime() - launched) / 1e9);
        f.put("serving after (s)", serving);

        Wrk.Result cold = closedLoop(system, "cold, the first " + option("cold-seconds") + " s", option("cold-seconds"));
        f.put("cold: accepted/s in the first 60 s", cold.rate());
        if (option("warmup-seconds") > 0) {
            closedLoop(system, "warm-up", option("warmup-seconds"));
        }
        awaitApplied(system);

        long before = system.applied();
        ProcessUse start = ProcessUse.of(system.processes());
        Wrk.Result steady = closedLoop(system, "steady", option("steady-seconds"));
        ProcessUse end = ProcessUse.of(system.processes());
        long applied = system.applied() - before;
        double rate = applied / end.elapsedSecondsSince(start);
        long backlog = before + steady.ok() - system.applied();
        System.out.printf("  steady: %d applied in the window = %.0f/s; backlog at its end %d%n", applied, rate, backlog);
        f.put("steady: applied/s", rate);
        f.put("steady: backlog at the end", (double) backlog);
        f.put("steady: p50 (ms)", steady.p50());
        f.put("steady: p99 (ms)", steady.p99());
        f.put("steady: CPU ms per movement", cpuPerMovement(end.cpuSince(start), steady.ok()));
        awaitApplied(system);

        // paced at the reference's steady rate: its own when it is the one measured, else 900/s without it
        Map<String, Double> reference = system instanceof Reference ? f : figures.getOrDefault("reference", Map.of());
        int pacedRate = option("paced-rate") > 0 ? option("paced-rate")
                : (int) Math.round(reference.getOrDefault("steady: applied/s", 900.0));
        paced(system, "paced", pacedRate, f);
        paced(system, "trickle", option("trickle-rate"), f);
        if (system instanceof OwnStack own && option("orders-rate") > 0) {
            orders(own, f);
        }

        awaitApplied(system);
        Waiting.pause(Duration.ofSeconds(5));
        ProcessUse idleStart = ProcessUse.of(system.processes());
        Waiting.pause(Duration.ofSeconds(option("idle-seconds")));
        ProcessUse idleEnd = ProcessUse.of(system.processes());
        Map<String, Double> idle = idleEnd.cpuSince(idleStart);
        double seconds = idleEnd.elapsedSecondsSince(idleStart);
        System.out.printf("  idle %.0f s: %.4f cores (%s)%n", seconds, ProcessUse.total(idle) / seconds,
                idle.entrySet().stream().map(e -> "%s %.4f".formatted(e.getKey(), e.getValue() / seconds))
                        .collect(Collectors.joining(", ")));
        f.put("idle: cores", ProcessUse.total(idle) / seconds);
        System.out.printf("  resident memory (PSS) at the end: %.0f MB (%s)%n", idleEnd.totalResidentBytes() / 1e6,
                idleEnd.residentBytes().entrySet().stream().map(e -> "%s %.0f MB".formatted(e.getKey(), e.getValue() / 1e6))
                        .collect(Collectors.joining(", ")));
        f.put("resident memory, PSS (MB)", idleEnd.totalResidentBytes() / 1e6);
        if (system instanceof OwnStack own) {
            System.out.printf("  the queue's store: %.1f MB%n", own.queueStoreBytes() / 1e6);
        }
        return f;
    }

    private Wrk.Result closedLoop(BenchedSystem system, String label, int seconds) throws Exception {
        ProcessUse start = ProcessUse.of(system.processes());
        Wrk.Result result = Wrk.post(system.movementUrl(), system.user(), system.password(), system.movementBody(),
                system.products(), option("clients"), seconds);
        ProcessUse end = ProcessUse.of(system.processes());
        System.out.printf("  %s: %d clients, %d accepted in %.1f s = %.0f/s, %d not 2xx, %d socket errors; p50 %.1f ms, "
                        + "p99 %.1f ms; CPU per accepted movement %s%n", label, option("clients"), result.ok(),
                result.seconds(), result.rate(), result.non2xx(), result.errors(), result.p50(), result.p99(),
                perProcess(end.cpuSince(start), result.ok()));
        return result;
    }

    private void paced(BenchedSystem system, String label, int rate, Map<String, Double> f) throws Exception {
        long before = system.applied();
        ProcessUse start = ProcessUse.of(system.processes());
        PacedLoad.Result result = PacedLoad.post(system.movementUrl(), system.user(), system.password(),
                system.movementBody(), system.products(), rate, option("paced-seconds"));
        awaitApplied(system, before + result.ok());
        ProcessUse end = ProcessUse.of(system.processes());
        System.out.printf("  %s at %d/s for %d s: %d accepted, %d failed; p50 %.1f ms, p99 %.1f ms (from when each was "
                        + "due); CPU per movement, until applied, %s%n", label, rate, option("paced-seconds"), result.ok(),
                result.failed(), result.p50(), result.p99(), perProcess(end.cpuSince(start), result.ok()));
        f.put(label + ": offered/s", (double) rate);
        f.put(label + ": p50 (ms)", result.p50());
        f.put(label + ": p99 (ms)", result.p99());
        f.put(label + ": CPU ms per movement", cpuPerMovement(end.cpuSince(start), result.ok()));
    }

    /**
     * Orders beside movements: the closed loop again with {@code orders-rate} orders a second alongside (its movements
     * applied per second against the steady phase's), then {@code orders-movement-rate} paced movements alone and with
     * the orders alongside (p99 against p99). One order in ten is abandoned for the worker to expire.
     */
    private void orders(OwnStack system, Map<String, Double> f) throws Exception {
        int rate = option("orders-rate");
        int seconds = option("orders-seconds");
        OrderLoad orders = new OrderLoad(system, system.reservationUrl());
        ExecutorService alongside = Executors.newSingleThreadExecutor();
        try {
            long before = system.appliedWithoutHold();
            ProcessUse start = ProcessUse.of(system.processes());
            Future<PacedLoad.Result> ordering = alongside.submit(() -> orders.run(rate, seconds, 10));
            Wrk.Result movements = closedLoop(system, "steady with " + rate + " orders/s alongside", seconds);
            ProcessUse end = ProcessUse.of(system.processes());
            double movementRate = (system.appliedWithoutHold() - before) / end.elapsedSecondsSince(start);
            PacedLoad.Result ordered = ordering.get();
            System.out.printf("  orders alongside: %d answered, %d failed; p50 %.1f ms, p99 %.1f ms; movements applied %.0f/s "
                    + "(steady alone %.0f/s)%n", ordered.ok(), ordered.failed(), ordered.p50(), ordered.p99(), movementRate,
                    f.get("steady: applied/s"));
            f.put("orders: movements applied/s, closed loop, with orders alongside", movementRate);
            f.put("orders: movements applied, share of steady alone", movementRate / f.get("steady: applied/s"));
            f.put("orders: orders answered/s, closed loop alongside", ordered.ok() / (double) seconds);
            awaitApplied(system);

            int movementRateOffered = option("orders-movement-rate");
            paced(system, "orders: paced movements alone", movementRateOffered, f);
            long pacedBefore = system.applied();
            ProcessUse pacedStart = ProcessUse.of(system.processes());
            ordering = alongside.submit(() -> orders.run(rate, seconds, 10));
            PacedLoad.Result paced = PacedLoad.post(system.movementUrl(), system.user(), system.password(),
                    system.movementBody(), system.products(), movementRateOffered, seconds);
            ordered = ordering.get();
            awaitApplied(system, pacedBefore + paced.ok());
            awaitApplied(system);
            ProcessUse pacedEnd = ProcessUse.of(system.processes());
            System.out.printf("  paced movements at %d/s with %d orders/s alongside for %d s: movements %d accepted, %d failed, "
                            + "p50 %.1f ms, p99 %.1f ms; orders %d answered, %d failed, p50 %.1f ms, p99 %.1f ms; CPU per request %s%n",
                    movementRateOffered, rate, seconds, paced.ok(), paced.failed(), paced.p50(), paced.p99(), ordered.ok(),
                    ordered.failed(), ordered.p50(), ordered.p99(),
                    perProcess(pacedEnd.cpuSince(pacedStart), paced.ok() + 2 * ordered.ok()));
            f.put("orders: paced movements with orders alongside: failed", (double) paced.failed());
            f.put("orders: paced movements with orders alongside: p99 (ms)", paced.p99());
            f.put("orders: orders alongside paced movements: failed", (double) ordered.failed());
            f.put("orders: orders alongside paced movements: p99 (ms)", ordered.p99());
        } finally {
            alongside.shutdownNow();
        }
        Waiting.pause(Duration.ofSeconds(OrderLoad.ABANDONED_TTL_SECONDS + 3));
        OwnStack.Holds holds = system.holds();
        System.out.printf("  holds: %s; sales of holds rejected %d; levels holding more than on hand %d; expired %.0f ms after "
                        + "expiresAt at p50, %.0f ms at p99, %.0f ms at most%n", holds.byStatus(), holds.salesRejected(),
                holds.oversold(), holds.expiryP50(), holds.expiryP99(), holds.expiryMax());
        f.put("orders: sales of holds rejected", (double) holds.salesRejected());
        f.put("orders: levels oversold", (double) holds.oversold());
        f.put("orders: expiresAt to expired, p99 (ms)", holds.expiryP99());
    }

    private static void awaitApplied(BenchedSystem system) throws Exception {
        long last = -1;
        // until the count stops growing for a second: what was accepted is applied
        for (long now = system.applied(); now != last; now = system.applied()) {
            last = now;
            Waiting.pause(Duration.ofSeconds(1));
        }
    }

    private static void awaitApplied(BenchedSystem system, long count) throws Exception {
        Waiting.await(system.name() + " applies " + count, Duration.ofMinutes(5), () -> system.applied() >= count);
    }

    private static double cpuPerMovement(Map<String, Double> cpu, long movements) {
        return ProcessUse.total(cpu) * 1000 / Math.max(1, movements);
    }

    private static String perProcess(Map<String, Double> cpu, long movements) {
        return "%.2f ms (%s)".formatted(cpuPerMovement(cpu, movements), cpu.entrySet().stream()
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue() * 1000 / Math.max(1, movements)))
                .collect(Collectors.joining(", ")));
    }

    private void printTable() {
        if (figures.isEmpty()) {
            return;
        }
        List<String> systems = new ArrayList<>(figures.keySet());
        System.out.printf("%n| measure | %s |%s%n", String.join(" | ", systems), systems.size() == 2 ? " ratio |" : "");
        System.out.printf("|---|%s%n", "---|".repeat(systems.size() + (systems.size() == 2 ? 1 : 0)));
        for (String measure : figures.get(systems.get(systems.size() - 1)).keySet()) {
            StringBuilder row = new StringBuilder("| " + measure + " |");
            List<Double> values = new ArrayList<>();
            for (String system : systems) {
                Double value = figures.get(system).get(measure);
                values.add(value);
                row.append(value == null ? " |" : " %s |".formatted(value >= 100 ? "%.0f".formatted(value) : "%.3g".formatted(value)));
            }
            if (values.size() == 2 && values.get(0) != null && values.get(1) != null && values.get(0) != 0) {
                row.append(" %.2fx |".formatted(values.get(1) / values.get(0)));
            } else if (values.size() == 2) {
                row.append(" |");
            }
            System.out.println(row);
        }
    }
}
