package dev.poolform.ir;

import dev.poolform.source.Span;
import java.util.Map;
import java.util.Optional;

/**
 * Where each attribute of a pool was written, keyed by attribute path ({@code "machine.image"},
 * {@code "capacity.desired"}, {@code "rollout"}). A cloud error about an attribute is pointed back
 * at its source through this. Attributes that came from a template point into the template.
 *
 * @param pool the pool declaration (its name), used when no closer span is known
 * @param cloud where the pool's {@code cloud} block was written: {@code ""} for its name, each
 *     setting ({@code "endpoint"}, {@code "region"}) for its value; an error about the cloud itself
 *     (a credential, an endpoint that does not answer) points there
 */
public record IrOrigin(Span pool, Map<String, Span> attributes, Map<String, Span> cloud) {
  public IrOrigin {
    attributes = Map.copyOf(attributes);
    cloud = Map.copyOf(cloud);
  }

  /** Without the cloud block's spans (tests, pools made outside the compiler). */
  public IrOrigin(Span pool, Map<String, Span> attributes) {
    this(pool, attributes, Map.of());
  }

  /** The cloud block's setting, else the block's name, if known. */
  public Optional<Span> cloudSpanOf(String setting) {
    return Optional.ofNullable(cloud.get(setting)).or(() -> Optional.ofNullable(cloud.get("")));
  }

  /** The closest known span for a path: itself, else its nearest parent, else the pool. */
  public Span spanOf(String path) {
    String p = path;
    while (true) {
      Span s = attributes.get(p);
      if (s != null) return s;
      int dot = p.lastIndexOf('.');
      if (dot < 0) return pool;
      p = p.substring(0, dot);
    }
  }

  public Optional<Span> exact(String path) {
    return Optional.ofNullable(attributes.get(path));
  }
}
