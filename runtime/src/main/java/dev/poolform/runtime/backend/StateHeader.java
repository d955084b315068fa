package dev.poolform.runtime.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.state.StateException;
import java.io.IOException;

/** The two fields of a state file that order it: enough to compare two copies of one state. */
public record StateHeader(String lineage, long serial) {

  /**
   * @param where where the copy came from, for the message ("in git", "in s3://b/k")
   */
  public static StateHeader of(byte[] bytes, String where) throws StateException {
    try {
      JsonNode n = CanonicalJson.parse(bytes);
      return new StateHeader(n.path("lineage").asText(""), n.path("serial").asLong(0));
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.CORRUPT,
          "The state file "
              + where
              + " is not valid JSON; restore it from a backup or an older version. Nothing was"
              + " changed.");
    }
  }
}
