package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamTest {

  @Test
  void piecesAreAFewWordsAndConcatenateToTheText() {
    String text = "  Refunds are accepted within 30 days of purchase.\nThey go back to the card. ";

    List<String> pieces = ChatStream.pieces(text);

    assertThat(String.join("", pieces)).isEqualTo(text);
    assertThat(pieces).hasSizeGreaterThan(2).allSatisfy(piece -> assertThat(piece.trim().split("\\s+").length)
        .isLessThanOrEqualTo(4));
  }
}
