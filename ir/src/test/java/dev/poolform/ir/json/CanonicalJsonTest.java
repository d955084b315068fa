package dev.poolform.ir.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.value.Literals;
import org.junit.jupiter.api.Test;

/** The canonical writer; whole configurations are covered by the compiler's IR golden files. */
class CanonicalJsonTest {
  @Test
  void escapesStringsAsTheDiagnosticsJsonDoes() {
    String s = "a\u0001\n\t\u007f\u2028\u2029\"\\/ é 😀 \u000b";
    String written = CanonicalJson.compact(CanonicalJson.NODES.textNode(s));
    assertThat(written).isEqualTo(Literals.jsonQuote(s));
    assertThat(written).contains("\\u0001", "\\u007f", "\\u2028", "\\u000b", "😀");
  }

  @Test
  void prettyTextIsSortedIndentedAndEndsWithANewline() throws Exception {
    var tree = CanonicalJson.parse("{\"b\": [], \"a\": {\"y\": [1, 2], \"x\": {}}}");
    assertThat(CanonicalJson.write(tree))
        .isEqualTo(
            "{\n  \"a\": {\n    \"x\": {},\n    \"y\": [\n      1,\n      2\n    ]\n  },\n"
                + "  \"b\": []\n}\n");
  }
}
