import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A row of bench/startup.sh: the compiler on one file, called directly, with no command line at
 * all: the floor a cold `pool validate` can reach without making the compiler itself start faster.
 */
public final class CompileOnly {
  public static void main(String[] args) {
    Compilation c =
        dev.poolform.compiler.Compiler.compile(
            new CompileOptions(
                Path.of(args[0]).toAbsolutePath(), Optional.empty(), System.getenv(), List.of()));
    int pools = c.ir().map(ir -> ir.pools().size()).orElse(0);
    System.out.println(c.hasErrors() ? "errors" : "valid: " + pools + " pools");
  }
}
