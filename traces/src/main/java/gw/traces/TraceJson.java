package gw.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import gw.traces.json.Json;

/** The mapper for trace records: {@link Json#TOLERANT}, so older files still load. */
public final class TraceJson {
  public static final ObjectMapper MAPPER = Json.TOLERANT;

  private TraceJson() {}
}
