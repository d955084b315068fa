package dev.poolform.capi.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.capi.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A node of a manifest that remembers which of its fields the importer used, so that whatever is
 * left can be listed for the user ({@link #unused}). Paths are dotted ({@code
 * spec.template.spec.version}, list items as {@code [0]}).
 */
final class Tracked {
  private final JsonNode node;
  private final String path;
  private final Set<String> used;
  private final SafeYaml.Document document;

  private Tracked(JsonNode node, String path, Set<String> used, SafeYaml.Document document) {
    this.node = node;
    this.path = path;
    this.used = used;
    this.document = document;
  }

  static Tracked root(SafeYaml.Document document) {
    return new Tracked(document.node(), "", new HashSet<>(), document);
  }

  Tracked get(String key) {
    return new Tracked(node.path(key), path.isEmpty() ? key : path + "." + key, used, document);
  }

  Tracked at(String dotted) {
    Tracked t = this;
    for (String k : dotted.split("\\.", -1)) t = t.get(k);
    return t;
  }

  List<Tracked> items() {
    List<Tracked> out = new ArrayList<>();
    if (!node.isArray()) return out;
    for (int i = 0; i < node.size(); i++)
      out.add(new Tracked(node.get(i), path + "[" + i + "]", used, document));
    return out;
  }

  List<String> fieldNames() {
    List<String> out = new ArrayList<>();
    if (node.isObject()) node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  JsonNode raw() {
    return node;
  }

  String path() {
    return path;
  }

  /** The line this value is on (its key's line), or its closest enclosing value's when absent. */
  int line() {
    return document.lineOf(path);
  }

  /** The line of the value at {@code dotted} below this one, as {@link #line}. */
  int line(String dotted) {
    return document.lineOf(path.isEmpty() ? dotted : path + "." + dotted);
  }

  /** Marks this node and everything below it as used. */
  Tracked consume() {
    used.add(path);
    return this;
  }

  Optional<String> text() {
    if (!present() || node.isContainerNode()) return Optional.empty();
    consume();
    return Optional.of(node.asText());
  }

  OptionalLong integer() {
    if (!present()) return OptionalLong.empty();
    if (node.isIntegralNumber()) {
      consume();
      return OptionalLong.of(node.asLong());
    }
    if (node.isTextual() && node.asText().matches("-?[0-9]{1,18}")) {
      consume();
      return OptionalLong.of(Long.parseLong(node.asText()));
    }
    return OptionalLong.empty();
  }

  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (Tracked t : items()) t.text().ifPresent(out::add);
    return out;
  }

  /** Leaf paths under this node that nobody used (empty objects and lists count as leaves). */
  List<String> unused() {
    List<String> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private boolean isUsed() {
    String p = path;
    while (true) {
      if (used.contains(p)) return true;
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return used.contains("");
      p = p.substring(0, cut);
    }
  }

  private static void collect(Tracked t, List<String> out) {
    if (t.isUsed() || !t.present()) return;
    JsonNode n = t.node;
    if (n.isObject() && n.size() > 0) {
      for (String k : t.fieldNames()) collect(t.get(k), out);
    } else if (n.isArray() && n.size() > 0) {
      for (Tracked i : t.items()) collect(i, out);
    } else {
      out.add(t.path);
    }
  }
}
