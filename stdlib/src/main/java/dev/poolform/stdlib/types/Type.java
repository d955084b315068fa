package dev.poolform.stdlib.types;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A type as users read it in messages: {@code int}, {@code list<string>}, {@code int | percent}.
 *
 * <p>The records write out {@code equals} and {@code hashCode}: a record's generated ones are
 * linked through an invokedynamic bootstrap ({@code ObjectMethods}) at first use, which cost a cold
 * {@code pool validate} about 30 ms of CPU (docs/BENCHMARKS.md#cold-start), and types are compared
 * and hashed by every compilation (the built-in functions' table builds unions).
 */
public sealed interface Type
    permits Type.Prim, Type.ListOf, Type.MapOf, Type.CloudOf, Type.Block, Type.Union {

  /** The spelling used in messages and signatures. */
  String display();

  /** A primitive type; {@code ANY} accepts every value. */
  enum Prim implements Type {
    INT("int"),
    NUMBER("number"),
    STRING("string"),
    BOOL("bool"),
    DURATION("duration"),
    PERCENT("percent"),
    BYTES("bytes"),
    NULL("null"),
    EXTERNAL("external"),
    ANY("any");

    private final String text;

    Prim(String text) {
      this.text = text;
    }

    @Override
    public String display() {
      return text;
    }
  }

  Type INT = Prim.INT;
  Type NUMBER = Prim.NUMBER;
  Type STRING = Prim.STRING;
  Type BOOL = Prim.BOOL;
  Type DURATION = Prim.DURATION;
  Type PERCENT = Prim.PERCENT;
  Type BYTES = Prim.BYTES;
  Type NULL = Prim.NULL;
  Type EXTERNAL = Prim.EXTERNAL;
  Type ANY = Prim.ANY;

  /** {@code list<T>}. */
  record ListOf(Type element) implements Type {
    @Override
    public String display() {
      return "list<" + element.display() + ">";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ListOf l && element.equals(l.element);
    }

    @Override
    public int hashCode() {
      return 31 + element.hashCode();
    }
  }

  /** {@code map<T>}: string keys, values of T. */
  record MapOf(Type element) implements Type {
    @Override
    public String display() {
      return "map<" + element.display() + ">";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MapOf m && element.equals(m.element);
    }

    @Override
    public int hashCode() {
      return 37 + element.hashCode();
    }
  }

  /** {@code cloud<K>}; kind {@code *} stands for any kind. */
  record CloudOf(String kind) implements Type {
    @Override
    public String display() {
      return "cloud<" + kind + ">";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CloudOf c && kind.equals(c.kind);
    }

    @Override
    public int hashCode() {
      return 41 + kind.hashCode();
    }
  }

  /** A nested block defined by a schema, e.g. {@code machine}; written {@code name { ... }}. */
  record Block(String name) implements Type {
    @Override
    public String display() {
      return name + " { ... }";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Block b && name.equals(b.name);
    }

    @Override
    public int hashCode() {
      return 43 + name.hashCode();
    }
  }

  /** {@code A | B}; never nested, never of one member. */
  record Union(List<Type> members) implements Type {
    public Union {
      members = List.copyOf(members);
    }

    @Override
    public String display() {
      StringBuilder sb = new StringBuilder();
      for (Type t : members) {
        if (sb.length() > 0) sb.append(" | ");
        sb.append(t.display());
      }
      return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Union u && members.equals(u.members);
    }

    @Override
    public int hashCode() {
      return 47 + members.hashCode();
    }
  }

  static Type listOf(Type t) {
    return new ListOf(t);
  }

  static Type mapOf(Type t) {
    return new MapOf(t);
  }

  /** A union of the given types, flattened and deduplicated; one member gives that member. */
  static Type union(Type... types) {
    Set<Type> all = new LinkedHashSet<>();
    for (Type t : types) {
      if (t instanceof Union u) all.addAll(u.members());
      else all.add(t);
    }
    if (all.size() == 1) return all.iterator().next();
    return new Union(new ArrayList<>(all));
  }
}
