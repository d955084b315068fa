package dev.poolform.runtime.secret;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.engine.PoolResult;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes a configuration's secret values out of text that comes from outside Poolform: a cloud's
 * error message may quote what it was sent (user data, as is or base64-encoded), and such messages
 * reach the terminal, the event stream and diagnostics. Each occurrence becomes {@code
 * (sensitive)}. Very short values are left alone: replacing every "a" would garble messages and
 * hide nothing.
 */
public final class Redactor {
  /** Values shorter than this are not searched for. */
  static final int MIN_LENGTH = 4;

  /** Redacts nothing. */
  public static final Redactor NONE = new Redactor(List.of());

  private final List<String> needles;

  private Redactor(List<String> needles) {
    this.needles = needles;
  }

  /** A redactor for every secret of {@code config}. */
  public static Redactor of(IrConfig config) {
    Set<String> found = new LinkedHashSet<>();
    for (IrPool p : config.pools()) collect(p.machine(), found);
    if (found.isEmpty()) return NONE;
    Set<String> needles = new LinkedHashSet<>();
    for (String s : found) {
      needles.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      needles.add(s);
    }
    // Longest first, so a value is replaced whole before a shorter one inside it.
    return new Redactor(
        needles.stream()
            .filter(n -> n.length() >= MIN_LENGTH)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  private static void collect(Value v, Set<String> out) {
    if (v instanceof SecretValue s) out.add(s.value());
    else if (v instanceof ListValue l) l.items().forEach(e -> collect(e, out));
    else if (v instanceof MapValue m) m.entries().values().forEach(e -> collect(e, out));
  }

  /** The listener, getting events whose texts are redacted. */
  public ApplyListener guard(ApplyListener listener) {
    if (needles.isEmpty()) return listener;
    return e -> listener.on(redact(e));
  }

  /** The event with its free texts (cloud errors among them) redacted. */
  public ApplyEvent redact(ApplyEvent e) {
    if (e instanceof ApplyEvent.PoolFailed f)
      return new ApplyEvent.PoolFailed(
          f.at(), f.address(), f.action(), redact(f.message()), f.attribute());
    if (e instanceof ApplyEvent.PoolSkipped k)
      return new ApplyEvent.PoolSkipped(k.at(), k.address(), k.action(), redact(k.reason()));
    if (e instanceof ApplyEvent.Message m)
      return new ApplyEvent.Message(m.at(), m.address(), redact(m.text()));
    return e;
  }

  public Problem redact(Problem p) {
    if (needles.isEmpty()) return p;
    return new Problem(
        p.address(), redact(p.message()), p.kind(), p.cloudCode(), p.attribute(), p.cloud());
  }

  public List<Problem> redactProblems(List<Problem> ps) {
    return needles.isEmpty() ? ps : ps.stream().map(this::redact).toList();
  }

  public PoolResult redact(PoolResult r) {
    if (needles.isEmpty()) return r;
    return new PoolResult(
        r.address(), r.action(), r.status(), redact(r.detail()), r.problem().map(this::redact));
  }

  /** {@code text} with every secret value in it replaced by {@code (sensitive)}. */
  public String redact(String text) {
    if (text == null || needles.isEmpty()) return text;
    String out = text;
    for (String n : needles) if (out.contains(n)) out = out.replace(n, SecretValue.HIDDEN);
    return out;
  }
}
