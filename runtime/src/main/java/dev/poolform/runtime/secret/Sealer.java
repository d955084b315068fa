package dev.poolform.runtime.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives every secret of a configuration the digest that state, plans and tags will carry for it
 * ({@link SecretValue#sealed}). A secret whose digest in state still verifies keeps that digest
 * exactly, whatever key (or, for states before format 3, no key) made it: so an unchanged secret
 * never changes a spec hash, and neither a key rotation nor the upgrade rolls anything out. A
 * changed or new secret gets a digest under the ring's current key. Secrets can only be in a pool's
 * machine block (the compiler refuses them anywhere else, E0310).
 *
 * <p>Keys are looked up only when a digest needs one, so a configuration without secrets never
 * needs a key. A digest whose key is missing stops the run ({@link StateException}, kind {@code
 * KEY}): telling "changed" from "cannot tell" is the whole point.
 */
public final class Sealer {
  /**
   * The sealed configuration and what the user should be told about its secrets.
   *
   * @param made a first key this run made for new digests, not kept yet
   */
  public record Sealed(
      IrConfig config, List<String> notices, Optional<KeyRing> made, KeySource source) {
    public Sealed {
      notices = List.copyOf(notices);
    }

    /** Nothing to seal (a destroy): no secrets, no key. */
    public Sealed(IrConfig config) {
      this(config, List.of(), Optional.empty(), KeySources.NONE);
    }

    /**
     * Keeps the key this run made, once it is needed: when the run has planned (a plan, a saved
     * plan, an apply all carry digests made with it). Returns the notices to show, with the one
     * saying where the new key is and that the team needs it.
     */
    public List<String> keep() throws StateException {
      if (made.isEmpty()) return notices;
      source.keep(made.get());
      List<String> all = new ArrayList<>(notices);
      all.add(
          0,
          "Made a new state key ("
              + made.get().current().id()
              + ") in "
              + source.where()
              + ". Everyone who plans or applies this state needs it: share that file, or set "
              + KeySources.ENV
              + ". Never commit it.");
      return all;
    }
  }

  private final KeySource source;
  private final State state;
  private boolean loaded;
  private Optional<KeyRing> ring = Optional.empty();
  private Optional<KeyRing> made = Optional.empty();
  private final List<String> notices = new ArrayList<>();
  private final Map<String, List<String>> missing = new TreeMap<>();
  private final Map<String, List<String>> legacy = new TreeMap<>();

  private Sealer(KeySource source, State state) {
    this.source = source;
    this.state = state;
  }

  /** Seals {@code config} against {@code state}, with keys from {@code source}. */
  public static Sealed seal(IrConfig config, State state, KeySource source) throws StateException {
    Sealer s = new Sealer(source, state);
    List<IrPool> pools = new ArrayList<>(config.pools().size());
    for (IrPool p : config.pools()) pools.add(s.pool(p));
    s.refuseMissingKeys();
    s.noticeLegacy();
    return new Sealed(
        new IrConfig(config.version(), pools, config.variables(), config.moves(), config.backend()),
        s.notices,
        s.made,
        source);
  }

  private IrPool pool(IrPool p) throws StateException {
    if (!SecretValue.within(p.machine())) return p;
    JsonNode stored =
        state
            .resource(p.address())
            .map(ResourceState::spec)
            .map(s -> s.path("machine"))
            .orElse(MissingNode.getInstance());
    return p.withMachine((MapValue) value(p.machine(), stored, p.address(), "machine"));
  }

  private Value value(Value v, JsonNode stored, String address, String path) throws StateException {
    if (!SecretValue.within(v)) return v;
    if (v instanceof SecretValue s) return secret(s, stored, address, path);
    if (v instanceof ListValue l) {
      List<Value> out = new ArrayList<>(l.items().size());
      for (int i = 0; i < l.items().size(); i++)
        out.add(value(l.items().get(i), stored.path(i), address, path + "[" + i + "]"));
      return new ListValue(out);
    }
    MapValue m = (MapValue) v;
    Map<String, Value> out = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : m.entries().entrySet())
      out.put(
          e.getKey(),
          value(e.getValue(), stored.path(e.getKey()), address, path + "." + e.getKey()));
    return MapValue.of(out);
  }

  private SecretValue secret(SecretValue s, JsonNode stored, String address, String path)
      throws StateException {
    if (stored.isTextual()) {
      String digest = stored.asText();
      Digests.Check c = Digests.check(digest, s.value(), ring());
      if (c instanceof Digests.Check.Same) {
        if (Digests.isLegacy(digest))
          legacy.computeIfAbsent(address, a -> new ArrayList<>()).add(path);
        return s.sealed(digest);
      }
      if (c instanceof Digests.Check.KeyMissing k) {
        missing.computeIfAbsent(k.keyId(), id -> new ArrayList<>()).add(address + " " + path);
        return s; // refused below, once every missing key is known
      }
    }
    return s.sealed(Digests.of(current(), s.value()));
  }

  private Optional<KeyRing> ring() throws StateException {
    if (!loaded) {
      ring = source.ring();
      loaded = true;
    }
    return ring;
  }

  /**
   * The key for new digests. Without any, the source makes one (its first use) unless the state
   * already holds digests under a key this run lacks: a second key would only split the team's.
   */
  private StateKey current() throws StateException {
    if (ring().isPresent()) return ring.get().current();
    java.util.SortedSet<String> used = keyIdsIn(state);
    if (!used.isEmpty()) {
      used.forEach(id -> missing.computeIfAbsent(id, x -> new ArrayList<>()));
      refuseMissingKeys();
    }
    ring = Optional.of(source.create());
    made = ring;
    return ring.get().current();
  }

  private void refuseMissingKeys() throws StateException {
    if (missing.isEmpty()) return;
    StringBuilder sb = new StringBuilder("The state holds secret digests made with ");
    sb.append(missing.size() == 1 ? "state key " : "state keys ");
    sb.append(String.join(", ", missing.keySet()));
    List<String> where = new ArrayList<>();
    missing.values().forEach(where::addAll);
    if (!where.isEmpty()) sb.append(" (").append(String.join(", ", where)).append(")");
    sb.append(", which ")
        .append(
            ring.isPresent() ? ring.get().origin() + " does not hold" : "this run does not have");
    sb.append(
        ". Without it Poolform cannot tell whether those secrets changed. Get the key from whoever"
            + " applied this state and put it in ");
    sb.append(source.where());
    if (!source.where().equals(KeySources.ENV))
      sb.append(" (or set ").append(KeySources.ENV).append(")");
    sb.append("; see docs/runtime.md#secrets.");
    throw new StateException(StateException.Kind.KEY, sb.toString());
  }

  private void noticeLegacy() {
    if (legacy.isEmpty()) return;
    List<String> where = new ArrayList<>();
    legacy.forEach((a, paths) -> paths.forEach(p -> where.add(a + " " + p)));
    notices.add(
        "The state keeps unkeyed SHA-256 digests of "
            + String.join(", ", where)
            + ", written by a Poolform before state format 3: anyone who can read the state (and"
            + " its history in git) can test guesses against them. Each becomes a keyed digest"
            + " when its secret next changes; change the secret if it must not be guessed.");
  }

  /** Every key id the digests in {@code state}'s specs name. */
  public static java.util.SortedSet<String> keyIdsIn(State state) {
    return new TreeSet<>(keyUse(state).keySet());
  }

  /**
   * Where each key is used: key id to the secrets ({@code "pool.web machine.user_data"}) whose
   * digest in {@code state} it made; a format 2 state's unkeyed digests are under {@code ""}.
   */
  public static java.util.SortedMap<String, List<String>> keyUse(State state) {
    java.util.SortedMap<String, List<String>> use = new TreeMap<>();
    for (Map.Entry<String, ResourceState> r : state.resources().entrySet()) {
      collect(r.getValue().spec(), r.getKey(), "", use);
    }
    return use;
  }

  private static void collect(
      JsonNode n, String address, String path, Map<String, List<String>> use) {
    if (n.isTextual()) {
      String t = n.asText();
      Optional<String> id = Digests.isLegacy(t) ? Optional.of("") : Digests.keyId(t);
      id.ifPresent(k -> use.computeIfAbsent(k, x -> new ArrayList<>()).add(address + " " + path));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) collect(n.get(i), address, path + "[" + i + "]", use);
    } else if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        collect(e.getValue(), address, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), use);
      }
    }
  }
}
