package dev.poolform.compiler;

import dev.poolform.compiler.ir.IrJson;

public class Smoke {
  public static void main(String[] a) throws Exception {
    String text = java.nio.file.Files.readString(java.nio.file.Path.of(a[0]));
    Compilation c = Compiler.compileSource(a[0], text, System.getenv());
    c.diagnostics().forEach(d -> System.out.println(d.code() + " " + d.span() + " " + d.message() + " " + d.notes() + " " + d.help().orElse("")));
    c.ir().ifPresent(ir -> System.out.print(IrJson.write(ir)));
  }
}
