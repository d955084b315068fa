package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Microsoft identity platform's token endpoint for the client-credentials grant, as a service
 * principal's {@code DefaultAzureCredential} (its EnvironmentCredential) calls it: {@code POST
 * /{tenant}/oauth2/v2.0/token} with a form body {@code grant_type=client_credentials, client_id,
 * client_secret, scope}. A known client with its secret gets {@code {"token_type": "Bearer",
 * "expires_in", "ext_expires_in", "access_token"}}; anything else the endpoint's 401 {@code
 * invalid_client} (AADSTS7000215) or 400 {@code unauthorized_client} (AADSTS700016) body.
 */
public final class TokenIssuer {
  static final Pattern PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");

  private final String tenant;
  private final String clientId;
  private final String clientSecret;
  private final String accessToken;

  /** Every form the endpoint received, in order. */
  public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  public TokenIssuer(String tenant, String clientId, String clientSecret, String accessToken) {
    this.tenant = tenant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.accessToken = accessToken;
  }

  static boolean handles(String method, String path) {
    return method.equals("POST") && PATH.matcher(path).matches();
  }

  /** The status and body for a token request. */
  Map.Entry<Integer, ObjectNode> token(String path, byte[] body) {
    Matcher m = PATH.matcher(path);
    m.matches();
    Map<String, String> form = new TreeMap<>();
    for (String part : new String(body, StandardCharsets.UTF_8).split("&", -1)) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    requests.add(form);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!m.group(1).equals(tenant) || !clientId.equals(form.get("client_id"))) {
      out.put("error", "unauthorized_client");
      out.put(
          "error_description",
          "AADSTS700016: Application with identifier '"
              + form.get("client_id")
              + "' was not found in the directory '"
              + m.group(1)
              + "'.");
      out.putArray("error_codes").add(700016);
      return Map.entry(400, out);
    }
    if (!clientSecret.equals(form.get("client_secret"))
        || !"client_credentials".equals(form.get("grant_type"))) {
      out.put("error", "invalid_client");
      out.put(
          "error_description",
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the"
              + " request is the client secret value, not the client secret ID, for a secret added to app '"
              + clientId
              + "'.");
      out.putArray("error_codes").add(7000215);
      return Map.entry(401, out);
    }
    out.put("token_type", "Bearer");
    out.put("expires_in", 3599);
    out.put("ext_expires_in", 3599);
    out.put("access_token", accessToken);
    return Map.entry(200, out);
  }
}
