package gw.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.gateway.config.ConfigLoader;
import gw.gateway.replay.ImportedTraces;
import gw.gateway.replay.ReplayIdentities;
import gw.traces.InvalidTraceException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.diagnosis.ReferenceTraces;
import gw.traces.redact.Redactor;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TraceStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Validate trace JSON files and load them into the trace store, marked as imported.",
        "Each file holds one trace record. A directory loads its *.json files. Safe while the gateway runs.",
        "Only tenants with a gateway key in gateway.json (--config-dir) are accepted."},
    footer = "Exit status: 0 when every file was imported or already present, 1 otherwise.")
final class TracesImportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Trace files, or directories of *.json files.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--reference", description = "Also load the six bundled reference traces (trace-a ... trace-f).")
  boolean reference;

  @Mixin DataDirOption traceStore;
  @Mixin ConfigDirOption config;

  @Spec
  CommandSpec spec;

  /** One input: where it came from, and its bytes or why they could not be read. */
  private record Input(String label, byte[] bytes, String readError) {}

  private record Outcome(String label, String status, String detail) {}

  static final String IMPORTED = "imported";
  static final String PRESENT = "already present";
  static final String FAILED = "failed";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (paths.isEmpty() && !reference) {
      throw new CommandLine.ParameterException(spec.commandLine(), "name trace files or directories, or pass --reference");
    }
    List<Input> inputs = inputs();
    ReplayIdentities known = new ReplayIdentities(new ConfigLoader(config.source(), System.getenv()).load().keys());
    Redactor redactor = config.source().read(Redactor.PATTERNS_FILE, Redactor::fromJson);
    SqliteTraceStore store;
    try {
      store = SqliteTraceStore.open(traceStore.dir, StoreOptions.defaults());
    } catch (TraceStoreException e) {
      err.println("gw traces import: " + e.getMessage());
      return 1;
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      outcomes = importAll(store, redactor, inputs, known);
    } finally {
      store.close();
    }
    int width = outcomes.stream().mapToInt(o -> o.label().length()).max().orElse(0);
    int imported = 0;
    int present = 0;
    int failed = 0;
    for (Outcome o : outcomes) {
      out.println(String.format("%-15s  %-" + width + "s  %s", o.status(), o.label(), o.detail()));
      switch (o.status()) {
        case IMPORTED -> imported++;
        case PRESENT -> present++;
        default -> failed++;
      }
    }
    out.println(imported + " imported, " + present + " already present, " + failed + " failed ("
        + traceStore.dir.resolve(SqliteTraceStore.FILE_NAME) + ")");
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    if (reference) {
      for (String name : ReferenceTraces.FILE_NAMES) {
        inputs.add(new Input("reference/" + name, ReferenceTraces.bytes(name), null));
      }
    }
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          List<Path> json = files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
              .sorted().toList();
          if (json.isEmpty()) {
            inputs.add(new Input(p.toString(), null, "directory has no *.json files"));
          }
          json.forEach(f -> inputs.add(read(f)));
        } catch (IOException e) {
          inputs.add(new Input(p.toString(), null, "cannot list directory: " + e.getMessage()));
        }
      } else {
        inputs.add(read(p));
      }
    }
    return inputs;
  }

  private static Input read(Path file) {
    if (!Files.exists(file)) {
      return new Input(file.toString(), null, "no such file or directory");
    }
    try {
      return new Input(file.toString(), Files.readAllBytes(file), null);
    } catch (IOException e) {
      return new Input(file.toString(), null, "cannot read: " + e);
    }
  }

  private static List<Outcome> importAll(SqliteTraceStore store, Redactor redactor, List<Input> inputs,
      ReplayIdentities known) {
    Outcome[] outcomes = new Outcome[inputs.size()];
    Map<Integer, TraceRecord> toStore = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.readError() != null) {
        outcomes[i] = new Outcome(in.label(), FAILED, in.readError());
        continue;
      }
      TraceRecord record;
      try {
        record = TraceJson.MAPPER.readValue(in.bytes(), TraceRecord.class);
      } catch (JsonProcessingException e) {
        outcomes[i] = new Outcome(in.label(), FAILED, "not a trace record: " + e.getOriginalMessage()
            + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")"));
        continue;
      } catch (IOException e) {
        outcomes[i] = new Outcome(in.label(), FAILED, "cannot read: " + e.getMessage());
        continue;
      }
      List<String> violations = TraceValidator.violations(record);
      if (!violations.isEmpty()) {
        outcomes[i] = new Outcome(in.label(), FAILED,
            InvalidTraceException.describe(record == null ? null : record.traceId(), violations));
        continue;
      }
      String refusal = ImportedTraces.refusal(record, known, null);
      if (refusal != null) {
        outcomes[i] = new Outcome(in.label(), FAILED, refusal);
        continue;
      }
      // an id earlier in this run, or already stored (e.g. by a running gateway)
      if (!seen.add(record.traceId()) || store.findById(record.traceId()).isPresent()) {
        outcomes[i] = new Outcome(in.label(), PRESENT, record.traceId());
        continue;
      }
      toStore.put(i, record);
    }
    Set<String> stored = ImportedTraces.store(store, redactor, List.copyOf(toStore.values()));
    toStore.forEach((i, r) -> outcomes[i] = stored.contains(r.traceId())
        ? new Outcome(inputs.get(i).label(), IMPORTED, r.traceId())
        : new Outcome(inputs.get(i).label(), FAILED, r.traceId() + ": not written (the store logged why)"));
    return List.of(outcomes);
  }
}
