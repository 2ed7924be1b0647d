package gw.mock.client;

import java.util.List;

/**
 * How one RAG request ended.
 *
 * @param status         the gateway's HTTP status, or 0 when no complete answer arrived
 * @param failure        null for a complete 2xx answer; else the status ({@code "503"}), {@code connection_error}
 *                       or {@code stream_incomplete}
 * @param actions        the {@code x-gateway-action} values the gateway named
 * @param emptyRetrieval the vector store gave no documents (or failed)
 * @param latencyMs      from the retrieval call to the last byte of the answer
 */
record Outcome(int status, String failure, List<String> actions, boolean emptyRetrieval, long latencyMs) {

  static final String CONNECTION_ERROR = "connection_error";
  static final String STREAM_INCOMPLETE = "stream_incomplete";

  boolean ok() {
    return failure == null;
  }
}
