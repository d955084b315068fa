package dev.poolform.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import org.junit.jupiter.api.Test;

class HashesTest {
  /** Streamed into the digest, the hash is still that of the compact text's UTF-8 bytes. */
  @Test
  void hashOfATreeIsTheHashOfItsCompactText() {
    ObjectNode o = CanonicalJson.object();
    o.put("z", "last");
    o.put("a", "tab\there, quote \" and \u2028 line separator");
    o.put("emoji", "pool \uD83D\uDE80 rocket, caf\u00e9, \u65e5\u672c");
    o.put("control", "\u0001\u007f");
    o.put("big", 12345678901234L);
    o.putArray("list").add(1).add("two").addObject().put("b", true).put("a", 1.5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) text.append("\u00e9\uD83D\uDE80x");
    o.put("long", text.toString()); // crosses the writer's buffers mid-character
    assertEquals(Hashes.ofText(CanonicalJson.compact(o)), Hashes.of(o));
    assertEquals(
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Hashes.of(CanonicalJson.object()));
  }
}
