package dev.poolform.capi.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.List;

/**
 * Writes Kubernetes objects as multi-document YAML. Key order is the insertion order of the {@link
 * ObjectNode}s (the emitters insert in a fixed order), so output is byte-identical across runs.
 * Documents are separated by a {@code ---} line; there is no leading marker, so files can be
 * concatenated with a {@code ---} between them.
 */
public final class ManifestWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .stringQuotingChecker(new Yaml11Safe())
              .build());

  private ManifestWriter() {}

  public static String write(List<ObjectNode> documents) {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode doc : documents) {
      if (sb.length() > 0) sb.append("---\n");
      try {
        sb.append(MAPPER.writeValueAsString(doc));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a tree of plain nodes always serialises", e);
      }
    }
    return sb.toString();
  }

  /**
   * kubectl reads YAML 1.1, where {@code 0x1F}, {@code 010} or {@code 1_000} are numbers. Jackson's
   * default checker knows YAML 1.2 numbers only, so every string that starts like a number is
   * quoted as well: a label value stays a string whatever it looks like.
   */
  private static final class Yaml11Safe extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      if (super.needToQuoteValue(value)) return true;
      char c = value.isEmpty() ? 'x' : value.charAt(0);
      return Character.isDigit(c) || c == '+' || c == '-' || c == '.';
    }
  }
}
