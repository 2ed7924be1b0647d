package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE frames of a streamed chat answer, timed like the model: the first after the time to first token,
 * each content piece after the time its tokens take to generate.
 */
final class ChatStream {

  private static final int WORDS_PER_PIECE = 4;
  private static final Pattern WORD = Pattern.compile("\\s*\\S+");

  private final Tokenizer tokenizer;

  ChatStream(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** {@code profile} gives the encoding that counts tokens, {@code pace} and {@code timeScale} the delays. */
  List<SseFrame> frames(ResponseMeta meta, ChatResult result, boolean includeUsage, ModelProfile profile, Pace pace,
                        double timeScale) {
    List<SseFrame> frames = new ArrayList<>();
    long firstDelay = pace.firstTokenDelayMs(timeScale);
    if (result.toolCall() != null) {
      addToolCallFrames(frames, meta, result.toolCall(), includeUsage, firstDelay);
    } else {
      JsonObject roleDelta = new JsonObject().put("role", "assistant").put("content", "").put("refusal", null);
      frames.add(frame(firstDelay, ChatJson.chunk(meta, roleDelta, null, includeUsage)));
      for (String piece : pieces(result.content())) {
        long delay = pace.generatesOverTime(timeScale)
            ? pace.tokensDelayMs(tokenizer.count(profile, piece), timeScale) : 0;
        frames.add(frame(delay, ChatJson.chunk(meta, new JsonObject().put("content", piece), null, includeUsage)));
      }
    }
    frames.add(frame(0, ChatJson.chunk(meta, new JsonObject(), result.finishReason(), includeUsage)));
    if (includeUsage) {
      frames.add(frame(0, ChatJson.usageChunk(meta, result)));
    }
    frames.add(SseFrame.DONE);
    return frames;
  }

  private static void addToolCallFrames(List<SseFrame> frames, ResponseMeta meta, ToolCall call,
                                        boolean includeUsage, long firstDelay) {
    JsonObject opening = new JsonObject().put("index", 0).put("id", call.id()).put("type", "function")
        .put("function", new JsonObject().put("name", call.name()).put("arguments", ""));
    JsonObject roleDelta = new JsonObject().put("role", "assistant").put("content", null)
        .put("tool_calls", new JsonArray().add(opening)).put("refusal", null);
    frames.add(frame(firstDelay, ChatJson.chunk(meta, roleDelta, null, includeUsage)));
    JsonObject arguments = new JsonObject().put("index", 0)
        .put("function", new JsonObject().put("arguments", call.arguments()));
    frames.add(frame(0, ChatJson.chunk(meta, new JsonObject().put("tool_calls", new JsonArray().add(arguments)),
        null, includeUsage)));
  }

  /** Splits text into pieces of a few words whose concatenation is exactly the text. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    StringBuilder piece = new StringBuilder();
    int words = 0;
    int end = 0;
    while (matcher.find()) {
      piece.append(matcher.group());
      end = matcher.end();
      if (++words == WORDS_PER_PIECE) {
        pieces.add(piece.toString());
        piece.setLength(0);
        words = 0;
      }
    }
    piece.append(text, end, text.length());
    if (piece.length() > 0) {
      pieces.add(piece.toString());
    }
    return pieces;
  }

  private static SseFrame frame(long delayMs, JsonObject chunk) {
    return new SseFrame(delayMs, chunk.encode());
  }
}
