package gw.gateway.cli;

import gw.gateway.chain.Causes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.diagnosis.ReferenceTraces;
import gw.traces.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay captured requests through a running gateway with overrides and print the pass/fail table.",
        "Traces: ids, a --filter on the stored traces, a --dir of trace JSON files, or the --reference six."},
    footer = "Exit status: 0 when no replay degraded or failed, 1 otherwise, 2 for a usage or connection problem.")
final class ReplayCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int BAR = 30;

  @Parameters(paramLabel = "TRACE_ID", arity = "0..*", description = "Stored trace ids.")
  List<String> traceIds = new ArrayList<>();

  @Option(names = "--filter", paramLabel = "KEY=VALUE",
      description = "Trace query, as /admin/traces takes it: model, status, tenant, prompt_version, session_id, from, to, limit.")
  List<String> filters = new ArrayList<>();

  @Option(names = "--dir", description = "A directory of trace JSON files (one record each): stored, then replayed.")
  Path dir;

  @Option(names = "--reference", description = "The six bundled reference traces.")
  boolean reference;

  @Option(names = "--model") String model;
  @Option(names = "--prompt-version") String promptVersion;
  @Option(names = "--temperature") Double temperature;
  @Option(names = "--max-tokens") Integer maxTokens;

  @Option(names = "--concurrency", defaultValue = "4", description = "Replays at a time, 1..16 (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--admin-url", defaultValue = "${env:GW_ADMIN_URL:-" + EnvDefaults.ADMIN_URL + "}",
      description = "The gateway's admin API (default ${DEFAULT-VALUE}).")
  String adminUrl;

  @Option(names = "--token", defaultValue = "${env:GW_ADMIN_TOKEN:-" + EnvDefaults.DEMO_ADMIN_TOKEN + "}",
      description = "Admin token with the operator role (default: GW_ADMIN_TOKEN, else the demo token).")
  String token;

  @Spec
  CommandSpec spec;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode body;
    try {
      body = request();
    } catch (IllegalArgumentException | IOException e) {
      err.println("gw replay: " + e.getMessage());
      return 2;
    }
    JsonNode job;
    try {
      job = send("POST", "/admin/replay/jobs", body.toString(), 202);
      while (!"finished".equals(job.path("status").asText())) {
        progress(out, job);
        Thread.sleep(200); // polling a remote job: a CLI may wait
        job = send("GET", "/admin/replay/jobs/" + job.path("id").asText(), null, 200);
      }
    } catch (IOException e) {
      err.println("gw replay: " + e.getMessage());
      return 2;
    }
    progress(out, job);
    out.println();
    out.print(job.path("table").asText());
    out.flush();
    JsonNode s = job.path("summary");
    return s.path("degraded").asInt() + s.path("failed").asInt() == 0 ? 0 : 1;
  }

  private ObjectNode request() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    if (!traceIds.isEmpty()) {
      ArrayNode ids = body.putArray("trace_ids");
      traceIds.forEach(ids::add);
    } else if (!filters.isEmpty()) {
      ObjectNode filter = body.putObject("filter");
      for (String f : filters) {
        int eq = f.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--filter takes KEY=VALUE, got '" + f + "'");
        }
        filter.put(f.substring(0, eq), f.substring(eq + 1));
      }
    } else if (dir != null || reference) {
      ArrayNode traces = body.putArray("traces");
      if (reference) {
        for (String name : ReferenceTraces.FILE_NAMES) {
          traces.add(JSON.readTree(ReferenceTraces.bytes(name)));
        }
      }
      if (dir != null) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
            traces.add(JSON.readTree(f.toFile()));
          }
        }
      }
    } else {
      throw new IllegalArgumentException("say which traces: TRACE_ID..., --filter, --dir or --reference");
    }
    ObjectNode overrides = body.putObject("overrides");
    if (model != null) {
      overrides.put("model", model);
    }
    if (promptVersion != null) {
      overrides.put("prompt_version", promptVersion);
    }
    if (temperature != null) {
      overrides.put("temperature", temperature);
    }
    if (maxTokens != null) {
      overrides.put("max_tokens", maxTokens);
    }
    body.put("concurrency", concurrency);
    return body;
  }

  private JsonNode send(String method, String path, String body, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("cannot reach the admin API at " + adminUrl + " (" + Causes.describe(e)
          + "); is the gateway running? (--admin-url)", e);
    }
    if (resp.statusCode() != expected) {
      JsonNode error = JSON.readTree(resp.body()).path("error");
      throw new IOException(method + " " + path + " answered " + resp.statusCode() + ": "
          + error.path("message").asText(resp.body()));
    }
    return JSON.readTree(resp.body());
  }

  private static void progress(PrintWriter out, JsonNode job) {
    int total = Math.max(1, job.path("total").asInt());
    int done = job.path("done").asInt();
    int filled = done * BAR / total;
    out.print("\rreplaying [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done + "/" + total);
    out.flush();
  }
}
