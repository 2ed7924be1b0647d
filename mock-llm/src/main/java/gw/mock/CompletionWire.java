package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One completion API as the mock speaks it: how its request reads ({@code R}, which the mock answers as
 * a chat request), and how its whole answer, its stream and its errors are written.
 */
interface CompletionWire<R> {

  /** The request, validated in the API's own words (an {@link ApiError} otherwise). */
  R read(JsonObject body);

  /** What the composer answers: the request as a chat request. */
  ChatRequest chat(R request);

  /** The prefix of the answer's id ({@code chatcmpl-mock}, {@code msg_mock}). */
  String idPrefix();

  JsonObject whole(ResponseMeta meta, R request, ChatResult result);

  /** The stream's events, the last of them the one that marks a complete answer. */
  List<SseFrame> frames(ResponseMeta meta, R request, ChatResult result, ModelProfile profile, Pace pace,
      double timeScale);

  void sendError(HttpServerResponse response, ApiError error);
}
