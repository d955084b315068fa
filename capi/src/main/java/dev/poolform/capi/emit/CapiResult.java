package dev.poolform.capi.emit;

import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;

/**
 * What {@link CapiEmitter#emit} produced: one file per pool that could be emitted, in pool order,
 * and the diagnostics (E0410 errors for pools that could not, W0503 warnings for settings dropped
 * or approximated).
 */
public record CapiResult(List<CapiFile> files, List<Diagnostic> diagnostics) {
  public CapiResult {
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Every file in one stream, as {@code kubectl apply -f -} reads it. */
  public String joined() {
    StringBuilder sb = new StringBuilder();
    for (CapiFile f : files) {
      if (sb.length() > 0) sb.append("---\n");
      sb.append(f.content());
    }
    return sb.toString();
  }
}
