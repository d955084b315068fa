package dev.poolform.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** Reads JSON trees and writes them canonically (sorted keys, 2-space indent, trailing newline). */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static final JsonNodeFactory NODES = new JsonNodeFactory(true);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(NODES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectWriter PRETTY;
  private static final ObjectWriter COMPACT;

  static {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    Separators seps =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withSeparators(seps);
    pp.indentObjectsWith(indent);
    pp.indentArraysWith(indent);
    PRETTY = MAPPER.writer(pp);
    COMPACT = MAPPER.writer();
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Parses one JSON document; anything after it is an error. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    JsonNode n = MAPPER.readTree(bytes);
    if (n == null || n.isMissingNode()) throw new IOException("empty document");
    return n;
  }

  public static JsonNode parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical text: keys sorted at every level, 2-space indent, trailing newline. */
  public static String write(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(sorted(node)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  /** One line, keys sorted: for JSON-lines output and hashing. */
  public static String compact(JsonNode node) {
    try {
      return COMPACT.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * The tree as it would read back from its canonical text: keys sorted, numbers in the node types
   * the parser makes (so a tree built in memory equals the same tree read from a file).
   */
  public static JsonNode normalize(JsonNode node) {
    if (node == null) return NODES.nullNode();
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = NODES.objectNode();
      for (String n : names) out.set(n, normalize(node.get(n)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode e : node) out.add(normalize(e));
      return out;
    }
    if (node.isNumber()) {
      // The node types Jackson's parser makes: int if it fits, else long, else big; doubles.
      if (node.isIntegralNumber()) {
        if (node.canConvertToInt()) return node.isInt() ? node : NODES.numberNode(node.intValue());
        if (node.canConvertToLong())
          return node.isLong() ? node : NODES.numberNode(node.longValue());
        return node;
      }
      return node.isDouble() ? node : NODES.numberNode(node.doubleValue());
    }
    return node; // text, boolean, null and missing nodes are immutable
  }

  /** A deep copy with the keys of every object in sorted order. */
  public static JsonNode sorted(JsonNode node) {
    if (node == null) return NODES.nullNode();
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      Iterator<String> it = node.fieldNames();
      it.forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = NODES.objectNode();
      for (String n : names) out.set(n, sorted(node.get(n)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode e : node) out.add(sorted(e));
      return out;
    }
    return node;
  }
}
