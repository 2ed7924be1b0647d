package gw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) another process has used so far, from Linux's {@code /proc/PID/stat}:
 * the bench reads it before and after a run to charge each server its own CPU.
 */
public final class ProcessCpu {
  private final long pid;
  private final long ticksPerSecond;

  /** @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK}, 100 on Linux) */
  public ProcessCpu(long pid, long ticksPerSecond) {
    if (pid <= 0 || ticksPerSecond <= 0) {
      throw new IllegalArgumentException("pid and clock ticks must be positive, got " + pid + " and " + ticksPerSecond);
    }
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** CPU seconds used so far, or NaN when the process is gone or /proc is not there. */
  public double seconds() {
    try {
      return parseSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), ticksPerSecond);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** utime and stime are fields 14 and 15; counted after the ")" that closes the command name, which may hold spaces. */
  static double parseSeconds(String stat, long ticksPerSecond) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return (double) ticks / ticksPerSecond;
  }
}
