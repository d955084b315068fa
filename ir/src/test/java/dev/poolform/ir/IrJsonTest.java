package dev.poolform.ir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The codec's string escaping; whole configurations are covered by the compiler's IR tests. */
class IrJsonTest {
  @Test
  void escapesControlCharactersAndLoneSurrogates() {
    StringBuilder sb = new StringBuilder();
    IrJson.string(sb, "a\u0001\n\ud800");
    assertThat(sb.toString()).isEqualTo("\"a\\u0001\\n\\ud800\"");
  }
}
