package gw.gateway.cli;

import gw.traces.sampling.RetentionRules;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.TraceRetention;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
    description = "Apply the retention of observability_contract.json now: drop the content of traces past "
        + "their hot period, delete those past their warm period, keep the file under its size cap.")
final class TracesPruneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Only count what would be dropped and deleted.")
  boolean dryRun;

  @Option(names = "--vacuum", description = "Afterwards rewrite the whole file with incremental auto-vacuum on "
      + "(files made by older versions shrink only after this; stop the gateway first).")
  boolean vacuum;

  @Mixin DataDirOption traceStore;
  @Mixin ConfigDirOption config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RetentionRules rules = config.source().read("observability_contract.json", RetentionRules::fromJson);
    TraceRetention retention = TraceRetention.ofFile(traceStore.dir.resolve(SqliteTraceStore.FILE_NAME));
    if (rules.isEmpty()) {
      out.println("no retention configured in observability_contract.json: traces are kept forever");
    }
    TraceRetention.Report report = retention.prune(rules, Clock.systemUTC().instant(), dryRun);
    rules.environments().forEach((env, rule) -> out.printf("%-10s hot %d h, warm %d d: %d traces %s their content,"
        + " %d %s%n", env, rule.hot().toHours(), rule.warm().toDays(), count(report.contentDropped(), env),
        dryRun ? "would lose" : "lost", count(report.deleted(), env), dryRun ? "would be deleted" : "deleted"));
    if (rules.maxDbBytes() > 0) {
      out.printf("size cap %d MB: %d oldest traces %s%n", rules.maxDbBytes() >> 20, report.deletedForSize(),
          dryRun ? "would be deleted" : "deleted");
    }
    out.printf("file: %.1f MB%s%n", report.bytesBefore() / 1048576.0,
        dryRun ? " (dry run: nothing changed)" : " -> " + String.format("%.1f MB", report.bytesAfter() / 1048576.0));
    if (vacuum && !dryRun) {
      retention.convertAndVacuum();
      out.println("vacuumed: the file now gives freed pages back on every prune");
    }
    return 0;
  }

  private static long count(Map<String, Long> counts, String env) {
    return counts.getOrDefault(env, 0L);
  }
}
