package dev.poolform.cli.commands.options;

import picocli.CommandLine.Parameters;

/** The first argument {@code ADDR}, a pool's address in the state ({@code pool state rm/show}). */
public final class AddressParameter {
  @Parameters(index = "0", paramLabel = "ADDR", description = "The pool's address, e.g. pool.web.")
  String address;

  public String address() {
    return address;
  }
}
