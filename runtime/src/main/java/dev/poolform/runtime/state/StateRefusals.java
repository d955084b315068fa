package dev.poolform.runtime.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.poolform.ir.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link StateStore} read refuses, each with the sentence the user is told: a file that does
 * not decode, a state of another lineage or older than one this workspace saw, a missing file this
 * workspace saw, a journal that does not belong to the file. Every refusal changes nothing and says
 * how to put things right.
 */
final class StateRefusals {
  private StateRefusals() {}

  /** The state in {@code bytes}; a file that is not valid JSON is refused, located. */
  static State decode(byte[] bytes, String name) throws StateException {
    try {
      return StateCodec.decode(CanonicalJson.parse(bytes), name);
    } catch (IOException e) {
      String where = name;
      if (e instanceof JsonProcessingException j && j.getLocation() != null) {
        where += ":" + j.getLocation().getLineNr() + ":" + j.getLocation().getColumnNr();
      }
      throw new StateException(
          StateException.Kind.CORRUPT,
          where
              + ": not valid JSON (it may be truncated or hand-edited): "
              + firstLine(
                  e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
              + ". Restore it from git or from "
              + name
              + ".backup; nothing was changed.");
    }
  }

  /** A missing file after this workspace saw a state here: deleted or checked out away. */
  static void refuseIfSeen(String name, Optional<SeenRecord.Seen> last, Path seenFile)
      throws StateException {
    if (last.isPresent() && last.get().serial() > 0) {
      throw new StateException(
          StateException.Kind.MISSING,
          name
              + " is missing, but this workspace has seen serial "
              + last.get().serial()
              + " of lineage "
              + last.get().lineage()
              + ". Restore it from git, or with `pool state restore "
              + name
              + ".backup` (it shows what differs from the clouds first); delete "
              + seenFile
              + " only to start a new state (existing pools would be created again).");
    }
  }

  /** Refuses a state of another lineage, or older than one this workspace already saw. */
  static void checkAgainstSeen(State s, String name, SeenRecord.Seen last, Path seenFile)
      throws StateException {
    if (!last.lineage().equals(s.lineage())) {
      throw new StateException(
          StateException.Kind.FOREIGN_LINEAGE,
          name
              + " has lineage "
              + s.lineage()
              + ", but this workspace last used lineage "
              + last.lineage()
              + ": it belongs to another configuration. Put the right state"
              + " back, or delete "
              + seenFile
              + " if you mean to switch.");
    }
    if (s.serial() < last.serial()) {
      throw new StateException(
          StateException.Kind.OLDER_SERIAL,
          name
              + " has serial "
              + s.serial()
              + ", older than serial "
              + last.serial()
              + " this workspace already saw (was an older commit checked out?). Applying it would"
              + " undo changes the clouds already have. Restore the newer state (git log -- "
              + name
              + "), or, to go back on purpose, put the newer one back and run `pool state"
              + " restore OLDER_FILE` (it shows what differs from the clouds first).");
    }
  }

  /** A state of lineage {@code found} where a plan or a caller expected {@code expected}. */
  static StateException foreign(String name, String found, String expected, String why) {
    return new StateException(
        StateException.Kind.FOREIGN_LINEAGE,
        name
            + " has lineage "
            + found
            + " but "
            + expected
            + " was expected ("
            + why
            + "): it belongs to another configuration. Nothing was changed.");
  }

  /** A state to restore of another lineage than the state it would replace. */
  static StateException foreignRestore(String name, String found, Path path, String current) {
    return new StateException(
        StateException.Kind.FOREIGN_LINEAGE,
        name
            + " has lineage "
            + found
            + ", but "
            + path.getFileName()
            + " has lineage "
            + current
            + ": it is the state of another configuration, and restoring it would hand this"
            + " one's pools to it. Nothing was changed.");
  }

  /** The state file is gone while its journal holds an apply's steps on it. */
  static StateException journalWithoutFile(String name, Path journal, Path backup) {
    return new StateException(
        StateException.Kind.MISSING,
        name
            + " is missing, but "
            + journal.getFileName()
            + " holds steps of an apply made on it. Restore "
            + name
            + " from git or from "
            + backup.getFileName()
            + "; nothing was changed.");
  }

  /** The journal holds steps made on another state than the file's. */
  static StateException journalOfAnother(
      String jname, StateJournal.Contents c, String name, State base) {
    return new StateException(
        StateException.Kind.CORRUPT,
        jname
            + " holds steps of an apply made on serial "
            + c.baseSerial()
            + " of lineage "
            + c.lineage()
            + ", but "
            + name
            + " is serial "
            + base.serial()
            + " of lineage "
            + base.lineage()
            + " (was the state file replaced after an interrupted apply?). Nothing was"
            + " changed. Put back the state file that apply used, or move "
            + jname
            + " aside to go on from "
            + name
            + " alone.");
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
