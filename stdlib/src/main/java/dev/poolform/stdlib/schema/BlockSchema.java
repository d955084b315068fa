package dev.poolform.stdlib.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block ({@code capacity { ... }}) or body (a pool's, a cloud's): its attributes and nested
 * blocks, in declaration order.
 *
 * @param name the block's name ({@code pool} for a pool body)
 * @param required whether the enclosing body must contain it
 * @param attributes by name
 * @param blocks nested blocks by name
 * @param doc one line
 */
public record BlockSchema(
    String name,
    boolean required,
    Map<String, AttrSchema> attributes,
    Map<String, BlockSchema> blocks,
    String doc) {

  public BlockSchema {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    blocks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
  }

  public Optional<AttrSchema> attribute(String n) {
    return Optional.ofNullable(attributes.get(n));
  }

  public Optional<BlockSchema> block(String n) {
    return Optional.ofNullable(blocks.get(n));
  }

  /** Every attribute and block name, for spelling suggestions. */
  public List<String> names() {
    List<String> all = new ArrayList<>(attributes.keySet());
    all.addAll(blocks.keySet());
    return all;
  }

  /** Builds a schema in declaration order. */
  public static Builder builder(String name, String doc) {
    return new Builder(name, doc);
  }

  public static final class Builder {
    private final String name;
    private final String doc;
    private boolean required;
    private final Map<String, AttrSchema> attributes = new LinkedHashMap<>();
    private final Map<String, BlockSchema> blocks = new LinkedHashMap<>();

    Builder(String name, String doc) {
      this.name = name;
      this.doc = doc;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder attr(AttrSchema a) {
      attributes.put(a.name(), a);
      return this;
    }

    public Builder block(BlockSchema b) {
      blocks.put(b.name(), b);
      return this;
    }

    public BlockSchema build() {
      return new BlockSchema(name, required, attributes, blocks, doc);
    }
  }
}
