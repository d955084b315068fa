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
import java.util.ArrayList;
import java.util.List;
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

  /** One document and the line it starts on (1-based). */
  public record Document(JsonNode node, int line) {}

  private static final YAMLFactory FACTORY = factory();

  private SafeYaml() {}

  private static YAMLFactory factory() {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(MAX_ALIASES);
    lo.setNestingDepthLimit(MAX_DEPTH);
    lo.setCodePointLimit(MAX_CHARS + 1);
    lo.setAllowDuplicateKeys(false);
    lo.setAllowRecursiveKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(lo)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_CHARS)
                .build())
        .build();
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
        JsonNode n = new Reader(p, displayName).read(t, 0);
        if (!n.isNull()) docs.add(new Document(n, line));
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
    private final YAMLParser p;
    private final String name;
    private final java.util.Map<String, JsonNode> anchors = new java.util.HashMap<>();
    private int aliases;
    private long nodes;

    Reader(YAMLParser p, String name) {
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

    JsonNode read(JsonToken t, int depth) throws IOException {
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
      String anchor = p.getObjectId();
      JsonNode node = value(t, depth);
      count(1);
      if (anchor != null) anchors.put(anchor, node);
      return node;
    }

    private JsonNode value(JsonToken t, int depth) throws IOException {
      switch (t) {
        case START_OBJECT -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            o.set(key, read(v, depth + 1));
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          JsonToken v;
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) a.add(read(v, depth + 1));
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
