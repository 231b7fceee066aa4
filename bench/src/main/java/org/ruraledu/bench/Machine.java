package org.ruraledu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine and JVM a run was measured on: figures mean nothing without them. */
final class Machine {
    private Machine() {}

    static void describe(Results results) {
        results.fact("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        results.fact("memory", memTotal());
        results.fact("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + osRelease());
        results.fact("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        results.fact("jvm args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        results.fact("load before run", loadAverage());
        String commit = git("rev-parse", "--short", "HEAD");
        boolean dirty = !commit.equals("unknown") && !git("status", "--porcelain", "--untracked-files=no").isBlank();
        results.fact("commit", commit + (dirty ? " (uncommitted changes)" : ""));
    }

    private static String memTotal() {
        String line = firstLine(Path.of("/proc/meminfo"), "MemTotal:");
        if (line.isEmpty()) {
            return "unknown";
        }
        long kb = Long.parseLong(line.substring("MemTotal:".length()).trim().split("\\s+")[0]);
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
    }

    private static String osRelease() {
        String line = firstLine(Path.of("/etc/os-release"), "PRETTY_NAME=");
        return line.isEmpty() ? "" : " (" + line.substring("PRETTY_NAME=".length()).replace("\"", "") + ")";
    }

    /** 1-minute load average: tells a reader whether others were using the cores. */
    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format("%.2f", load);
    }

    private static String firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
