package dev.poolform.ir.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.stdlib.value.Literals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON trees and writes them canonically: keys sorted at every level, two-space indent,
 * {@code "key": value}, {@code \n} line ends and a trailing newline, so the same content is always
 * the same bytes. Strings are escaped as {@link Literals#jsonQuote} escapes them (control
 * characters, U+007F, U+2028 and U+2029 as six-character escapes), so every JSON Poolform writes
 * (the IR, state, plans, events and diagnostics) reads the same in any JSON or JavaScript reader.
 */
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
    // Objects are written with their keys sorted, at every level, without copying the tree.
    PRETTY = MAPPER.writer(pp).with(new Escapes()).with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
    COMPACT = MAPPER.writer().with(new Escapes()).with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
  }

  /**
   * The escapes of {@link Literals#jsonQuote}, asked of it character by character. Surrogates are
   * written as they are: Jackson offers them one at a time, without their partner, and a pair must
   * stay a pair (no value of the language holds a lone one: sources are UTF-8 and escapes in string
   * literals refuse surrogates).
   */
  private static final class Escapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = new int[128];
    private final SerializedString[] asciiText = new SerializedString[128];

    Escapes() {
      for (char c = 0; c < 128; c++) {
        SerializedString e = escape(c);
        asciiText[c] = e;
        ascii[c] = e == null ? ESCAPE_NONE : ESCAPE_CUSTOM;
      }
    }

    private static SerializedString escape(char c) {
      String quoted = Literals.jsonQuote(String.valueOf(c));
      return quoted.length() == 3
          ? null
          : new SerializedString(quoted.substring(1, quoted.length() - 1));
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch < 128) return asciiText[ch];
      if (Character.isSurrogate((char) ch)) return null;
      return escape((char) ch);
    }
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
      return PRETTY.writeValueAsString(node) + "\n";
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
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Writes {@link #compact}'s text to {@code out} (which it closes) without holding it in memory:
   * hashing a whole configuration's specs streams them into the digest.
   */
  public static void writeCompact(JsonNode node, java.io.Writer out) throws IOException {
    COMPACT.writeValue(out, node);
  }

  /**
   * The tree as it would read back from its canonical text: keys sorted, numbers in the node types
   * the parser makes (so a tree built in memory equals the same tree read from a file). A tree that
   * already is so (one read from a file, or normalised before) is returned as it is, not copied: a
   * plan compares and hashes each of thousands of spec trees several times.
   */
  public static JsonNode normalize(JsonNode node) {
    if (node == null) return NODES.nullNode();
    return isNormal(node) ? node : copyNormal(node);
  }

  private static boolean isNormal(JsonNode node) {
    if (node.isObject()) {
      String previous = null;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (previous != null && previous.compareTo(e.getKey()) > 0) return false;
        if (e.getValue() == null || !isNormal(e.getValue())) return false;
        previous = e.getKey();
      }
      return true;
    }
    if (node.isArray()) {
      for (JsonNode e : node) {
        if (e == null || !isNormal(e)) return false;
      }
      return true;
    }
    if (!node.isNumber()) return true;
    if (!node.isIntegralNumber()) return node.isDouble();
    if (node.canConvertToInt()) return node.isInt();
    return !node.canConvertToLong() || node.isLong();
  }

  private static JsonNode copyNormal(JsonNode node) {
    if (node == null) return NODES.nullNode();
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = NODES.objectNode();
      for (String n : names) out.set(n, copyNormal(node.get(n)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode e : node) out.add(copyNormal(e));
      return out;
    }
    return normalNumber(node);
  }

  /** A number as the node type Jackson's parser makes: int if it fits, else long, else big. */
  private static JsonNode normalNumber(JsonNode node) {
    if (!node.isNumber()) return node; // text, boolean, null and missing nodes are immutable
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) return node.isInt() ? node : NODES.numberNode(node.intValue());
      if (node.canConvertToLong()) return node.isLong() ? node : NODES.numberNode(node.longValue());
      return node;
    }
    return node.isDouble() ? node : NODES.numberNode(node.doubleValue());
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
