package gw.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What another JVM holds, read from outside: the old generation right after a full GC ({@code jcmd
 * GC.run}, then {@code jstat -gc}: the live set, without the garbage of the moment or what the young
 * generation takes in while jstat attaches), OS threads and open file descriptors from Linux's
 * {@code /proc/PID}, and resident memory.
 */
final class ProcessSampler {
  record Sample(long atSeconds, double heapAfterGcMb, int threads, int fds, double rssMb) {}

  private final long pid;

  ProcessSampler(long pid) {
    this.pid = pid;
  }

  Sample sample(long atSeconds) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "GC.run");
    return new Sample(atSeconds, heapUsedMb(run("jstat", "-gc", Long.toString(pid))), statusField("Threads:"),
        openFds(), statusField("VmRSS:") / 1024.0);
  }

  /** OU (old generation used) of {@code jstat -gc}, in KB there, found by the header's names. */
  static double heapUsedMb(String jstat) {
    List<String> lines = jstat.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() < 2) {
      throw new IllegalStateException("jstat printed no sample: " + jstat);
    }
    List<String> names = List.of(lines.get(0).trim().split("\\s+"));
    String[] values = lines.get(1).trim().split("\\s+");
    return Double.parseDouble(values[names.indexOf("OU")]) / 1024;
  }

  /** Java threads by name with the numbers taken out ({@code vert.x-worker-thread-7} counts as {@code vert.x-worker-thread-#}). */
  Map<String, Integer> threadsByPool() throws IOException, InterruptedException {
    Map<String, Integer> pools = new TreeMap<>();
    run("jcmd", Long.toString(pid), "Thread.print").lines().filter(l -> l.startsWith("\""))
        .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("\\d+", "#"))
        .forEach(name -> pools.merge(name, 1, Integer::sum));
    return pools;
  }

  private int statusField(String name) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(name)) {
        return Integer.parseInt(line.substring(name.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
  }

  private int openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
