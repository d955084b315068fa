package dev.poolform.capi.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser reports the anchor of a mapping or a sequence ({@code getObjectId}) but not
 * of a scalar ({@code replicas: &n 3}), so an alias to a scalar would name no anchor. This factory
 * makes parsers that also tell the anchor of the scalar just read, from the SnakeYAML event under
 * it.
 */
final class AnchorAwareYaml extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  AnchorAwareYaml(YAMLFactoryBuilder b) {
    super(b);
  }

  /** A parser that knows the anchor of the scalar it stands on. */
  static final class Parser extends YAMLParser {
    Parser(
        IOContext ctxt, int features, int yamlFeatures, LoaderOptions lo, ObjectCodec c, Reader r) {
      super(ctxt, features, yamlFeatures, lo, c, r);
    }

    /** The anchor of the current scalar value, or null. */
    String scalarAnchor() {
      return _lastEvent instanceof ScalarEvent s ? s.getAnchor() : null;
    }
  }

  @Override
  protected YAMLParser _createParser(Reader r, IOContext ctxt) {
    return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
  }

  @Override
  protected YAMLParser _createParser(
      char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
    return _createParser(new CharArrayReader(data, offset, len), ctxt);
  }
}
