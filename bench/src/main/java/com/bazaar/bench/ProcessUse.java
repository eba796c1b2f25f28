package com.bazaar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident memory (proportional set size) of a system's processes, by part, from /proc: a snapshot, and the CPU used between
 * two of them. A part's CPU is its processes' own time and that of their children already reaped.
 */
record ProcessUse(Map<String, Double> cpuSeconds, Map<String, Long> residentBytes, long takenAtNanos) {
    private static final double TICKS_PER_SECOND = 100;

    static ProcessUse of(Map<String, List<ProcessHandle>> parts) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        parts.forEach((part, processes) -> {
            double seconds = 0;
            long resident = 0;
            for (ProcessHandle process : processes) {
                seconds += cpuSeconds(process.pid());
                resident += residentBytes(process.pid());
            }
            cpu.put(part, seconds);
            rss.put(part, resident);
        });
        return new ProcessUse(cpu, rss, System.nanoTime());
    }

    /** CPU seconds each part used from {@code before} to this snapshot. */
    Map<String, Double> cpuSince(ProcessUse before) {
        Map<String, Double> used = new LinkedHashMap<>();
        cpuSeconds.forEach((part, seconds) -> used.put(part, seconds - before.cpuSeconds.getOrDefault(part, 0.0)));
        return used;
    }

    double elapsedSecondsSince(ProcessUse before) {
        return (takenAtNanos - before.takenAtNanos) / 1e9;
    }

    static double total(Map<String, Double> perPart) {
        return perPart.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    long totalResidentBytes() {
        return residentBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** utime + stime + cutime + cstime of /proc/pid/stat; 0 for a process gone. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of stat); utime is field 14
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Its proportional set size (Pss of smaps_rollup): resident memory with each shared page divided among the
     * processes that map it, so that PostgreSQL's shared buffers count once over all its backends, not once each.
     */
    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }
}
