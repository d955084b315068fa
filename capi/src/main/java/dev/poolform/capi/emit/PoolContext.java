package dev.poolform.capi.emit;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.ir.IrPool;
import java.util.List;

/**
 * One pool being emitted: its settings, the Kubernetes name of its objects and where warnings go.
 * Warnings point at the attribute they are about (through the pool's origin).
 */
final class PoolContext {
  final IrPool pool;
  final CapiSettings capi;

  /** The name of every object written for this pool. */
  final String name;

  private final List<Diagnostic> out;

  PoolContext(IrPool pool, CapiSettings capi, String name, List<Diagnostic> out) {
    this.pool = pool;
    this.capi = capi;
    this.name = name;
    this.out = out;
  }

  /** W0503 at the attribute {@code path} (e.g. {@code rollout.pause}). */
  void warn(String path, String message) {
    out.add(Diagnostic.of(Code.W0503, pool.origin().spanOf(path), message));
  }

  /** Whether the user wrote the attribute (in the pool or a template), not just got its default. */
  boolean written(String path) {
    return pool.origin().exact(path).isPresent();
  }
}
