package dev.poolform.cli.commands;

import dev.poolform.capi.emit.CapiEmitter;
import dev.poolform.capi.emit.CapiFile;
import dev.poolform.capi.emit.CapiResult;
import dev.poolform.compiler.Compilation;
import java.util.TreeMap;

/**
 * {@code pool compile --emit capi}: Cluster API manifests. Without {@code -o} every pool's
 * documents go to stdout separated by {@code ---}, so {@code pool compile --emit capi | kubectl
 * apply -f -} works; with {@code -o DIR} one {@code <pool>.yaml} per pool. Pools that cannot be
 * emitted are left out with a warning, unless named with {@code --target}.
 */
final class CapiEmit {
  private CapiEmit() {}

  static Emitter.Result emit(Compilation c, java.util.Set<String> targets) {
    CapiResult r = CapiEmitter.emit(c.ir().orElseThrow(), targets);
    TreeMap<String, String> files = new TreeMap<>();
    for (CapiFile f : r.files()) files.put(f.name(), f.content());
    return new Emitter.Result(r.joined(), r.diagnostics(), files);
  }
}
