package gw.gateway.cli;

import gw.gateway.policy.breaker.BreakersConfig;
import gw.traces.TraceRecord;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.Diagnosis;
import gw.traces.diagnosis.Finding;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TracePage;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Print a summary table of stored traces with a one-line diagnosis each, then the evidence.",
        "Without ids: the newest --limit traces, oldest first."},
    footer = "Exit status: 0, or 1 when a named trace is not in the store.")
final class TracesDiagnoseCommand implements Callable<Integer> {
  private static final int QUERY_WIDTH = 48;

  @Parameters(paramLabel = "TRACE_ID", arity = "0..*", description = "Trace ids to diagnose (default: the newest).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--limit", defaultValue = "50", description = "How many of the newest traces (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin DataDirOption traceStore;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit < 1) {
      err.println("gw traces diagnose: --limit must be at least 1, got " + limit);
      return 2;
    }
    List<TraceRecord> records = new ArrayList<>();
    int missing = 0;
    try (SqliteTraceStore store = SqliteTraceStore.open(traceStore.dir, StoreOptions.defaults())) {
      if (ids.isEmpty()) {
        List<TraceRecord> newest = newest(store, limit);
        java.util.Collections.reverse(newest);
        records.addAll(newest);
      } else {
        for (String id : ids) {
          Optional<TraceRecord> r = store.findById(id);
          if (r.isPresent()) {
            records.add(r.get());
          } else {
            err.println("gw traces diagnose: no trace " + id + " in " + store.file());
            missing++;
          }
        }
      }
    } catch (TraceStoreException e) {
      err.println("gw traces diagnose: " + e.getMessage());
      return 1;
    }
    if (records.isEmpty()) {
      out.println("no traces in " + traceStore.dir.resolve(SqliteTraceStore.FILE_NAME));
    } else {
      // The retrieval floor of the gateway's own breakers.json (GW_CONFIG_DIR, else the bundled one).
      print(out, records, BreakersConfig.load(ConfigDirOption.fromEnvironment()).diagnoser());
    }
    out.flush();
    return missing == 0 ? 0 : 1;
  }

  private static List<TraceRecord> newest(SqliteTraceStore store, int limit) {
    List<TraceRecord> out = new ArrayList<>();
    TraceQuery query = TraceQuery.builder().limit(Math.min(limit, TraceQuery.MAX_LIMIT)).build();
    while (out.size() < limit) {
      TracePage page = store.query(query);
      for (TraceRecord r : page.items()) {
        if (out.size() < limit) {
          out.add(r);
        }
      }
      if (page.nextCursor() == null) {
        break;
      }
      query = query.withCursor(page.nextCursor());
    }
    return out;
  }

  static void print(PrintWriter out, List<TraceRecord> records, Diagnoser diagnoser) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TRACE_ID", "QUERY", "DOCS (TOP)", "PROMPT", "MODEL", "LATENCY_MS", "ERROR", "DIAGNOSIS"});
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (TraceRecord r : records) {
      Diagnosis d = diagnoser.diagnose(r);
      diagnoses.add(d);
      rows.add(new String[] {r.traceId(), query(r), docs(r), prompt(r), model(r),
          String.format(Locale.ROOT, "%,.0f", r.latencyMs()), error(r), d.summary()});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        boolean last = c == row.length - 1;
        boolean number = c == 5;
        String cell = last ? row[c] : number ? pad(row[c], width[c], true) : pad(row[c], width[c], false);
        line.append(cell).append(last ? "" : "  ");
      }
      out.println(line);
    }
    boolean header = false;
    for (int i = 0; i < records.size(); i++) {
      Diagnosis d = diagnoses.get(i);
      if (d.healthy()) {
        continue;
      }
      if (!header) {
        out.println();
        out.println("Evidence");
        header = true;
      }
      out.println(d.traceId() + "  " + d.type());
      for (Finding f : d.findings()) {
        boolean secondary = f != d.findings().get(0);
        if (secondary) {
          out.println("  also " + f.type() + ": " + f.summary());
        }
        for (String e : f.evidence()) {
          out.println((secondary ? "    - " : "  - ") + e);
        }
      }
    }
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  private static String query(TraceRecord r) {
    String q = r.inputText() != null ? r.inputText() : r.retrievalQuery() != null ? r.retrievalQuery() : "-";
    q = q.replaceAll("\\s+", " ").strip();
    return q.length() <= QUERY_WIDTH ? q : q.substring(0, QUERY_WIDTH - 3) + "...";
  }

  private static String docs(TraceRecord r) {
    if (r.retrievedDocs() == null || r.retrievedDocs().isEmpty()) {
      return "0";
    }
    double top = r.retrievedDocs().stream().mapToDouble(TraceRecord.RetrievedDoc::relevanceScore).max().orElse(0);
    return r.retrievedDocs().size() + " (" + String.format(Locale.ROOT, "%.2f", top) + ")";
  }

  private static String prompt(TraceRecord r) {
    return r.promptVersion() == null ? "-" : r.promptVersion();
  }

  private static String model(TraceRecord r) {
    String m = r.modelServed() != null ? r.modelServed() : r.modelRequested();
    return m == null ? "-" : m;
  }

  private static String error(TraceRecord r) {
    if (r.isError()) {
      return "HTTP " + r.httpStatus();
    }
    if (r.toolCalls() != null && r.toolCalls().stream().anyMatch(t -> !t.success())) {
      return "tool failed";
    }
    return "no";
  }
}
