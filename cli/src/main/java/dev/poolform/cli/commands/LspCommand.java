package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.lsp.ServerOptions;
import dev.poolform.lsp.Stdio;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool lsp}: the language server for editors (docs/editors.md), speaking the Language Server
 * Protocol on standard input and output until the editor sends {@code exit} or closes the pipe.
 */
@Command(
    description = {
      "Run the language server for editors on standard input and output (docs/editors.md).",
      "Editors start it themselves: diagnostics as you type, hover, completion, go to definition,"
          + " references, outline, formatting, rename and quick fixes."
    },
    footer = {
      "",
      "Exit status: 0 after the editor's shutdown and exit (or when it closes the connection),"
          + " 1 on exit without shutdown.%n"
    })
public final class LspCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--stdio",
      description =
          "Talk over standard input and output: the only transport, and the default (accepted"
              + " because many editors pass it).")
  boolean stdio;

  public LspCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    // Standard output carries the protocol and nothing else: anything else that prints there (a
    // library's warning) goes to standard error, which editors show in their server log.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    System.setOut(System.err);
    ServerOptions options =
        ServerOptions.of(
            ctx.env(),
            status -> {
              protocol.flush();
              System.exit(status);
            });
    Stdio.serve(ctx.in(), protocol, options);
    return ExitCode.OK;
  }
}
