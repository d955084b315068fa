package dev.poolform.capi.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads untrusted multi-document YAML into plain JSON trees. Nothing is ever instantiated from a
 * tag (Jackson builds only trees), and the limits stop the usual attacks: at most {@value
 * #MAX_ALIASES} aliases (billion laughs), {@value #MAX_DEPTH} levels of nesting, {@value
 * #MAX_CHARS} characters, no duplicate keys, no tags other than YAML's own.
 */
public final class SafeYaml {
  public static final int MAX_ALIASES = 50;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_CHARS = 3 * 1024 * 1024;

  /** Values in one document, aliases expanded. */
  public static final long MAX_NODES = 200_000;

  /**
   * One document, the line it starts on (1-based), and the line of each value by its dotted path
   * ({@code spec.template.spec.version}, list items as {@code [0]}; a value reached through an
   * alias has the alias's line).
   */
  public record Document(JsonNode node, int line, Map<String, Integer> lines) {
    public Document {
      lines = Map.copyOf(lines);
    }

    /** The line of the value at {@code path}, else of the closest enclosing value found. */
    public int lineOf(String path) {
      String p = path;
      while (!p.isEmpty()) {
        Integer l = lines.get(p);
        if (l != null) return l;
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut <= 0 ? "" : p.substring(0, cut);
      }
      return line;
    }
  }

  private static final YAMLFactory FACTORY = factory();

  private SafeYaml() {}

  private static YAMLFactory factory() {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(MAX_ALIASES);
    lo.setNestingDepthLimit(MAX_DEPTH);
    lo.setCodePointLimit(MAX_CHARS + 1);
    lo.setAllowDuplicateKeys(false);
    lo.setAllowRecursiveKeys(false);
    return new AnchorAwareYaml(
        YAMLFactory.builder()
            .loaderOptions(lo)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_CHARS)
                    .build()));
  }

  /**
   * Manifest bytes as text: UTF-8 (a leading byte order mark is dropped), as Kubernetes reads them.
   * Anything else is an error at the first byte that is not UTF-8, by line and column.
   */
  public static String decode(byte[] bytes, String displayName) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isUnderflow()) r = dec.flush(out);
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      // The column counts characters, as an editor shows them: the line's bytes before the bad one
      // are valid UTF-8 (the decoder stopped at the first that is not).
      String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
      int column = before.codePointCount(0, before.length()) + 1;
      throw new YamlInputException(
          String.format(
              "%s:%d:%d: the input is not UTF-8 text (byte 0x%02X); Kubernetes manifests are"
                  + " UTF-8, so convert the file (e.g. `iconv -f LATIN1 -t UTF-8`).",
              displayName, line, column, bytes[at] & 0xFF));
    }
    out.flip();
    String s = out.toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Every non-empty document, in order. */
  public static List<Document> load(String text, String displayName) {
    if (text.length() > MAX_CHARS) {
      throw new YamlInputException(
          displayName
              + " is larger than "
              + (MAX_CHARS / (1024 * 1024))
              + " MiB; split it into smaller files.");
    }
    List<Document> docs = new ArrayList<>();
    try (YAMLParser p = FACTORY.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        Reader reader = new Reader((AnchorAwareYaml.Parser) p, displayName);
        JsonNode n = reader.read(t, 0, "");
        if (!n.isNull()) docs.add(new Document(n, line, reader.lines));
      }
    } catch (YamlInputException e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new YamlInputException(
          displayName
              + (loc != null && loc.getLineNr() > 0 ? ":" + loc.getLineNr() : "")
              + ": "
              + clean(e.getOriginalMessage()));
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports limits (aliases, depth, size) as its own runtime exceptions.
      throw new YamlInputException(displayName + ": " + clean(String.valueOf(e.getMessage())));
    }
    return docs;
  }

  /** YAML's own tags; anything else could mean "construct this" to some other loader. */
  private static final java.util.Set<String> STANDARD_TAGS =
      java.util.Set.of("str", "int", "float", "bool", "null", "map", "seq");

  /**
   * Builds one document's tree. Aliases are expanded here (Jackson reports them as bare names), so
   * the alias and node budgets are enforced here too: a billion-laughs document stops early.
   */
  private static final class Reader {
    private final AnchorAwareYaml.Parser p;
    private final String name;
    private final java.util.Map<String, JsonNode> anchors = new java.util.HashMap<>();
    final Map<String, Integer> lines = new HashMap<>();
    private int aliases;
    private long nodes;

    Reader(AnchorAwareYaml.Parser p, String name) {
      this.p = p;
      this.name = name;
    }

    private YamlInputException error(String message) {
      return new YamlInputException(
          name + ":" + p.currentTokenLocation().getLineNr() + ": " + message);
    }

    private void count(long n) {
      nodes += n;
      if (nodes > MAX_NODES)
        throw error("more than " + MAX_NODES + " values; the document is too large.");
    }

    /**
     * @param path where the value is, as {@link Document#lines} names it
     */
    JsonNode read(JsonToken t, int depth, String path) throws IOException {
      lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
      if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels.");
      String tag = p.getTypeId();
      if (tag != null) {
        String bare =
            tag.startsWith("tag:yaml.org,2002:")
                ? tag.substring("tag:yaml.org,2002:".length())
                : tag;
        if (!STANDARD_TAGS.contains(bare))
          throw error("custom YAML tag `" + tag + "` is not allowed.");
      }
      if (p.isCurrentAlias()) {
        if (++aliases > MAX_ALIASES) throw error("more than " + MAX_ALIASES + " aliases.");
        JsonNode target = anchors.get(p.getText());
        if (target == null) throw error("alias `*" + p.getText() + "` names no anchor.");
        count(size(target));
        return target.deepCopy();
      }
      String anchor = t.isScalarValue() ? p.scalarAnchor() : p.getObjectId();
      JsonNode node = value(t, depth, path);
      count(1);
      if (anchor != null) anchors.put(anchor, node);
      return node;
    }

    private JsonNode value(JsonToken t, int depth, String path) throws IOException {
      switch (t) {
        case START_OBJECT -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String at = path.isEmpty() ? key : path + "." + key;
            lines.put(at, p.currentTokenLocation().getLineNr()); // the key's line
            JsonToken v = p.nextToken();
            o.set(key, read(v, depth + 1, at));
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          JsonToken v;
          while ((v = p.nextToken()) != JsonToken.END_ARRAY)
            a.add(read(v, depth + 1, path + "[" + a.size() + "]"));
          return a;
        }
        case VALUE_STRING -> {
          return TextNode.valueOf(p.getText());
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          String text = p.getText();
          try {
            return t == JsonToken.VALUE_NUMBER_INT
                ? LongNode.valueOf(p.getLongValue())
                : DecimalNode.valueOf(new BigDecimal(text));
          } catch (RuntimeException | IOException e) {
            return TextNode.valueOf(text); // .inf, .nan, huge integers: kept as written
          }
        }
        case VALUE_TRUE -> {
          return BooleanNode.TRUE;
        }
        case VALUE_FALSE -> {
          return BooleanNode.FALSE;
        }
        case VALUE_NULL -> {
          return NullNode.instance;
        }
        default -> throw error("unexpected YAML content " + t + ".");
      }
    }

    private static long size(JsonNode n) {
      long s = 1;
      for (JsonNode c : n) s += size(c);
      return s;
    }
  }

  /** The first line of a parser message, without Jackson's source excerpt. */
  private static String clean(String message) {
    String m = message == null ? "malformed YAML" : message.strip();
    int nl = m.indexOf('\n');
    if (nl > 0) m = m.substring(0, nl);
    int src = m.indexOf(" at [Source:");
    if (src > 0) m = m.substring(0, src);
    return m.endsWith(".") ? m : m + ".";
  }
}
