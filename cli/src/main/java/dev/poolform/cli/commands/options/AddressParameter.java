package dev.poolform.cli.commands.options;

import dev.poolform.ir.IrPool;
import picocli.CommandLine.Parameters;

/** The first argument {@code ADDR}, a pool's address in the state ({@code pool state rm/show}). */
public final class AddressParameter {
  @Parameters(
      index = "0",
      paramLabel = "ADDR",
      description = "The pool's address, e.g. pool.web (or just web).")
  String address;

  /** The address given, {@code pool.NAME} for a bare {@code NAME} ({@link #normalize}). */
  public String address() {
    return normalize(address);
  }

  /**
   * A bare pool name ({@code web}) as its address ({@code pool.web}). Pools are the only resources
   * the state holds, so a name without a type prefix can mean nothing else.
   */
  public static String normalize(String address) {
    return address.startsWith("pool.") ? address : IrPool.addressOf(address);
  }
}
