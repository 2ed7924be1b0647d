package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.replay.ImportedTraces;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.diagnosis.ReferenceTraces;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TraceQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TracesCommandTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path data() {
    return tmp.resolve("data");
  }

  private List<TraceRecord> stored() {
    try (SqliteTraceStore store = SqliteTraceStore.open(data(), StoreOptions.defaults())) {
      return store.query(TraceQuery.builder().limit(100).build()).items();
    }
  }

  @Test
  void importsTheReferenceTracesOnceThenReportsThemPresent() {
    Run first = run("traces", "import", "--reference", "--data-dir", data().toString());
    assertThat(first.code()).as(first.err()).isZero();
    for (String name : ReferenceTraces.FILE_NAMES) {
      assertThat(first.out()).containsPattern("imported +reference/" + name + " +"
          + ReferenceTraces.load(name).traceId());
    }
    assertThat(first.out()).contains("6 imported, 0 already present, 0 failed");
    assertThat(stored()).extracting(TraceRecord::traceId).containsExactlyInAnyOrderElementsOf(
        ReferenceTraces.loadAll().stream().map(TraceRecord::traceId).toList());
    assertThat(stored()).contains(ImportedTraces.mark(ReferenceTraces.load("trace-e-hallucination.json")));
    assertThat(stored()).allSatisfy(r -> assertThat(r.actions()).endsWith(ImportedTraces.ACTION));

    Run again = run("traces", "import", "--reference", "--data-dir", data().toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already present  reference/trace-a-normal-success.json")
        .contains("0 imported, 6 already present, 0 failed");
    assertThat(stored()).hasSize(6);
  }

  @Test
  void importsFilesAndDirectoriesAndNamesEachFailurePrecisely() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("in"));
    Files.write(dir.resolve("b.json"), ReferenceTraces.bytes("trace-b-retrieval-mismatch.json"));
    Files.writeString(dir.resolve("notes.txt"), "not a trace");
    TraceRecord bad = ReferenceTraces.load("trace-a-normal-success.json").toBuilder()
        .traceId("5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a").environment("prod").latencyMs(-1).build();
    Path badFile = tmp.resolve("bad.json");
    Files.writeString(badFile, TraceJson.MAPPER.writeValueAsString(bad));
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"trace_id\": \"5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0b\",\n  \"latency_ms\": ");
    Path single = tmp.resolve("f.json");
    Files.write(single, ReferenceTraces.bytes("trace-f-slow-response.json"));

    Run r = run("traces", "import", "--data-dir", data().toString(), dir.toString(), badFile.toString(),
        broken.toString(), tmp.resolve("missing.json").toString(), single.toString(), single.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern("imported +\\S*b\\.json +" + ReferenceTraces.load("trace-b-retrieval-mismatch.json").traceId())
        .containsPattern("failed +\\S*bad\\.json +trace record 5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a rejected "
            + "\\(2 violations\\): environment must be one of \\[dev, staging, production\\], got \"prod\"; "
            + "latency_ms must be")
        .containsPattern("failed +\\S*broken\\.json +not a trace record: .*\\(line 2, column")
        .containsPattern("failed +\\S*missing\\.json +no such file or directory")
        .containsPattern("imported +\\S*f\\.json")
        .containsPattern("already present +\\S*f\\.json")
        .contains("2 imported, 1 already present, 3 failed")
        .doesNotContain("notes.txt");
    assertThat(stored()).extracting(TraceRecord::traceId).containsExactlyInAnyOrder(
        ReferenceTraces.load("trace-b-retrieval-mismatch.json").traceId(),
        ReferenceTraces.load("trace-f-slow-response.json").traceId());
  }

  @Test
  void importsOnlyIntoTenantsWithAGatewayKey() throws Exception {
    Path stranger = tmp.resolve("stranger.json");
    Files.writeString(stranger, TraceJson.MAPPER.writeValueAsString(ReferenceTraces.load("trace-a-normal-success.json")
        .toBuilder().tenant("globex").build()));
    Path known = tmp.resolve("known.json");
    Files.write(known, ReferenceTraces.bytes("trace-b-retrieval-mismatch.json"));

    Run r = run("traces", "import", "--data-dir", data().toString(), stranger.toString(), known.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).containsPattern("failed +\\S*stranger\\.json +trace \\S+ belongs to tenant 'globex', which has"
        + " no gateway key; import into one of \\[demo, acme\\]")
        .contains("1 imported, 0 already present, 1 failed");
    assertThat(stored()).extracting(TraceRecord::tenant).containsExactly("acme");
  }

  @Test
  void importWithNothingToImportIsAUsageError() {
    Run r = run("traces", "import", "--data-dir", data().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--reference");
  }

  @Test
  void diagnosePrintsTheSummaryTableAndTheEvidence() {
    assertThat(run("traces", "import", "--reference", "--data-dir", data().toString()).code()).isZero();
    Run r = run("traces", "diagnose", "--data-dir", data().toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TRACE_ID").contains("QUERY", "DOCS (TOP)", "PROMPT", "MODEL",
        "LATENCY_MS", "ERROR", "DIAGNOSIS");
    // oldest first: a to f
    List<TraceRecord> refs = ReferenceTraces.loadAll();
    for (int i = 0; i < refs.size(); i++) {
      assertThat(lines.get(i + 1)).startsWith(refs.get(i).traceId());
    }
    assertThat(lines.get(1)).contains("3 (0.92)", "v2.0", "gpt-4o-mini-2024-07-18", "1,240", "no").endsWith("Healthy");
    assertThat(lines.get(2)).contains("3 (0.21)").contains("Retrieved documents do not match the question");
    assertThat(lines.get(3)).contains("v1.0").contains("Served by support-answer v1.0 instead of v2.0");
    assertThat(lines.get(4)).contains("6,790", "tool failed").contains("Tool 'order_lookup' timed out");
    assertThat(lines.get(5)).contains("Answer states facts found in no retrieved document (24, 97, 48, 4.5)");
    assertThat(lines.get(6)).contains("gpt-4o-2024-08-06", "12,480").contains("breaches the 5,000 ms SLA");
    assertThat(r.out()).contains("Evidence", refs.get(1).traceId() + "  RETRIEVAL_MISMATCH",
        "  - top retrieval score 0.21 < 0.30", "  - prompt_version v1.0, expected v2.0 for prompt support-answer",
        "  also SLOW_RESPONSE: Latency 6,790 ms breaches the 5,000 ms SLA", "  - latency 12,480 ms > 5,000 ms SLA; upstream 12,100 ms (97%), gateway 44 ms");
    assertThat(r.out()).doesNotContain(refs.get(0).traceId() + "  HEALTHY");
  }

  @Test
  void diagnoseByIdAndReportsMissingIds() {
    assertThat(run("traces", "import", "--reference", "--data-dir", data().toString()).code()).isZero();
    String c = ReferenceTraces.load("trace-c-wrong-prompt-ver.json").traceId();
    Run r = run("traces", "diagnose", "--data-dir", data().toString(), c, "00000000-0000-4000-8000-000000000000");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out().lines().toList()).hasSize(1 + 1 + 2 + 4); // header, row, blank + title, id + 3 evidence
    assertThat(r.out()).contains(c + "  WRONG_PROMPT_VERSION");
    assertThat(r.err()).contains("no trace 00000000-0000-4000-8000-000000000000");
  }

  @Test
  void diagnoseAnEmptyStoreSaysSo() {
    Run r = run("traces", "diagnose", "--data-dir", data().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("no traces in ");
  }

  @Test
  void pruneAppliesTheBundledRetentionAndItsDryRunChangesNothing() {
    TraceRecord model = ReferenceTraces.loadAll().get(0);
    String old = java.util.UUID.randomUUID().toString();
    String warm = java.util.UUID.randomUUID().toString();
    java.time.Instant now = java.time.Instant.now();
    try (SqliteTraceStore store = SqliteTraceStore.open(data(), StoreOptions.defaults())) {
      // dev keeps content 24 h and records 7 days (config/observability_contract.json)
      store.offer(model.toBuilder().traceId(old).environment("dev").timestamp(now.minus(java.time.Duration.ofDays(9))
          .toString()).build());
      store.offer(model.toBuilder().traceId(warm).environment("dev").timestamp(now.minus(java.time.Duration.ofDays(2))
          .toString()).build());
      store.flush();
    }

    Run dry = run("traces", "prune", "--dry-run", "--data-dir", data().toString());
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("dev        hot 24 h, warm 7 d: 1 traces would lose their content, 1 would be deleted")
        .contains("dry run: nothing changed");
    assertThat(stored()).extracting(TraceRecord::traceId).containsExactlyInAnyOrder(old, warm);

    Run done = run("traces", "prune", "--data-dir", data().toString());
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("1 traces lost their content, 1 deleted");
    assertThat(stored()).singleElement().satisfies(r -> {
      assertThat(r.traceId()).isEqualTo(warm);
      assertThat(r.inputText()).isNull();
      assertThat(r.request()).isNull();
    });
  }

  @Test
  void pruneWithoutAStoreSaysSoAndFails() {
    Run run = run("traces", "prune", "--data-dir", tmp.resolve("nowhere").toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("no trace database at");
  }
}
