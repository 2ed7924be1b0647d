package gw.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.traces.diagnosis.ReferenceTraces;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bulk replay of the six reference traces with prompt v2.0 on gpt-4o-mini: the API job and the CLI. */
class BulkReplayTest {
  @TempDir Path dataDir;

  private static JsonArray referenceTraces() {
    JsonArray traces = new JsonArray();
    ReferenceTraces.FILE_NAMES.forEach(n -> traces.add(new JsonObject(Buffer.buffer(ReferenceTraces.bytes(n)))));
    return traces;
  }

  private static JsonNode awaitFinished(GatewayHarness gw, String jobId) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode job = GatewayHarness.readTree(gw.admin("/admin/replay/jobs/" + jobId, GatewayHarness.ADMIN_TOKEN)
          .bodyAsString());
      if ("finished".equals(job.path("status").asText())) {
        return job;
      }
      GatewayHarness.await(gw.vertx.timer(50));
    }
    throw new AssertionError("replay job " + jobId + " did not finish within 60 s");
  }

  @Test
  void theJobReportsWhichReferenceTracesTheOverrideFixes() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> started = gw.adminPost("/admin/replay/jobs", new JsonObject().put("traces", referenceTraces())
          .put("overrides", new JsonObject().put("prompt_version", "v2.0").put("model", "gpt-4o-mini"))
          .put("concurrency", 3), GatewayHarness.OPERATOR_TOKEN);
      assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
      JsonNode job = awaitFinished(gw, started.bodyAsJsonObject().getString("id"));

      assertThat(job.path("done").asInt()).isEqualTo(6);
      Map<String, String> verdicts = new HashMap<>();
      job.path("rows").forEach(r -> verdicts.put(r.path("trace_id").asText(), r.path("verdict").asText()));
      assertThat(verdicts.get(id("trace-c-wrong-prompt-ver.json"))).isEqualTo("improved");
      assertThat(verdicts.get(id("trace-e-hallucination.json"))).isEqualTo("improved");
      assertThat(verdicts.get(id("trace-f-slow-response.json"))).isEqualTo("improved");
      assertThat(verdicts.get(id("trace-b-retrieval-mismatch.json"))).as("a prompt cannot fix retrieval").isEqualTo("same");
      assertThat(verdicts.get(id("trace-d-tool-timeout.json"))).as("nor a tool timeout").isEqualTo("same");
      assertThat(verdicts.get(id("trace-a-normal-success.json"))).isNotEqualTo("degraded");
      assertThat(job.path("summary").path("failed").asInt()).isZero();
      assertThat(job.path("table").asText()).contains("TRACE_ID").contains("WRONG_PROMPT_VERSION")
          .contains("0 degraded, 0 failed");
    }
  }

  @Test
  void theCliPrintsTheSameTableAndExitsZeroWhenNothingDegraded() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = new CommandLine(new gw.gateway.cli.ReplayCommandAccess().command())
          .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute("--reference", "--prompt-version", "v2.0", "--model", "gpt-4o-mini",
              "--admin-url", "http://127.0.0.1:" + gw.gateway.adminPort(), "--token", GatewayHarness.OPERATOR_TOKEN);
      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("replaying [").contains("6/6").contains("TRACE_ID")
          .contains(id("trace-c-wrong-prompt-ver.json")).contains("0 degraded, 0 failed");

      int unreachable = new CommandLine(new gw.gateway.cli.ReplayCommandAccess().command())
          .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
          .execute("--reference", "--admin-url", "http://127.0.0.1:1");
      assertThat(unreachable).isEqualTo(2);
      assertThat(err.toString()).contains("cannot reach the admin API").doesNotContain("(null)");
    }
  }

  private static String id(String file) {
    return ReferenceTraces.load(file).traceId();
  }
}
