package io.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operating system's accounting of one process (Linux {@code /proc}): CPU time used (user +
 * system, {@code /proc/<pid>/stat} fields 14 and 15, in clock ticks) and peak resident set size
 * ({@code VmHWM} of {@code /proc/<pid>/status}). CPU is sampled at the start and end of a measured
 * interval; the difference is the process's CPU time in that interval, on all its threads.
 */
public final class ProcessAccounting {

    /** USER_HZ: the unit of utime/stime. 100 on every mainstream Linux build; {@code getconf CLK_TCK} confirms it. */
    static final long TICKS_PER_SECOND = 100;

    private final long pid;

    private ProcessAccounting(long pid) {
        this.pid = pid;
    }

    public static ProcessAccounting of(long pid) {
        return new ProcessAccounting(pid);
    }

    /** CPU time (user + system) the process has used so far, in milliseconds. */
    public long cpuMillis() {
        return parseCpuTicks(read("stat")) * 1000 / TICKS_PER_SECOND;
    }

    /** Peak resident set size so far, in MiB. */
    public double peakRssMegabytes() {
        return parsePeakRssKilobytes(read("status")) / 1024.0;
    }

    /**
     * utime + stime from a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses
     * and may itself contain spaces and parentheses, so fields are counted from the last ')'.
     */
    static long parseCpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        if (fields.length < 13) {
            throw new IllegalArgumentException("/proc/<pid>/stat line is too short");
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmHWM in kB from a {@code /proc/<pid>/status} text. */
    static long parsePeakRssKilobytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected VmHWM line: " + line);
                }
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalArgumentException("no VmHWM in /proc/<pid>/status (a kernel thread, or not Linux)");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + " (has the process exited?)", e);
        }
    }
}
