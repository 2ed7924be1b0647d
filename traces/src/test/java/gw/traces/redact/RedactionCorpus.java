package gw.traces.redact;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Rows of redaction-corpus.json: a text and exactly what redaction must turn it into. */
record RedactionCorpus(String name, String text, String expected) {

  @Override
  public String toString() {
    return name;
  }

  static List<RedactionCorpus> rows() {
    try (InputStream in = RedactionCorpus.class.getResourceAsStream("/redaction-corpus.json")) {
      List<RedactionCorpus> rows = new ArrayList<>();
      for (JsonNode row : TraceJson.MAPPER.readTree(in).get("rows")) {
        rows.add(new RedactionCorpus(row.get("name").asText(), row.get("text").asText(), row.get("expected").asText()));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
