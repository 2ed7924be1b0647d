package gw.traces.diagnosis;

import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The six reference traces shipped in this jar: a healthy RAG support request and five failures,
 * one per failure type, for learning to read traces and for testing the diagnosis.
 */
public final class ReferenceTraces {
  public static final String RESOURCE_DIR = "reference-traces/";
  public static final List<String> FILE_NAMES = List.of(
      "trace-a-normal-success.json",
      "trace-b-retrieval-mismatch.json",
      "trace-c-wrong-prompt-ver.json",
      "trace-d-tool-timeout.json",
      "trace-e-hallucination.json",
      "trace-f-slow-response.json");

  private ReferenceTraces() {}

  /** The raw bytes of one bundled file, by its name in {@link #FILE_NAMES}. */
  public static byte[] bytes(String fileName) {
    if (!FILE_NAMES.contains(fileName)) {
      throw new IllegalArgumentException("no reference trace named " + fileName + "; known: " + FILE_NAMES);
    }
    try (InputStream in = ReferenceTraces.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + fileName)) {
      if (in == null) {
        throw new IllegalStateException("reference trace " + fileName + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference trace " + fileName, e);
    }
  }

  public static TraceRecord load(String fileName) {
    try {
      return TraceValidator.requireValid(TraceJson.MAPPER.readValue(bytes(fileName), TraceRecord.class));
    } catch (IOException e) {
      throw new UncheckedIOException("reference trace " + fileName + " is not a trace record", e);
    }
  }

  /** All six, validated, in the order of {@link #FILE_NAMES}. */
  public static List<TraceRecord> loadAll() {
    List<TraceRecord> out = new ArrayList<>();
    for (String name : FILE_NAMES) {
      out.add(load(name));
    }
    return out;
  }
}
