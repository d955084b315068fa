package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of the emulator: HTTP status, JSON body ({@code null} for none) and headers. */
record Reply(int status, JsonNode body, Map<String, String> headers) {
  static Reply of(int status, JsonNode body) {
    return new Reply(status, body, new LinkedHashMap<>());
  }

  /** ARM's error answer: {@code {"error": {code, message, target}}} with the error's status. */
  static Reply error(ArmError e) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode err = body.putObject("error");
    err.put("code", e.code);
    err.put("message", e.getMessage());
    if (e.target != null) err.put("target", e.target);
    return of(e.status, body);
  }
}
