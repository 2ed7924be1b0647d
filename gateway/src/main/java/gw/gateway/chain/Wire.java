package gw.gateway.chain;

import java.util.Locale;

/**
 * The API shapes the gateway speaks: OpenAI's (Chat Completions, Embeddings, Models; any
 * OpenAI-compatible server), OpenAI's Responses API, and Anthropic's Messages API. A route has the shape
 * its clients speak, a try the shape its provider is called in; the policy chain always works on the
 * chat completion.
 */
public enum Wire {
  OPENAI, RESPONSES, ANTHROPIC;

  /** The name used in configuration and traces: {@code openai}, {@code anthropic}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
