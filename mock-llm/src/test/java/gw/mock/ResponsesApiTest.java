package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Responses API on the mock, read by the official OpenAI SDK: the same answers as chat, stored for retrieval. */
class ResponsesApiTest extends MockServerTestBase {

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

  private static ResponseCreateParams ask() {
    return ResponseCreateParams.builder().model("gpt-4o-mini").instructions(KB_SYSTEM).input(QUESTION).build();
  }

  static String text(Response response) {
    return response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text();
  }

  @Test
  void answersAsChatDoesAndStoresTheResponse() {
    Response response = openAi.responses().create(ask());
    ChatCompletion chat = openAi.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
        .addSystemMessage(KB_SYSTEM).addUserMessage(QUESTION).build());
    assertThat(text(response)).isEqualTo(chat.choices().get(0).message().content().orElseThrow());
    assertThat(response.id()).startsWith("resp_mock");
    assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(chat.usage().orElseThrow().completionTokens());
    assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(chat.usage().orElseThrow().promptTokens());

    Response retrieved = openAi.responses().retrieve(response.id());
    assertThat(text(retrieved)).isEqualTo(text(response));
    assertThatThrownBy(() -> openAi.responses().retrieve("resp_unknown")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void streamsNumberedEventsEndingInCompleted() {
    Response whole = openAi.responses().create(ask());
    StringBuilder text = new StringBuilder();
    List<String> types = new ArrayList<>();
    List<Response> completed = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = openAi.responses().createStreaming(ask())) {
      stream.stream().forEach(event -> {
        event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        event.completed().ifPresent(c -> completed.add(c.response()));
        types.add(event.isCreated() ? "created" : event.isCompleted() ? "completed" : "other");
      });
    }
    assertThat(types.get(0)).isEqualTo("created");
    assertThat(types.get(types.size() - 1)).isEqualTo("completed");
    assertThat(text.toString()).isEqualTo(text(whole));
    assertThat(completed.get(0).usage().orElseThrow().outputTokens())
        .isEqualTo(whole.usage().orElseThrow().outputTokens());
  }

  @Test
  void aFollowUpCarriesThePreviousConversation() {
    Response first = openAi.responses().create(ask());
    Response next = openAi.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
        .previousResponseId(first.id()).input("And how long does standard shipping take?").build());
    assertThat(next.usage().orElseThrow().inputTokens()).isGreaterThan(first.usage().orElseThrow().inputTokens());
    assertThat(text(next)).contains("5 business days");
    assertThatThrownBy(() -> openAi.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
        .previousResponseId("resp_gone").input("Hi").build())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void chaosFailsResponsesToo() {
    server.chaos().set(ChaosSpec.of(ChaosMode.ERROR_500));
    assertThatThrownBy(() -> openAi.responses().create(ask())).isInstanceOf(InternalServerException.class);
  }
}
