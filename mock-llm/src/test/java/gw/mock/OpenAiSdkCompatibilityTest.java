package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, a blocking client, runs on the test thread against the mock. */
class OpenAiSdkCompatibilityTest extends MockServerTestBase {

  private static final String QUESTION = "How many days do I have to ask for a refund?";

  private OpenAIClient openAi;

  @BeforeEach
  void createSdkClient() {
    openAi = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.actualPort() + "/v1")
        .apiKey("sk-test").maxRetries(0).build();
  }

  @AfterEach
  void closeSdkClient() {
    openAi.close();
  }

  @Test
  void sdkReadsACompletion() {
    ChatCompletion completion = openAi.chat().completions().create(question().build());

    assertThat(completion.choices().get(0).message().content())
        .contains("Refunds are accepted within 30 days of purchase. [kb/refunds.md]");
    assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
  }

  @Test
  void sdkReadsAStreamWithUsage() {
    List<String> pieces = new ArrayList<>();
    List<Long> usage = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(question()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      stream.stream().forEach(chunk -> {
        chunk.choices().forEach(choice -> choice.delta().content().ifPresent(pieces::add));
        chunk.usage().ifPresent(u -> usage.add(u.totalTokens()));
      });
    }

    assertThat(String.join("", pieces)).isEqualTo("Refunds are accepted within 30 days of purchase. [kb/refunds.md]");
    assertThat(usage).hasSize(1);
  }

  @Test
  void sdkDecodesItsDefaultBase64Embeddings() {
    String text = "Refunds are accepted within 30 days of purchase.";
    CreateEmbeddingResponse response = openAi.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").input(text).build());

    float[] expected = EmbeddingVectors.vector("text-embedding-3-small", text, 1536);
    List<Float> actual = response.data().get(0).embedding();
    assertThat(actual).hasSize(1536);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).isEqualTo(expected[i]);
    }
    assertThat(server.received().get(0).getJsonObject("body").getString("encoding_format")).isEqualTo("base64");
  }

  @Test
  void sdkSeesRateLimitAsItsOwnException() {
    server.chaos().set(ChaosSpec.of(ChaosMode.RATE_LIMIT));

    assertThatThrownBy(() -> openAi.chat().completions().create(question().build()))
        .isInstanceOf(RateLimitException.class);
  }

  private static ChatCompletionCreateParams.Builder question() {
    return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addSystemMessage(KB_SYSTEM)
        .addUserMessage(QUESTION);
  }
}
