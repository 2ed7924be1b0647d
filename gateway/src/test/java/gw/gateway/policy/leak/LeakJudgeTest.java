package gw.gateway.policy.leak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.chain.RequestContext;
import gw.gateway.chain.Route;
import gw.traces.redact.Redactor;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every provenance case: what the caller sent, what only the documents hold, what the request never had. */
class LeakJudgeTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Redactor REDACTOR = Redactor.defaults();
  private static final String CARD = "4111 1111 1111 1111";
  private static final String KEY = "sk-proj-abcdefghijklmnopqrstuvwx";

  private final ObjectNode body = JSON.objectNode();
  private final ArrayNode messages = body.putArray("messages");
  private final ArrayNode documents = JSON.arrayNode();
  private final ArrayNode tools = JSON.arrayNode();
  private LeakJudge judge = new LeakJudge(Allowlist.NONE);

  private LeakJudgeTest message(String role, String content) {
    messages.addObject().put("role", role).put("content", content);
    return this;
  }

  private LeakJudgeTest document(String content) {
    documents.addObject().put("source", "kb/doc.md").put("content", content);
    return this;
  }

  private static GatewayExtension bind(ObjectNode gateway) {
    try {
      return gw.gateway.openai.RequestBodies.JSON.treeToValue(gateway, GatewayExtension.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The single judgement of the one sensitive value in {@code answer}. */
  private LeakJudge.Judgement judge(String answer) {
    Exchange ex = new Exchange("t", Route.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 0);
    ex.body(body);
    ObjectNode gateway = JSON.objectNode();
    gateway.putObject("retrieval").set("documents", documents);
    gateway.set("tools", tools);
    ex.context(new RequestContext(null, null, null, null, null, null, bind(gateway)));
    List<Redactor.Match> found = REDACTOR.matches(answer);
    assertThat(found).as("sensitive values in: " + answer).hasSize(1);
    return judge.judge(found.get(0), Provenance.of(ex, REDACTOR));
  }

  private static void echo(LeakJudge.Judgement j) {
    assertThat(j.origin()).isEqualTo(Origin.CALLER);
    assertThat(j.leak()).isFalse();
    assertThat(j.redact()).isFalse();
  }

  @Test
  void theUsersOwnEmailEchoedIsNoLeakWhateverItsCase() {
    message("user", "My email is Jane.Roe@Example.com, where is my order?");
    echo(judge("We will write to jane.roe@example.com once it ships."));
  }

  @Test
  void aPhoneNumberMatchesWhateverItsSeparatorsOrCountryCode() {
    message("user", "Call me back on (415) 555-0132");
    echo(judge("We will call 415 555 0132 today."));
    echo(judge("We will call +1 415-555-0132 today."));
  }

  @Test
  void aNumberTheUserRanTogetherEchoesItsFormattedSpelling() {
    message("user", "Thanks, Lucas, 3125550147");
    echo(judge("We will call you on 312-555-0147."));
  }

  @Test
  void valuesInToolOutputsAndToolCallArgumentsAreTheCallersOwn() {
    message("tool", "{\"customer\": {\"phone\": \"212-555-0187\"}}");
    echo(judge("The number on file is 212 555 0187."));
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    assistant.putArray("tool_calls").addObject().putObject("function").put("name", "lookup")
        .put("arguments", "{\"email\": \"sam@example.org\"}");
    echo(judge("I looked up sam@example.org for you."));
    tools.addObject().put("name", "crm").put("output", "iban DE89 3704 0044 0532 0130 00");
    echo(judge("Your IBAN DE89370400440532013000 is verified."));
  }

  @Test
  void contactDataFoundOnlyInTheDocumentsIsNoLeak() {
    message("system", "Answer from the context.").message("user", "How do I reach support?");
    document("Write to help@corp.example for anything else.");
    LeakJudge.Judgement j = judge("Write to help@corp.example.");
    assertThat(j.origin()).isEqualTo(Origin.DOCUMENTS);
    assertThat(j.leak()).isFalse();
    assertThat(j.redact()).isFalse();
  }

  @Test
  void aHighRiskIdFoundOnlyInTheDocumentsIsALeakEvenWhenTheAppQuotedTheDocumentInTheUserTurn() {
    String doc = "Test account card: " + CARD + ".";
    document(doc).message("user", "Context: " + doc + "\nQuestion: what card is on the test account?");
    LeakJudge.Judgement j = judge("The card is " + CARD + ".");
    assertThat(j.origin()).isEqualTo(Origin.DOCUMENTS);
    assertThat(j.leak()).isTrue();
    assertThat(j.redact()).isTrue();
  }

  @Test
  void systemInstructionsCountAsDocumentsWhenTheAppReportsNoRetrieval() {
    message("system", "Context: the employee's SSN is 123-45-6789.").message("user", "What is the SSN on file?");
    LeakJudge.Judgement j = judge("It is 123-45-6789.");
    assertThat(j.origin()).isEqualTo(Origin.DOCUMENTS);
    assertThat(j.leak()).isTrue();
  }

  @Test
  void theCallersOwnCardNumberEchoedIsNoLeak() {
    message("user", "Is my card 4111-1111-1111-1111 still valid?");
    echo(judge("Card " + CARD + " is valid until 2028."));
  }

  @Test
  void aValueNowhereInTheRequestIsALeak() {
    message("user", "What is my account email?");
    LeakJudge.Judgement j = judge("It is john.doe@example.com.");
    assertThat(j.origin()).isEqualTo(Origin.NOWHERE);
    assertThat(j.leak()).isTrue();
    assertThat(j.redact()).isTrue();
  }

  @Test
  void allowlistedValuesAndDomainsAreNeverALeak() {
    judge = new LeakJudge(new Allowlist(List.of("support@acme-shop.com", "1-800-555-0199"), List.of("acme.example")));
    message("user", "How do I reach you?");
    assertThat(judge("Email SUPPORT@acme-shop.com.").origin()).isEqualTo(Origin.PUBLIC);
    assertThat(judge("Call (800) 555-0199.").leak()).isFalse();
    assertThat(judge("Write to press@eu.acme.example.").origin()).isEqualTo(Origin.PUBLIC);
    assertThat(judge("Write to press@acme.example.com.").leak()).as("a domain is matched whole").isTrue();
  }

  @Test
  void credentialsAreAlwaysRedactedButTheCallersOwnIsNoLeak() {
    judge = new LeakJudge(new Allowlist(List.of(KEY), List.of()));
    message("user", "Why does " + KEY + " fail?");
    LeakJudge.Judgement own = judge("Your key " + KEY + " expired.");
    assertThat(own.leak()).isFalse();
    assertThat(own.redact()).as("redacted although the caller sent it and it is allowlisted").isTrue();
    messages.removeAll();
    message("user", "Which key does the demo use?");
    assertThat(judge("It uses " + KEY + ".").leak()).isTrue();
  }
}
