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

  @Test
  void normalizeSortsAndRetypesACopyButKeepsATreeThatIsAlreadyNormal() throws Exception {
    var read = CanonicalJson.parse("{\"a\": {\"x\": 1, \"y\": [2, 3.5]}, \"b\": \"t\"}");
    assertThat(CanonicalJson.normalize(read)).isSameAs(read);

    var built = CanonicalJson.object();
    built.put("b", "t");
    var a = built.putObject("a");
    a.put("y", 1L); // a long that fits an int: the parser would make an int
    a.put("x", 1);
    var normal = CanonicalJson.normalize(built);
    assertThat(normal).isNotSameAs(built);
    assertThat(CanonicalJson.compact(normal)).isEqualTo("{\"a\":{\"x\":1,\"y\":1},\"b\":\"t\"}");
    assertThat(normal.fieldNames()).toIterable().containsExactly("a", "b");
    assertThat(normal.get("a").get("y").isInt()).isTrue();
    assertThat(CanonicalJson.normalize(normal)).isSameAs(normal);
  }
}
