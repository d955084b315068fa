package dev.poolform.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates Kubernetes objects against the OpenAPI v3 schemas of the Cluster API CRDs kept as test
 * resources under {@code capi-crds/} (their upstream and licence are in its README), the way the
 * API server would for what JSON Schema can express: Kubernetes' extensions are translated first
 * ({@code x-kubernetes-int-or-string} becomes {@code anyOf integer|string}, objects with properties
 * reject unknown fields unless {@code x-kubernetes-preserve-unknown-fields}, as structural pruning
 * would drop them, {@code int32} becomes a range). CEL rules ({@code x-kubernetes-validations}) are
 * not evaluated.
 */
public final class CrdValidator {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** "apiVersion kind" to schema. */
  private final Map<String, Schema> schemas = new HashMap<>();

  private static CrdValidator instance;

  public static synchronized CrdValidator get() {
    if (instance == null) instance = new CrdValidator(crdDirectory());
    return instance;
  }

  public static Path repoRoot() {
    String root = System.getProperty("poolform.repo.root");
    Path p = root == null ? Path.of("").toAbsolutePath() : Path.of(root);
    // Run from the module directory (an IDE) the repository is one level up.
    if (!Files.isDirectory(p.resolve("capi")) && p.getParent() != null) p = p.getParent();
    return p;
  }

  /** The test resource directory holding the CRDs; the repository carries them itself. */
  static Path crdDirectory() {
    URL readme = CrdValidator.class.getResource("/capi-crds/README.md");
    if (readme == null) throw new IllegalStateException("capi-crds/ is not on the test classpath");
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private CrdValidator(Path dir) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode crd = YAML.readTree(f.toFile());
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode v : crd.path("spec").path("versions")) {
          JsonNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
          translate(schema);
          String key = group + "/" + v.path("name").asText() + " " + kind;
          schemas.put(key, registry.getSchema(JSON.writeValueAsString(schema), InputFormat.JSON));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + dir, e);
    }
  }

  public boolean knows(String apiVersion, String kind) {
    return schemas.containsKey(apiVersion + " " + kind);
  }

  /** Every violation in one object, as readable lines; empty when it is valid. */
  public List<String> validate(JsonNode doc) {
    List<String> errors = new ArrayList<>();
    String apiVersion = doc.path("apiVersion").asText();
    String kind = doc.path("kind").asText();
    Schema schema = schemas.get(apiVersion + " " + kind);
    if (schema == null) {
      errors.add("no CRD serves " + kind + " as " + apiVersion);
      return errors;
    }
    JsonNode meta = doc.path("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty() || name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
      errors.add("metadata.name `" + name + "` is not a DNS label");
    }
    if (!meta.path("namespace").isMissingNode()
        && !DNS_LABEL.matcher(meta.path("namespace").asText()).matches()) {
      errors.add("metadata.namespace is not a DNS label");
    }
    try {
      for (var e : schema.validate(JSON.writeValueAsString(doc), InputFormat.JSON)) {
        errors.add(kind + " " + e.getInstanceLocation() + ": " + e.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return errors;
  }

  /** Every document of a multi-document YAML text. */
  public static List<JsonNode> documents(String yaml) {
    try {
      List<JsonNode> out = new ArrayList<>();
      var parser = YAML.getFactory().createParser(yaml);
      Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) out.add(n);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void translate(JsonNode node) {
    if (!(node instanceof ObjectNode o)) return;
    boolean intOrString = o.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (intOrString && !o.has("anyOf")) {
      ArrayNode any = o.putArray("anyOf");
      any.addObject().put("type", "integer");
      any.addObject().put("type", "string");
      o.remove("type");
    }
    String format = o.path("format").asText("");
    if (format.equals("int32")) {
      if (!o.has("maximum")) o.put("maximum", Integer.MAX_VALUE);
      if (!o.has("minimum")) o.put("minimum", Integer.MIN_VALUE);
    }
    o.remove("format"); // int-or-string, duration (Go syntax, not ISO 8601), date-time, ...
    o.remove("description");
    List<String> ext = new ArrayList<>();
    o.fieldNames()
        .forEachRemaining(
            f -> {
              if (f.startsWith("x-kubernetes-")) ext.add(f);
            });
    ext.forEach(o::remove);
    if (o.has("properties") && !preserve && !o.has("additionalProperties")) {
      o.put("additionalProperties", false);
    }
    if (o.get("properties") instanceof ObjectNode props)
      props.elements().forEachRemaining(CrdValidator::translate);
    translate(o.get("items"));
    translate(o.get("additionalProperties"));
    for (String k : List.of("anyOf", "allOf", "oneOf")) {
      if (o.get(k) instanceof ArrayNode a) a.elements().forEachRemaining(CrdValidator::translate);
    }
    if (o.has("not")) translate(o.get("not"));
  }
}
