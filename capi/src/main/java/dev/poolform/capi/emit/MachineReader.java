package dev.poolform.capi.emit;

import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a pool's {@code machine} block and remembers which attributes were used, so that every
 * attribute no Cluster API field holds is reported (never silently dropped). Lenient about the
 * exact value kinds (a zone may be {@code "1"} or {@code 1}) so the mapping survives schema
 * refinements.
 */
final class MachineReader {
  private final MapValue machine;
  private final String prefix;
  private final Set<String> used = new TreeSet<>();
  private final List<MachineReader> children = new ArrayList<>();

  MachineReader(MapValue machine, String prefix) {
    this.machine = machine;
    this.prefix = prefix;
  }

  /** A nested block, e.g. {@code machine.spot}; reading it marks the block as used. */
  Optional<MachineReader> block(String key) {
    Optional<Value> v = machine.get(key);
    if (v.isEmpty() || !(v.get() instanceof MapValue m)) return Optional.empty();
    used.add(key);
    MachineReader child = new MachineReader(m, prefix + "." + key);
    children.add(child);
    return Optional.of(child);
  }

  boolean has(String key) {
    return machine.get(key).isPresent();
  }

  String path(String key) {
    return prefix + "." + key;
  }

  Optional<String> text(String key) {
    Optional<Value> v = machine.get(key);
    v.ifPresent(x -> used.add(key));
    return v.map(MachineReader::asText);
  }

  List<String> texts(String key) {
    Optional<Value> v = machine.get(key);
    if (v.isEmpty()) return List.of();
    used.add(key);
    List<String> out = new ArrayList<>();
    if (v.get() instanceof ListValue l) {
      for (Value item : l.items()) out.add(asText(item));
    } else {
      out.add(asText(v.get()));
    }
    return out;
  }

  /** A size in whole GiB, rounded up; a bare integer is taken as GiB already. */
  OptionalLong gibibytes(String key) {
    Optional<Value> v = machine.get(key);
    if (v.isEmpty()) return OptionalLong.empty();
    used.add(key);
    if (v.get() instanceof BytesValue b) {
      long gib = 1L << 30;
      return OptionalLong.of((b.bytes() + gib - 1) / gib);
    }
    if (v.get() instanceof IntValue i) return OptionalLong.of(i.value());
    return OptionalLong.empty();
  }

  /** Whether a size is a whole number of GiB (else it was rounded up). */
  boolean wholeGibibytes(String key) {
    Optional<Value> v = machine.get(key);
    return v.isEmpty() || !(v.get() instanceof BytesValue b) || b.bytes() % (1L << 30) == 0;
  }

  /** An integer or percentage as a plain number (25% gives 25). */
  OptionalLong integer(String key) {
    Optional<Value> v = machine.get(key);
    if (v.isEmpty()) return OptionalLong.empty();
    used.add(key);
    if (v.get() instanceof IntValue i) return OptionalLong.of(i.value());
    if (v.get() instanceof PercentValue p) return OptionalLong.of(Math.round(p.value()));
    if (v.get() instanceof NumberValue n) return OptionalLong.of(Math.round(n.value()));
    return OptionalLong.empty();
  }

  /** Marks an attribute as handled without reading it (e.g. reported as dropped already). */
  void consume(String key) {
    used.add(key);
  }

  /** Attributes set but never read, as full paths ({@code machine.foo}). */
  List<String> unused() {
    List<String> out = new ArrayList<>();
    for (var e : machine.entries().entrySet()) {
      if (e.getValue() instanceof dev.poolform.stdlib.value.NullValue) continue;
      if (!used.contains(e.getKey())) out.add(prefix + "." + e.getKey());
    }
    for (MachineReader c : children) out.addAll(c.unused());
    return out;
  }

  static String asText(Value v) {
    if (v instanceof StringValue s) return s.value();
    if (v instanceof SecretValue s) return s.value();
    if (v instanceof IntValue i) return Long.toString(i.value());
    if (v instanceof NumberValue n) return Literals.formatNumber(n.value());
    return v.toString();
  }
}
